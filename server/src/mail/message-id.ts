import { createHash } from 'node:crypto';

/**
 * The Message-ID of a message: made from its idempotency key (one event,
 * one recipient), so every attempt and every copy carries the same one.
 * Hashed, so that it names no internal ID; under the public URL's host.
 */
export function messageIdOf(idempotencyKey: string, publicUrl: string): string {
  const digest = createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40);
  return `<${digest}@${new URL(publicUrl).hostname}>`;
}
