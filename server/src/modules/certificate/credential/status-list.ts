import { gunzipSync, gzipSync } from 'node:zlib';
import { base64urlnopad } from '@scure/base';
import { credentialUrls, type CredentialSettings } from './credential-settings';
import { xsdDateTime, type JsonObject } from './data-integrity';
import { signAsIssuer } from './issuer-signature';
import { issuerProfile, VC_CONTEXT } from './open-badge';

/**
 * W3C Bitstring Status List v1.0. A certificate's global status index
 * (allocated in order, stored on the certificate) maps to a list and a bit
 * in it; each list has the spec's minimum of 16 KiB (131,072 entries), so
 * one list serves the programme for a long time and a verifier fetching it
 * learns nothing about which certificate is being checked.
 */
export const STATUS_LIST_SIZE = 131_072;
/** How long (ms) a verifier may cache a status list (the list's `ttl`, and HTTP max-age). */
export const STATUS_LIST_TTL_MS = 300_000;

export function statusPosition(globalIndex: number): { list: number; index: number } {
  return { list: Math.floor(globalIndex / STATUS_LIST_SIZE) + 1, index: globalIndex % STATUS_LIST_SIZE };
}

/** The spec's bit order: index 0 is the left-most (most significant) bit of the first byte. */
export function encodeStatusList(setIndexes: Iterable<number>): string {
  const bits = new Uint8Array(STATUS_LIST_SIZE / 8);
  for (const i of setIndexes) bits[i >> 3] |= 0x80 >> (i & 7);
  return `u${base64urlnopad.encode(gzipSync(bits))}`;
}

export function isStatusSet(encodedList: string, index: number): boolean {
  if (!encodedList.startsWith('u')) throw new Error('encodedList is not multibase base64url');
  const bits = gunzipSync(base64urlnopad.decode(encodedList.slice(1)));
  if (index < 0 || index >= bits.length * 8) throw new Error(`status index ${index} is outside the list`);
  return (bits[index >> 3] & (0x80 >> (index & 7))) !== 0;
}

/** The credentialStatus entry a certificate carries. */
export function statusEntry(settings: CredentialSettings, globalIndex: number): JsonObject {
  const { list, index } = statusPosition(globalIndex);
  const listUrl = credentialUrls(settings.publicUrl).statusList(list);
  return {
    id: `${listUrl}#${index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: 'revocation',
    statusListIndex: String(index),
    statusListCredential: listUrl,
  };
}

/** The signed revocation list `list`, whose bits at `revokedIndexes` (positions within the list) are set. */
export function statusListCredential(settings: CredentialSettings, list: number, revokedIndexes: number[], now: Date): JsonObject {
  const id = credentialUrls(settings.publicUrl).statusList(list);
  return signAsIssuer(
    {
      '@context': [VC_CONTEXT],
      id,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: issuerProfile(settings),
      validFrom: xsdDateTime(now),
      credentialSubject: {
        id: `${id}#list`,
        type: 'BitstringStatusList',
        statusPurpose: 'revocation',
        encodedList: encodeStatusList(revokedIndexes),
        ttl: STATUS_LIST_TTL_MS,
      },
    },
    settings,
    now,
  );
}
