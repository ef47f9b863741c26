import { registerEnumType } from 'type-graphql';
import { NominationStatus } from './nomination-status';

/** What decideNomination may set: every status but SUBMITTED (the start) and WITHDRAWN (the administration's act). */
export enum NominationDecision {
  SHORTLISTED = 'SHORTLISTED',
  SELECTED = 'SELECTED',
  RESERVE = 'RESERVE',
  NOT_SELECTED = 'NOT_SELECTED',
}

registerEnumType(NominationDecision, {
  name: 'NominationDecision',
  description: 'A selection decision on a nomination, taken by the secretariat while the cohort is in SELECTION.',
  valuesConfig: {
    SHORTLISTED: { description: 'Keep a SUBMITTED nomination for the final selection.' },
    SELECTED: {
      description:
        'Select a SHORTLISTED or RESERVE nomination: the candidate becomes a Professional Associate (ASSIGNED) if a seat is free.',
    },
    RESERVE: { description: 'Put a SHORTLISTED nomination on the reserve list.' },
    NOT_SELECTED: { description: 'Decline a SUBMITTED, SHORTLISTED or RESERVE nomination.' },
  },
});

/** The decisions each status allows; the rest are INVALID_DECISION. */
export const NEXT_DECISIONS: Readonly<Record<NominationStatus, readonly NominationDecision[]>> = {
  [NominationStatus.SUBMITTED]: [NominationDecision.SHORTLISTED, NominationDecision.NOT_SELECTED],
  [NominationStatus.SHORTLISTED]: [NominationDecision.SELECTED, NominationDecision.RESERVE, NominationDecision.NOT_SELECTED],
  [NominationStatus.RESERVE]: [NominationDecision.SELECTED, NominationDecision.NOT_SELECTED],
  [NominationStatus.SELECTED]: [],
  [NominationStatus.NOT_SELECTED]: [],
  [NominationStatus.WITHDRAWN]: [],
};

/** Statuses after which a nomination counts as decided: decidedAt is set, withdrawal and reviews are closed. */
export const FINAL_STATUSES: readonly NominationStatus[] = [
  NominationStatus.SELECTED,
  NominationStatus.RESERVE,
  NominationStatus.NOT_SELECTED,
];
