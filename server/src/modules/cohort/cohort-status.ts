import { registerEnumType } from 'type-graphql';

export enum CohortStatus {
  PLANNED = 'PLANNED',
  NOMINATIONS_OPEN = 'NOMINATIONS_OPEN',
  SELECTION = 'SELECTION',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}

registerEnumType(CohortStatus, {
  name: 'CohortStatus',
  description: 'Where a cohort is in the yearly cycle. Statuses only move forward; a cohort can be cancelled before it completes.',
  valuesConfig: {
    PLANNED: { description: 'Created; nominations are not open yet (invitations may already go out).' },
    NOMINATIONS_OPEN: { description: 'Invitations sent; invited administrations may nominate until the deadline.' },
    SELECTION: { description: 'Nominations are closed and being reviewed and ranked.' },
    IN_PROGRESS: { description: 'The programme year is running; associates are placed in the Secretariat.' },
    COMPLETED: { description: 'The programme year is over.' },
    CANCELLED: { description: 'The cohort was cancelled and will not run.' },
  },
});
