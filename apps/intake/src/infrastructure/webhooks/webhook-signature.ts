import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-Signature';
export const TIMESTAMP_HEADER = 'X-Timestamp';
export const DELIVERY_ID_HEADER = 'X-Delivery-Id';
/** Long enough for gateway clock drift and retries in flight, short enough to bound replays. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

export type WebhookVerificationFailure =
  | 'missing_signature'
  | 'malformed_signature'
  | 'bad_signature'
  | 'missing_timestamp'
  | 'malformed_timestamp'
  | 'stale_timestamp';

export type WebhookVerificationResult =
  | {
      readonly ok: true;
      readonly timestamp: number;
      /**
       * The delivery id is not covered by the signature, so a captured request can be resent
       * under a fresh id. Recording this key (SET NX with a TTL of at least twice the
       * tolerance) alongside the delivery id closes that gap.
       */
      readonly replayKey: string;
    }
  | { readonly ok: false; readonly reason: WebhookVerificationFailure };

/** As in Node's IncomingHttpHeaders, where a repeated header may arrive as an array. */
export type HeaderValue = string | readonly string[] | undefined;

export interface VerifyWebhookSignatureInput {
  readonly secret: string;
  /** The body exactly as received, before any JSON parsing: re-serialising changes the bytes. */
  readonly rawBody: Buffer;
  readonly signatureHeader: HeaderValue;
  readonly timestampHeader: HeaderValue;
  readonly now: Date;
  readonly toleranceSeconds?: number;
}

export interface WebhookSignatureHeaders {
  readonly [SIGNATURE_HEADER]: string;
  readonly [TIMESTAMP_HEADER]: string;
}

const SIGNATURE = /^sha256=([0-9a-fA-F]{64})$/;
const TIMESTAMP = /^\d{1,12}$/;

/**
 * What a gateway sends: `X-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>`
 * and `X-Timestamp: <unix seconds>`.
 */
export function signWebhook(secret: string, rawBody: Buffer, timestamp: number): WebhookSignatureHeaders {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new RangeError(`timestamp must be whole unix seconds (got ${timestamp})`);
  }
  const timestampText = String(timestamp);
  return {
    [SIGNATURE_HEADER]: `sha256=${hmac(secret, timestampText, rawBody).toString('hex')}`,
    [TIMESTAMP_HEADER]: timestampText,
  };
}

/**
 * Checks that a webhook came from the gateway holding `secret` and is recent. The signature is
 * checked before the age, so a forged request always reads `bad_signature` and a genuine one
 * from a gateway with a wrong clock reads `stale_timestamp`, which is what its operator needs.
 */
export function verifyWebhookSignature(input: VerifyWebhookSignatureInput): WebhookVerificationResult {
  const { secret, rawBody, now, toleranceSeconds = DEFAULT_TOLERANCE_SECONDS } = input;
  if (secret.length === 0) throw new RangeError('the webhook secret must not be empty');
  if (!(toleranceSeconds >= 0)) throw new RangeError(`toleranceSeconds must be >= 0 (got ${toleranceSeconds})`);

  const signatureText = single(input.signatureHeader);
  if (signatureText === undefined) return failure('missing_signature');
  const match = SIGNATURE.exec(signatureText);
  if (!match?.[1]) return failure('malformed_signature');

  const timestampText = single(input.timestampHeader);
  if (timestampText === undefined) return failure('missing_timestamp');
  if (!TIMESTAMP.test(timestampText)) return failure('malformed_timestamp');

  const expected = hmac(secret, timestampText, rawBody);
  if (!timingSafeEqual(Buffer.from(match[1], 'hex'), expected)) return failure('bad_signature');

  const timestamp = Number(timestampText);
  // Both directions: a timestamp far in the future would otherwise stay replayable for as long.
  if (Math.abs(now.getTime() / 1000 - timestamp) > toleranceSeconds) return failure('stale_timestamp');
  return { ok: true, timestamp, replayKey: expected.toString('hex') };
}

function hmac(secret: string, timestampText: string, rawBody: Buffer): Buffer {
  return createHmac('sha256', secret).update(`${timestampText}.`, 'utf8').update(rawBody).digest();
}

/**
 * Joins repeated headers the way Node does for most headers, so a request carrying two
 * signatures fails the format check instead of having one of them picked.
 */
function single(value: HeaderValue): string | undefined {
  const text = (typeof value === 'string' ? value : value?.join(', '))?.trim();
  return text ? text : undefined;
}

const failure = (reason: WebhookVerificationFailure): WebhookVerificationResult => ({ ok: false, reason });
