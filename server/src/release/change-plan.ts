import getReleasePlan from '@changesets/get-release-plan';
import type { Bump } from './versions';

export const SDK_PACKAGE = '@cdp-hub/sdk';

/** A pending change file (`.changeset/<id>.md`). */
export interface PendingChangeset {
  id: string;
  /** Its changelog text. */
  summary: string;
  /** What it does to @cdp-hub/sdk's version: `none` when it names only other packages. */
  sdkBump: Bump;
}

/** What the next `npm run release` would do to the SDK, from the pending change files. */
export interface ChangePlan {
  changesets: PendingChangeset[];
  sdk: { bump: Bump; oldVersion: string; newVersion: string };
}

/**
 * Reads the pending change files the way `changeset version` will apply
 * them (Changesets' own release plan, so the configuration's rules hold).
 */
export async function readChangePlan(root: string): Promise<ChangePlan> {
  const plan = await getReleasePlan(root);
  const sdk = plan.releases.find((release) => release.name === SDK_PACKAGE);
  return {
    changesets: plan.changesets.map(({ id, summary, releases }) => ({
      id,
      summary,
      sdkBump: releases.find((release) => release.name === SDK_PACKAGE)?.type ?? 'none',
    })),
    sdk: sdk ? { bump: sdk.type, oldVersion: sdk.oldVersion, newVersion: sdk.newVersion } : { bump: 'none', oldVersion: '', newVersion: '' },
  };
}
