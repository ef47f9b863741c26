import type { Clock } from '../../server/src/common/clock';

/** A test server's clock that a test moves, e.g. past an event, since time is what the rule under test is about. */
export interface SettableClock extends Clock {
  /** Moves the clock to `instant`; it goes on from there. */
  set(instant: string | Date): void;
}

/**
 * A clock that starts at `start` and moves `stepMs` milliseconds each time it
 * is read (0: it stands still, as the default test clock does), until set.
 * Sessions last 12 hours of this clock: a caller signed in before a move of
 * more than that signs in again.
 */
export function settableClock(start: string | Date, stepMs = 0): SettableClock {
  let at = new Date(start).getTime();
  return {
    now: () => {
      const now = new Date(at);
      at += stepMs;
      return now;
    },
    set(instant) {
      at = new Date(instant).getTime();
    },
  };
}
