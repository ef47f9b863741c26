import { CohortStatus } from './cohort-status';

/** The yearly cycle; a cohort moves one step forward at a time. */
const CYCLE = [CohortStatus.PLANNED, CohortStatus.NOMINATIONS_OPEN, CohortStatus.SELECTION, CohortStatus.IN_PROGRESS, CohortStatus.COMPLETED];

const FINAL = new Set([CohortStatus.COMPLETED, CohortStatus.CANCELLED]);

/** Whether the cycle allows `from` → `to`: the next step, or CANCELLED from any status that is not final. */
export function isAllowedTransition(from: CohortStatus, to: CohortStatus): boolean {
  if (FINAL.has(from)) return false;
  if (to === CohortStatus.CANCELLED) return true;
  return CYCLE.indexOf(to) === CYCLE.indexOf(from) + 1;
}

/** Where the cohort may go next, for the refusal's message. */
export function allowedTargets(from: CohortStatus): CohortStatus[] {
  return Object.values(CohortStatus).filter((to) => isAllowedTransition(from, to));
}
