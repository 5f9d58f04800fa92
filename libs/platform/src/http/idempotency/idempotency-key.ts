import { createHash } from 'node:crypto';
import type { FieldParams, FieldRule } from '../../problem/field-rules';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const IDEMPOTENCY_REPLAYED_HEADER = 'Idempotency-Replayed';

export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;
const VISIBLE_ASCII = /^[\x21-\x7e]+$/;

export type IdempotencyKeyHeader =
  | { readonly kind: 'absent' }
  | { readonly kind: 'valid'; readonly key: string }
  | { readonly kind: 'invalid'; readonly reason: string; readonly rule: FieldRule; readonly params?: FieldParams };

const ABSENT: IdempotencyKeyHeader = { kind: 'absent' };
const invalid = (reason: string, rule: FieldRule = 'invalid_format', params?: FieldParams): IdempotencyKeyHeader => ({
  kind: 'invalid',
  reason,
  rule,
  ...(params ? { params } : {}),
});

/**
 * Reads the `Idempotency-Key` request header. The draft defines the value as a Structured
 * Field String (`"…"`), but most clients send the bare token, so both forms are accepted
 * and name the same key.
 */
export function parseIdempotencyKeyHeader(value: string | readonly string[] | undefined): IdempotencyKeyHeader {
  if (value === undefined) return ABSENT;
  // Node joins repeated custom headers with ", "; an array only comes from raw header access.
  if (typeof value !== 'string') return invalid('must be sent once');
  const key = unquote(value);
  if (key === undefined) return invalid('is a malformed quoted string');
  if (key.length === 0) return invalid('must not be empty', 'required');
  if (key.length > MAX_IDEMPOTENCY_KEY_LENGTH) return invalid(`must be at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`, 'too_long', { max: MAX_IDEMPOTENCY_KEY_LENGTH });
  if (!VISIBLE_ASCII.test(key)) return invalid('must contain only visible ASCII characters (no spaces)');
  return { kind: 'valid', key };
}

/** Strips Structured Field String quoting (RFC 8941 §3.3.3); undefined when the quoting is broken. */
function unquote(value: string): string | undefined {
  if (!(value.length >= 2 && value.startsWith('"') && value.endsWith('"'))) return value;
  let result = '';
  const inner = value.slice(1, -1);
  for (let i = 0; i < inner.length; i++) {
    const char = inner[i];
    if (char === '"') return undefined;
    if (char === '\\') {
      const escaped = inner[i + 1];
      if (escaped !== '"' && escaped !== '\\') return undefined;
      result += escaped;
      i++;
    } else {
      result += char;
    }
  }
  return result;
}

/** Who a key belongs to: keys are unique per client, so two clients may pick the same one. */
export type IdempotencyScope =
  | { readonly kind: 'principal'; readonly sub: string }
  /** Unauthenticated callers (webhooks) are told apart only by the route they call. */
  | { readonly kind: 'anonymous'; readonly route: string };

/**
 * Request headers that change what a request asks, so they are part of "the same request": a
 * retry with a fresh If-Match is a new attempt, not the replay of an earlier 412; a purpose
 * (X-Access-Purpose) is what an unmasked view of personal data was given for, and a retry
 * without one must not be handed that view.
 */
export const FINGERPRINTED_HEADERS = ['if-match', 'x-access-purpose'] as const;

/**
 * Identifies "the same request": method, target URL (path and query), the headers of
 * `FINGERPRINTED_HEADERS` and the body in canonical form, so a client re-serialising its JSON
 * with another key order still matches.
 */
export function requestFingerprint(
  method: string,
  url: string,
  body: unknown,
  headers: Readonly<Record<string, string | string[] | undefined>> = {},
): string {
  const conditions = FINGERPRINTED_HEADERS.map((name) => [headers[name]].flat().join(', ')).join('\n');
  // Newlines cannot occur in a method, a request target or a header value, so the fields cannot bleed into each other.
  return createHash('sha256').update(`${method.toUpperCase()}\n${url}\n${conditions}\n${canonicalJson(body)}`).digest('hex');
}

/**
 * JSON with object keys sorted (by UTF-16 code units, as RFC 8785 does) at every depth, so equal
 * values serialise identically. `undefined` (no body) is the empty string, distinct from `null`;
 * binary bodies are hashed by content.
 */
export function canonicalJson(value: unknown): string {
  return value === undefined ? '' : (write(value, new Set()) ?? '');
}

/** Undefined for what JSON.stringify omits (undefined, functions, symbols). */
function write(value: unknown, ancestors: Set<object>): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      return JSON.stringify(value);
    case 'bigint':
      return value.toString();
    case 'object':
      break;
    default:
      return undefined;
  }
  if (value instanceof Uint8Array) return `b64:${Buffer.from(value).toString('base64')}`;
  if (hasToJson(value)) return write(value.toJSON(), ancestors);
  if (ancestors.has(value)) throw new TypeError('cannot fingerprint a cyclic value');
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      return `[${value.map((item: unknown) => write(item, ancestors) ?? 'null').join(',')}]`;
    }
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .sort()
      .flatMap((name) => {
        const member = write(record[name], ancestors);
        return member === undefined ? [] : [`${JSON.stringify(name)}:${member}`];
      });
    return `{${members.join(',')}}`;
  } finally {
    ancestors.delete(value);
  }
}

function hasToJson(value: object): value is { toJSON(): unknown } {
  return typeof (value as { toJSON?: unknown }).toJSON === 'function';
}
