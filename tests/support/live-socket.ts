import WebSocket from 'ws';

/** A message of the graphql-ws protocol for one operation. */
export interface OperationMessage {
  type: 'next' | 'error' | 'complete';
  id: string;
  payload?: any;
}

/** One subscription on a LiveSocket: its messages in order. */
export interface LiveOperation {
  id: string;
  /** The next message of this operation (waits for it). */
  next(): Promise<OperationMessage>;
  /** Messages received and not yet taken by next(). */
  readonly pending: OperationMessage[];
  complete(): void;
}

/**
 * A raw client of the graphql-ws protocol over `ws`, for tests that look at
 * what the server sends and when it closes (the SDK's tests use the
 * graphql-ws library's own client).
 */
export interface LiveSocket {
  ws: WebSocket;
  /** Resolves at connection_ack; rejects if the socket closes first. */
  acked: Promise<void>;
  closed: Promise<{ code: number; reason: string }>;
  subscribe(query: string, variables?: Record<string, unknown>): LiveOperation;
  /** Sends any protocol message. */
  send(message: Record<string, unknown>): void;
  close(): void;
}

export const wsUrlOf = (httpUrl: string) => httpUrl.replace(/^http/, 'ws');

let ids = 0;

export function openLiveSocket(httpUrl: string, connectionParams: Record<string, unknown> | null): LiveSocket {
  const ws = new WebSocket(wsUrlOf(httpUrl), 'graphql-transport-ws');
  const operations = new Map<string, { pending: OperationMessage[]; waiting: Array<(m: OperationMessage) => void> }>();
  let ack!: () => void;
  let fail!: (err: Error) => void;
  const acked = new Promise<void>((resolve, reject) => {
    ack = resolve;
    fail = reject;
  });
  acked.catch(() => undefined);
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => {
      fail(new Error(`socket closed before connection_ack: ${code} ${reason.toString()}`));
      resolve({ code, reason: reason.toString() });
    }),
  );
  ws.on('error', () => undefined);
  ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', ...(connectionParams ? { payload: connectionParams } : {}) })));
  ws.on('message', (data) => {
    const message = JSON.parse(data.toString());
    if (message.type === 'connection_ack') return ack();
    if (message.type === 'ping') return ws.send(JSON.stringify({ type: 'pong' }));
    const operation = operations.get(message.id);
    if (!operation) return;
    const waiter = operation.waiting.shift();
    if (waiter) waiter(message);
    else operation.pending.push(message);
  });
  const send = (message: Record<string, unknown>) => ws.send(JSON.stringify(message));
  return {
    ws,
    acked,
    closed,
    send,
    subscribe(query, variables) {
      const id = `op-${++ids}`;
      const state = { pending: [] as OperationMessage[], waiting: [] as Array<(m: OperationMessage) => void> };
      operations.set(id, state);
      send({ id, type: 'subscribe', payload: { query, variables } });
      return {
        id,
        pending: state.pending,
        next: () => {
          const ready = state.pending.shift();
          return ready ? Promise.resolve(ready) : new Promise<OperationMessage>((resolve) => state.waiting.push(resolve));
        },
        complete: () => send({ id, type: 'complete' }),
      };
    },
    close: () => ws.close(),
  };
}

/** A signed-in socket: connection_init with the bearer token, acknowledged. */
export async function signedInSocket(httpUrl: string, token: string): Promise<LiveSocket> {
  const socket = openLiveSocket(httpUrl, { authorization: `Bearer ${token}` });
  await socket.acked;
  return socket;
}

/** Waits (polling, without a timing assertion) until `condition` holds; fails after `limitMs`. */
export async function waitUntil(condition: () => boolean, what: string, limitMs = 10_000): Promise<void> {
  const until = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
