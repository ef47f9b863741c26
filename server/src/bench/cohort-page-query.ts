/** The frontend team's cohort page of issue 10: the query both endpoints answer in the benchmark. */
export const COHORT_PAGE_QUERY = `query CohortPage($label: String!) {
  cohort(label: $label) {
    id label status startDate endDate
    programme { code name }
    associates(first: 20) { totalCount nodes {
      id fullName directorate status
      administration { iso2 name region { code name } }
      research { title status themes milestones { title dueDate completedAt } }
      certificates { serial issuedAt isValid } } }
    events { kind title startsAt datePrecision officiantName officiantTitle }
  }
}`;

export const COHORT_PAGE_VARIABLES = { label: '2023-2024' };

/** Associates on the page, as `associates(first: 20)` above. */
export const COHORT_PAGE_SIZE = 20;
