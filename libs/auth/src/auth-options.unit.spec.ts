import { assertValidAuthOptions } from './auth-options';
import { AuthConfigError } from './errors';

const SECRET = 'x'.repeat(32);

describe('assertValidAuthOptions', () => {
  it('accepts complete options for either mode', () => {
    expect(assertValidAuthOptions({ mode: 'hs256', secret: SECRET, issuer: 'iss' })).toEqual({
      mode: 'hs256',
      secret: SECRET,
      issuer: 'iss',
    });
    expect(assertValidAuthOptions({ mode: 'jwks', jwksUrl: 'https://sso.test/certs' })).toEqual({
      mode: 'jwks',
      jwksUrl: 'https://sso.test/certs',
    });
  });

  it('requires a secret of at least 32 characters in hs256 mode', () => {
    expect(() => assertValidAuthOptions({ mode: 'hs256' })).toThrow(AuthConfigError);
    expect(() => assertValidAuthOptions({ mode: 'hs256', secret: SECRET.slice(1) })).toThrow(/at least 32/);
  });

  it('requires an http(s) jwksUrl in jwks mode', () => {
    expect(() => assertValidAuthOptions({ mode: 'jwks' })).toThrow(/valid jwksUrl/);
    expect(() => assertValidAuthOptions({ mode: 'jwks', jwksUrl: 'not a url' })).toThrow(/valid jwksUrl/);
    expect(() => assertValidAuthOptions({ mode: 'jwks', jwksUrl: 'file:///etc/jwks.json' })).toThrow(/http/);
  });

  it('rejects modes smuggled in from untyped configuration', () => {
    const fromJson: { mode: 'hs256' } = JSON.parse('{"mode":"basic"}');
    expect(() => assertValidAuthOptions(fromJson)).toThrow(/unknown auth mode "basic"/);
  });

  it('rejects a negative clock tolerance', () => {
    expect(() => assertValidAuthOptions({ mode: 'hs256', secret: SECRET, clockToleranceSeconds: -1 })).toThrow(
      /clockToleranceSeconds/,
    );
  });

  it('rejects a token lifetime maximum that is not a positive number', () => {
    for (const maxTokenLifetimeSeconds of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => assertValidAuthOptions({ mode: 'hs256', secret: SECRET, maxTokenLifetimeSeconds })).toThrow(/maxTokenLifetimeSeconds/);
    }
    expect(assertValidAuthOptions({ mode: 'hs256', secret: SECRET, maxTokenLifetimeSeconds: 600 })).toMatchObject({ maxTokenLifetimeSeconds: 600 });
  });
});
