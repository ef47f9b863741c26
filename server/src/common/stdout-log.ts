import SonicBoom from 'sonic-boom';

/** Lines beyond this many buffered bytes are dropped while stdout's reader is not reading. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

export interface StdoutLog {
  stream: SonicBoom;
  /** Waits for buffered lines to be written, but never longer than `ms`: a stuck reader must not hold up exit. */
  flush(ms: number): Promise<void>;
}

/**
 * The server's log destination: stdout, written asynchronously with a bounded
 * buffer. Writing synchronously (pino's default) to a pipe whose reader has
 * stopped blocks the main thread forever, so not even a timer can end the
 * process. Touching process.stdout makes libuv open a pipe in non-blocking
 * mode, so no write can block a thread-pool thread either (exit waits for
 * those). Unlike pino.destination, nothing flushes synchronously at exit.
 */
export function stdoutLog(): StdoutLog {
  void process.stdout;
  // minLength 1 writes each line at once, as 0 would, but lets flush() wait for pending writes.
  const stream = new SonicBoom({ fd: 1, sync: false, minLength: 1, maxLength: MAX_BUFFERED_BYTES });
  // A reader that went away (EPIPE) or any write failure must not crash the server: the log is lost, not the service.
  stream.on('error', () => undefined);
  return {
    stream,
    flush: (ms) =>
      new Promise((resolve) => {
        const timer = setTimeout(resolve, ms);
        stream.flush(() => {
          clearTimeout(timer);
          resolve();
        });
      }),
  };
}
