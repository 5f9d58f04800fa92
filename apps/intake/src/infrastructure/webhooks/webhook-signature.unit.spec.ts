import { createHmac } from 'node:crypto';
import {
  signWebhook,
  verifyWebhookSignature,
  type VerifyWebhookSignatureInput,
  type WebhookVerificationFailure,
} from './webhook-signature';

const SECRET = 'whsec-0123456789abcdef0123456789abcdef';
const NOW = new Date('2026-11-24T02:00:00Z');
const NOW_SECONDS = NOW.getTime() / 1000;
const BODY = Buffer.from(JSON.stringify({ from: '+8613812345678', text: '电梯坏了' }), 'utf8');

function signed(overrides: Partial<VerifyWebhookSignatureInput> = {}): VerifyWebhookSignatureInput {
  const headers = signWebhook(SECRET, BODY, NOW_SECONDS);
  return {
    secret: SECRET,
    rawBody: BODY,
    signatureHeader: headers['X-Signature'],
    timestampHeader: headers['X-Timestamp'],
    now: NOW,
    ...overrides,
  };
}

function reasonOf(input: VerifyWebhookSignatureInput): WebhookVerificationFailure | 'ok' {
  const result = verifyWebhookSignature(input);
  return result.ok ? 'ok' : result.reason;
}

describe('signWebhook', () => {
  it('given a secret, body and timestamp, when signed, then the header is the hex HMAC of "<timestamp>.<body>"', () => {
    const expected = createHmac('sha256', SECRET).update(`${NOW_SECONDS}.`).update(BODY).digest('hex');

    expect(signWebhook(SECRET, BODY, NOW_SECONDS)).toEqual({
      'X-Signature': `sha256=${expected}`,
      'X-Timestamp': String(NOW_SECONDS),
    });
  });

  it.each([1.5, -1, Number.NaN])('given the timestamp %p, when signed, then it is refused', (timestamp) => {
    expect(() => signWebhook(SECRET, BODY, timestamp)).toThrow(RangeError);
  });
});

describe('verifyWebhookSignature', () => {
  it('given a correctly signed, fresh request, when verified, then it is accepted with its timestamp', () => {
    const result = verifyWebhookSignature(signed());

    expect(result).toEqual({ ok: true, timestamp: NOW_SECONDS, replayKey: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('given the same signed request twice, when verified, then the replay key is the same for the caller to deduplicate', () => {
    const first = verifyWebhookSignature(signed());
    const second = verifyWebhookSignature(signed());

    expect(first.ok && second.ok && first.replayKey === second.replayKey).toBe(true);
  });

  it('given upper-case hex and surrounding spaces, when verified, then it is still accepted', () => {
    const header = signWebhook(SECRET, BODY, NOW_SECONDS)['X-Signature'];

    expect(reasonOf(signed({ signatureHeader: `  sha256=${header.slice(7).toUpperCase()} ` }))).toBe('ok');
  });

  it('given a body altered by one byte, when verified, then the signature is bad', () => {
    const tampered = Buffer.from(BODY);
    tampered[tampered.length - 2] = (tampered[tampered.length - 2] ?? 0) ^ 0x01;

    expect(reasonOf(signed({ rawBody: tampered }))).toBe('bad_signature');
  });

  it('given a body re-serialised after parsing, when verified, then the signature is bad, so the raw bytes must be used', () => {
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(BODY.toString('utf8')), null, 2));

    expect(reasonOf(signed({ rawBody: reserialised }))).toBe('bad_signature');
  });

  it("given another channel's secret, when verified, then the signature is bad", () => {
    expect(reasonOf(signed({ secret: 'whsec-of-another-channel-0123456789abcdef' }))).toBe('bad_signature');
  });

  it('given a timestamp changed after signing, when verified, then the signature is bad', () => {
    expect(reasonOf(signed({ timestampHeader: String(NOW_SECONDS + 1) }))).toBe('bad_signature');
  });

  it('given a forged request with an old timestamp, when verified, then it reads bad_signature rather than stale', () => {
    expect(reasonOf(signed({ secret: 'not-the-secret', now: new Date(NOW.getTime() + 3_600_000) }))).toBe('bad_signature');
  });

  it.each([
    ['301 s old', 301_000, 'stale_timestamp'],
    ['300 s old', 300_000, 'ok'],
    ['301 s in the future', -301_000, 'stale_timestamp'],
    ['300 s in the future', -300_000, 'ok'],
  ] as const)('given a signed request %s, when verified with the default tolerance, then it is %s', (_age, offsetMs, expected) => {
    expect(reasonOf(signed({ now: new Date(NOW.getTime() + offsetMs) }))).toBe(expected);
  });

  it('given a custom tolerance, when verified, then it is applied', () => {
    expect(reasonOf(signed({ now: new Date(NOW.getTime() + 61_000), toleranceSeconds: 60 }))).toBe('stale_timestamp');
  });

  it.each<[string, Partial<VerifyWebhookSignatureInput>, WebhookVerificationFailure]>([
    ['no signature header', { signatureHeader: undefined }, 'missing_signature'],
    ['an empty signature header', { signatureHeader: '  ' }, 'missing_signature'],
    ['an empty header list', { signatureHeader: [] }, 'missing_signature'],
    ['no scheme prefix', { signatureHeader: 'a'.repeat(64) }, 'malformed_signature'],
    ['another scheme', { signatureHeader: `sha1=${'a'.repeat(40)}` }, 'malformed_signature'],
    ['a short digest', { signatureHeader: `sha256=${'a'.repeat(63)}` }, 'malformed_signature'],
    ['non-hex digits', { signatureHeader: `sha256=${'g'.repeat(64)}` }, 'malformed_signature'],
    ['two signature headers', { signatureHeader: [`sha256=${'a'.repeat(64)}`, `sha256=${'b'.repeat(64)}`] }, 'malformed_signature'],
    ['no timestamp header', { timestampHeader: undefined }, 'missing_timestamp'],
    ['an empty timestamp header', { timestampHeader: '' }, 'missing_timestamp'],
    ['a fractional timestamp', { timestampHeader: '1795485600.5' }, 'malformed_timestamp'],
    ['a timestamp in milliseconds', { timestampHeader: '1795485600000' }, 'malformed_timestamp'],
    ['an ISO timestamp', { timestampHeader: '2026-11-24T02:00:00Z' }, 'malformed_timestamp'],
    ['a negative timestamp', { timestampHeader: '-1' }, 'malformed_timestamp'],
  ])('given a request with %s, when verified, then it fails as %s', (_case, overrides, reason) => {
    expect(reasonOf(signed(overrides))).toBe(reason);
  });

  it('given a single signature delivered as a one-element header list, when verified, then it is accepted', () => {
    const headers = signWebhook(SECRET, BODY, NOW_SECONDS);

    expect(reasonOf(signed({ signatureHeader: [headers['X-Signature']] }))).toBe('ok');
  });

  it('given an empty secret, when verifying, then it throws because that is a configuration bug', () => {
    expect(() => verifyWebhookSignature(signed({ secret: '' }))).toThrow(RangeError);
  });
});
