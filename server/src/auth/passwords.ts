import argon2 from 'argon2';

/**
 * argon2id with OWASP's first recommended configuration (19 MiB, 2
 * iterations, 1 lane). `PASSWORD_HASH_OPTIONS` is exported for the benchmark.
 */
export const PASSWORD_HASH_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, PASSWORD_HASH_OPTIONS);
}

/** A hash of a password nobody knows, made once, so an unknown e-mail costs the same verification as a known one. */
let dummyHash: Promise<string> | undefined;

/**
 * True when `password` matches `hash`. Without a hash (unknown or inactive
 * account) it still verifies against a dummy, so timing does not tell
 * whether an e-mail has an account.
 */
export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (hash === null) {
    dummyHash ??= hashPassword(`no account ${Math.random()}`);
    await argon2.verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return argon2.verify(hash, password).catch(() => false);
}
