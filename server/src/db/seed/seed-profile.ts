/**
 * `history`: the public facts only (regions, administrations, the programme,
 * its cohorts and their events), what a production database starts from.
 * `demo`: the history plus the sample people of those cohorts, the
 * demonstration programme with its cohort open for nominations, and the demo
 * users; the development default.
 */
export const SEED_PROFILES = ['history', 'demo'] as const;
export type SeedProfile = (typeof SEED_PROFILES)[number];

/** The profile of an environment when none is asked for: samples and demo users never reach production by default. */
export function defaultSeedProfile(env: 'development' | 'production' | 'test'): SeedProfile {
  return env === 'production' ? 'history' : 'demo';
}
