import type { ServerResponse } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

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
  /** Each request, by its response, with what still holds it: the open response, a running handler. */
  private readonly holds = new Map<ServerResponse, number>();
  private draining = false;
  private waiters: Array<() => void> = [];

  /** Requests arrived and not yet done with (their response open, or their handler still running). */
  get inFlight(): number {
    return this.holds.size;
  }

  /** First middleware of the app. */
  readonly track: RequestHandler = (_req, res, next) => {
    if (this.draining) res.setHeader('Connection', 'close');
    this.holds.set(res, 1);
    res.once('close', () => this.release(res));
    next();
  };

  /** The handler, counted until its promise settles (Express 5 awaits it and passes a rejection on). */
  handler(handle: (req: Request, res: Response, next: NextFunction) => unknown): RequestHandler {
    return async (req, res, next) => {
      this.holds.set(res, (this.holds.get(res) ?? 0) + 1);
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
    for (const res of this.holds.keys()) if (!res.headersSent && !res.writableEnded) res.setHeader('Connection', 'close');
  }

  /** Resolves once no request is being handled. */
  idle(): Promise<void> {
    if (this.holds.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private release(res: ServerResponse): void {
    const left = (this.holds.get(res) ?? 1) - 1;
    if (left > 0) {
      this.holds.set(res, left);
      return;
    }
    this.holds.delete(res);
    if (this.holds.size !== 0 || this.waiters.length === 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
