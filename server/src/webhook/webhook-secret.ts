import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/** Standard Webhooks secrets: "whsec_" and the base64 of 32 random bytes (the spec asks for 24 to 64). */
export const SECRET_PREFIX = 'whsec_';

export function generateWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

/** The key bytes of a secret: what follows "whsec_", base64-decoded. */
export function secretKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
}

/**
 * One Standard Webhooks signature: "v1," and the base64 HMAC-SHA256, under the
 * secret's key, of "<webhook-id>.<webhook-timestamp>.<body>".
 */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  return `v1,${createHmac('sha256', secretKey(secret)).update(`${id}.${timestamp}.${body}`, 'utf8').digest('base64')}`;
}

const BOX_VERSION = 'v1';

/**
 * Webhook secrets at rest: AES-256-GCM under a key derived (HKDF-SHA256) from
 * the server's token pepper (CDP_TOKEN_PEPPER), the secret every instance
 * already shares. A copy of the database alone cannot sign webhooks, as it
 * cannot sign in. The secret must be readable to sign, so it is encrypted,
 * not hashed. Changing the pepper makes the stored secrets unreadable:
 * rotate each endpoint's secret afterwards (docs/api.md, "Webhooks").
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(pepper: string) {
    this.key = Buffer.from(hkdfSync('sha256', Buffer.from(pepper, 'utf8'), Buffer.alloc(0), Buffer.from('cdp-hub webhook secrets', 'utf8'), 32));
  }

  seal(secret: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return `${BOX_VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64')}`;
  }

  /** Throws when the value was sealed under another pepper (or altered). */
  open(sealed: string): string {
    const [version, data] = sealed.split(':');
    if (version !== BOX_VERSION || !data) throw new Error('not a sealed webhook secret');
    const bytes = Buffer.from(data, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(12, 28));
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
  }
}
