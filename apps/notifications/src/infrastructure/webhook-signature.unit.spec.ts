import { createHmac } from 'node:crypto';
import { newSigningSecret, signatureHeader, verifySignature } from './webhook-signature';

const secret = 'whsec_test-secret';
const body = '{"type":"major_complaint","ticket":{"number":"TK-20260302-000001"}}';
const at = new Date('2026-03-02T08:00:00Z');

describe('signing webhook deliveries', () => {
  it('given a body and a time, then the header carries the unix time and the HMAC-SHA256 of "<t>.<body>"', () => {
    const t = at.getTime() / 1000;
    const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    expect(signatureHeader(secret, body, at)).toBe(`t=${t},v1=${v1}`);
  });

  it('given the header as sent, then the receiver accepts it', () => {
    expect(verifySignature(signatureHeader(secret, body, at), secret, body, new Date(at.getTime() + 10_000))).toEqual({ valid: true });
  });

  it('given a changed body or another secret, then the receiver refuses it', () => {
    const header = signatureHeader(secret, body, at);
    expect(verifySignature(header, secret, body.replace('000001', '000002'), at)).toEqual({ valid: false, reason: 'mismatch' });
    expect(verifySignature(header, 'whsec_other', body, at)).toEqual({ valid: false, reason: 'mismatch' });
  });

  it('given a delivery replayed after the tolerance, then the receiver refuses it', () => {
    expect(verifySignature(signatureHeader(secret, body, at), secret, body, new Date(at.getTime() + 301_000))).toEqual({ valid: false, reason: 'stale' });
  });

  it('given a header that is not ours, then it is malformed', () => {
    expect(verifySignature('sha256=abc', secret, body, at)).toEqual({ valid: false, reason: 'malformed' });
  });

  it('gives every subscription a secret of its own', () => {
    expect(newSigningSecret()).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(newSigningSecret()).not.toBe(newSigningSecret());
  });
});
