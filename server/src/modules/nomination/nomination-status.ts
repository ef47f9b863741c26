import { registerEnumType } from 'type-graphql';

export enum NominationStatus {
  SUBMITTED = 'SUBMITTED',
  SHORTLISTED = 'SHORTLISTED',
  SELECTED = 'SELECTED',
  RESERVE = 'RESERVE',
  NOT_SELECTED = 'NOT_SELECTED',
  WITHDRAWN = 'WITHDRAWN',
}

registerEnumType(NominationStatus, {
  name: 'NominationStatus',
  description: 'Progress of a nomination through selection.',
  valuesConfig: {
    SUBMITTED: { description: 'Received from the administration; not yet reviewed.' },
    SHORTLISTED: { description: 'Kept for the final selection.' },
    SELECTED: { description: 'Selected; the candidate becomes a Professional Associate.' },
    RESERVE: { description: 'On the reserve list, called if a selected candidate withdraws.' },
    NOT_SELECTED: { description: 'Not selected this year.' },
    WITHDRAWN: { description: 'Withdrawn by the administration before a decision.' },
  },
});
