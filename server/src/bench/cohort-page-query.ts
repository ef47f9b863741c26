/** The cohort page of issue 10 is the SDK's CohortPage operation (harness/cohort-page-request.ts); these are its arguments. */
export const COHORT_PAGE_VARIABLES = { label: '2023-2024' };

/** Associates on the page: the operation asks `associates(first: 20)`. */
export const COHORT_PAGE_SIZE = 20;
