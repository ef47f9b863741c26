/**
 * The wait before the next attempt after `attempts` failed ones: "full
 * jitter" (a uniformly random time up to the exponential bound), so that
 * messages that failed together, e.g. during an SMTP outage, do not all
 * come back together.
 */
export function retryDelayMs(attempts: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  const bound = Math.min(capMs, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.floor(random() * bound);
}
