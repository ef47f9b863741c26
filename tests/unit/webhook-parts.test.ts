/**
 * The parts of webhooks that need no server: which addresses are refused
 * (SSRF), the URL's form in development and production, the sealed secrets,
 * and signatures the Standard Webhooks reference library accepts.
 */
import { Webhook } from 'standardwebhooks';
import { checkAddress, checkUrlForm, RefusedAddress, resolveReceiver, specialRange } from '../../server/src/webhook/address-guard';
import { generateWebhookSecret, SecretBox, signWebhook } from '../../server/src/webhook/webhook-secret';
import { DEFAULT_WEBHOOK_SETTINGS, type WebhookSettings } from '../../server/src/webhook/webhook-settings';

const PRODUCTION: WebhookSettings = DEFAULT_WEBHOOK_SETTINGS;
const DEVELOPMENT: WebhookSettings = { ...DEFAULT_WEBHOOK_SETTINGS, allowLocalhost: true };

describe('webhook addresses', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['::1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.0.10', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.1.1', 'shared (carrier-grade NAT)'],
    ['0.0.0.0', '"this network"'],
    ['224.0.0.251', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['192.0.2.5', 'documentation'],
    ['::', 'unspecified'],
    ['fc00::1', 'unique local (private)'],
    ['fd12:3456::1', 'unique local (private)'],
    ['fe80::1', 'link-local'],
    ['ff02::1', 'multicast'],
    ['64:ff9b::a00:1', 'NAT64'],
    ['2001:db8::1', 'documentation'],
    ['2002:a00:1::', '6to4'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:a9fe:a9fe', 'link-local'],
    ['::ffff:127.0.0.1', 'loopback'],
  ])('%s is %s', (address, range) => {
    expect(specialRange(address)).toBe(range);
    expect(() => checkAddress(address, PRODUCTION)).toThrow(RefusedAddress);
  });

  it.each(['93.184.215.14', '8.8.8.8', '172.32.0.1', '2606:4700::1111', '::ffff:93.184.215.14'])('%s is public', (address) => {
    expect(specialRange(address)).toBeNull();
    expect(() => checkAddress(address, PRODUCTION)).not.toThrow();
  });

  it('allows loopback in development only, and private ranges only when configured', () => {
    expect(() => checkAddress('127.0.0.1', DEVELOPMENT)).not.toThrow();
    expect(() => checkAddress('::1', DEVELOPMENT)).not.toThrow();
    expect(() => checkAddress('10.0.0.1', DEVELOPMENT)).toThrow('the address 10.0.0.1 is private');
    const allowed = { ...PRODUCTION, allowedCidrs: ['10.20.0.0/16', 'fd00:1::/64'] };
    expect(() => checkAddress('10.20.3.4', allowed)).not.toThrow();
    expect(() => checkAddress('::ffff:10.20.3.4', allowed)).not.toThrow();
    expect(() => checkAddress('fd00:1::5', allowed)).not.toThrow();
    expect(() => checkAddress('10.21.3.4', allowed)).toThrow(RefusedAddress);
    expect(() => checkAddress('169.254.169.254', allowed)).toThrow(RefusedAddress);
  });

  it('wants https, or http to localhost in development; no credentials in the URL', () => {
    expect(() => checkUrlForm(new URL('https://hooks.example/x'), PRODUCTION)).not.toThrow();
    expect(() => checkUrlForm(new URL('http://hooks.example/x'), PRODUCTION)).toThrow('the URL must be https');
    expect(() => checkUrlForm(new URL('http://localhost:3000/x'), PRODUCTION)).toThrow('the URL must be https');
    expect(() => checkUrlForm(new URL('http://localhost:3000/x'), DEVELOPMENT)).not.toThrow();
    expect(() => checkUrlForm(new URL('http://[::1]:3000/x'), DEVELOPMENT)).not.toThrow();
    expect(() => checkUrlForm(new URL('http://hooks.example/x'), DEVELOPMENT)).toThrow('https (or http to localhost in development)');
    expect(() => checkUrlForm(new URL('https://u:p@hooks.example/x'), PRODUCTION)).toThrow('user name or password');
  });

  it('refuses a name if any address it resolves to is refused, allows configured names, and pins the checked address', async () => {
    const resolve = async () => [
      { address: '93.184.215.14', family: 4 },
      { address: '10.0.0.3', family: 4 },
    ];
    await expect(resolveReceiver(new URL('https://mixed.example/'), { ...PRODUCTION, resolve })).rejects.toThrow('the address 10.0.0.3 is private');
    await expect(resolveReceiver(new URL('https://mixed.example/'), { ...PRODUCTION, resolve, allowedHosts: ['mixed.example'] })).resolves.toEqual({ address: '93.184.215.14', family: 4 });
    // The system's resolver: localhost is loopback, refused in production.
    await expect(resolveReceiver(new URL('https://localhost/'), PRODUCTION)).rejects.toThrow(RefusedAddress);
  });
});

describe('webhook secrets', () => {
  it('are "whsec_" and 32 random bytes in base64, sealed so that only the same pepper opens them', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    const box = new SecretBox('pepper-of-this-server-0123456789abcdef');
    const sealed = box.seal(secret);
    expect(sealed).not.toContain(secret.slice(6));
    expect(box.open(sealed)).toBe(secret);
    expect(() => new SecretBox('another-pepper-0123456789abcdef-xyz').open(sealed)).toThrow();
  });

  it('sign as the reference library verifies', () => {
    const secret = generateWebhookSecret();
    const id = 'webhook:event:endpoint';
    const timestamp = Math.floor(Date.now() / 1000);
    const body = JSON.stringify({ type: 'CohortOpened', timestamp: new Date().toISOString(), data: { cohortId: 'Q29ob3J0OjE' } });
    const signature = signWebhook(secret, id, timestamp, body);
    expect(signature).toBe(new Webhook(secret).sign(id, new Date(timestamp * 1000), body));
    const headers = { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signature };
    expect(new Webhook(secret).verify(body, headers)).toMatchObject({ type: 'CohortOpened' });
  });
});
