import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-CS-Signature';

/** A new signing secret, shown to the admin once when the subscription is created. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

function hmac(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/**
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. The timestamp is signed with the
 * body so a receiver can refuse an old delivery replayed by someone who captured it.
 */
export function signatureHeader(secret: string, body: string, at: Date): string {
  const timestamp = Math.floor(at.getTime() / 1000);
  return `t=${timestamp},v1=${hmac(secret, timestamp, body)}`;
}

export type SignatureCheck = { readonly valid: true } | { readonly valid: false; readonly reason: 'malformed' | 'stale' | 'mismatch' };

/**
 * What a receiver does with a delivery (the README shows the same in a few lines): recompute the
 * HMAC over the timestamp and the body as received, compare in constant time, and refuse a
 * timestamp further than `toleranceSeconds` from its own clock.
 */
export function verifySignature(header: string, secret: string, body: string, now: Date, toleranceSeconds = 300): SignatureCheck {
  const parts = new Map(header.split(',').map((part) => part.trim().split('=', 2) as [string, string]));
  const timestamp = Number(parts.get('t'));
  const given = parts.get('v1');
  if (!Number.isInteger(timestamp) || !given || !/^[0-9a-f]{64}$/.test(given)) return { valid: false, reason: 'malformed' };
  if (Math.abs(now.getTime() / 1000 - timestamp) > toleranceSeconds) return { valid: false, reason: 'stale' };
  const expected = Buffer.from(hmac(secret, timestamp, body), 'hex');
  return timingSafeEqual(expected, Buffer.from(given, 'hex')) ? { valid: true } : { valid: false, reason: 'mismatch' };
}
