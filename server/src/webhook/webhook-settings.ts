import type { LookupAddress } from 'node:dns';

/** How webhooks are sent and which addresses they may reach (WEBHOOK_* settings; docs/api.md, "Webhooks"). */
export interface WebhookSettings {
  /**
   * Development only: `http://` to localhost (localhost, 127.0.0.1, [::1]) and
   * loopback addresses are allowed, so a receiver on the developer's machine
   * can be tried. Never in production.
   */
  allowLocalhost: boolean;
  /** Host names (exact, lower case) that may resolve to addresses otherwise refused, e.g. an internal receiver. */
  allowedHosts: string[];
  /** Address ranges (CIDR, IPv4 or IPv6) that are allowed although they are private, e.g. "10.20.0.0/16". */
  allowedCidrs: string[];
  /** One request's longest run, connection included; short, so a slow receiver cannot hold the worker. */
  timeoutMs: number;
  /** Failed attempts in a row after which an endpoint is disabled (its status says why). */
  disableAfterFailures: number;
  /** How long the previous secret still signs after a rotation (both signatures are sent meanwhile). */
  rotationOverlapMs: number;
  /** Certificate authorities (PEM) trusted for receivers besides the system's, e.g. an internal CA (WEBHOOK_CA_FILE). */
  ca?: string;
  /** Name resolution; the system's (dns.lookup) unless given. Every address it answers is checked. */
  resolve?: (hostname: string) => Promise<LookupAddress[]>;
}

export const DEFAULT_WEBHOOK_SETTINGS: WebhookSettings = {
  allowLocalhost: false,
  allowedHosts: [],
  allowedCidrs: [],
  timeoutMs: 10_000,
  disableAfterFailures: 20,
  rotationOverlapMs: 24 * 3_600_000,
};
