/** The limits of GraphQL subscriptions over WebSocket (see docs/api.md, "Subscriptions"); configurable (config.ts). */
export interface LiveSettings {
  /** Subscriptions one WebSocket may hold at once. */
  maxSubscriptionsPerConnection: number;
  /** Subscriptions one user may hold at once on one instance, over all their sockets. */
  maxSubscriptionsPerUser: number;
  /** Sockets one user may hold open at once on one instance. */
  maxConnectionsPerUser: number;
  /** How often an idle socket is pinged; one that has not answered the last ping by the next is closed. */
  pingIntervalMs: number;
  /** How long a socket may stay open without connection_init. */
  connectionInitWaitMs: number;
  /** Events waiting for one subscription: a consumer that falls this far behind is disconnected. */
  maxQueuedEvents: number;
  /** Bytes the socket has not yet written: above this the consumer is too slow and is disconnected. */
  maxBufferedBytes: number;
  /** The largest message a client may send (subscribe documents are small). */
  maxPayloadBytes: number;
}

export const DEFAULT_LIVE_SETTINGS: LiveSettings = {
  maxSubscriptionsPerConnection: 20,
  maxSubscriptionsPerUser: 50,
  maxConnectionsPerUser: 10,
  pingIntervalMs: 15_000,
  connectionInitWaitMs: 5_000,
  maxQueuedEvents: 100,
  maxBufferedBytes: 1024 * 1024,
  maxPayloadBytes: 64 * 1024,
};
