import type { ServerResponse } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** What still holds a request: its response until it closes, and a tracked handler until it settles. */
const holds = Symbol('request holds');
type Held = ServerResponse & { [holds]?: number };

/**
 * The requests being handled, so that the database closes only after the
 * last of them. The HTTP drain (Apollo's) waits for open connections; a
 * request whose client has gone has none, yet its handler may still be
 * reading: closing the database under it ended in "Connection terminated"
 * errors after shutdown. So a request counts from its arrival until its
 * response has closed and, for handlers that may outlive it (GraphQL), until
 * the handler's promise has settled.
 *
 * Once draining, every response not yet started says `Connection: close`,
 * so that no client sends another request on a connection the server is
 * about to close (which would be lost without an answer).
 */
export class RequestDrain {
  private readonly unanswered = new Set<ServerResponse>();
  private active = 0;
  private draining = false;
  private waiters: Array<() => void> = [];

  /** Requests arrived and not yet done with (their response open, or their handler still running). */
  get inFlight(): number {
    return this.active;
  }

  /** First middleware of the app. */
  readonly track: RequestHandler = (_req, res, next) => {
    if (this.draining) res.setHeader('Connection', 'close');
    this.unanswered.add(res);
    this.hold(res);
    res.once('close', () => {
      this.unanswered.delete(res);
      this.release(res);
    });
    next();
  };

  /** The handler, counted until its promise settles (Express 5 awaits it and passes a rejection on). */
  handler(handle: (req: Request, res: Response, next: NextFunction) => unknown): RequestHandler {
    return async (req, res, next) => {
      this.hold(res);
      try {
        await handle(req, res, next);
      } finally {
        this.release(res);
      }
    };
  }

  /** From now on responses close their connection; those in flight too, unless already started. */
  beginDrain(): void {
    this.draining = true;
    for (const res of this.unanswered) if (!res.headersSent) res.setHeader('Connection', 'close');
  }

  /** Resolves once no request is being handled. */
  idle(): Promise<void> {
    if (this.active === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private hold(res: Held): void {
    if (!res[holds]) this.active += 1;
    res[holds] = (res[holds] ?? 0) + 1;
  }

  private release(res: Held): void {
    res[holds] = (res[holds] ?? 1) - 1;
    if (res[holds] > 0) return;
    this.active -= 1;
    if (this.active !== 0 || this.waiters.length === 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
