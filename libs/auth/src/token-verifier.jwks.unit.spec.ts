import { exportJWK, generateKeyPair, type JWK, type KeyLike } from 'jose';
import { KeySetUnavailableError } from './errors';
import { authFailure } from './testing/auth-failure';
import { startJwksServer, type JwksServer } from './testing/jwks-server';
import { AGENT_CLAIMS, signRaw, TEST_SECRET } from './testing/sign';
import { createTokenVerifier, type TokenVerifier } from './token-verifier';

const ISSUER = 'https://sso.example.test/realms/cs';
const AUDIENCE = 'cs-platform';

async function publicJwk(key: KeyLike, kid: string, alg: string): Promise<JWK> {
  return { ...(await exportJWK(key)), kid, alg, use: 'sig' };
}

describe('TokenVerifier (jwks)', () => {
  let rsa: { privateKey: KeyLike; publicKey: KeyLike };
  let ec: { privateKey: KeyLike; publicKey: KeyLike };
  let intruder: { privateKey: KeyLike; publicKey: KeyLike };
  let server: JwksServer;
  let verifier: TokenVerifier;

  const signRs = (options: Parameters<typeof signRaw>[2] = {}) =>
    signRaw(AGENT_CLAIMS, rsa.privateKey, { alg: 'RS256', kid: 'rsa-1', issuer: ISSUER, audience: AUDIENCE, ...options });

  beforeAll(async () => {
    [rsa, ec, intruder] = await Promise.all([
      generateKeyPair('RS256'),
      generateKeyPair('ES256'),
      generateKeyPair('RS256'),
    ]);
    server = await startJwksServer([
      await publicJwk(rsa.publicKey, 'rsa-1', 'RS256'),
      await publicJwk(ec.publicKey, 'ec-1', 'ES256'),
    ]);
    verifier = createTokenVerifier({ mode: 'jwks', jwksUrl: server.url, issuer: ISSUER, audience: AUDIENCE });
  });

  afterAll(async () => {
    await server.close();
  });

  it('accepts an RS256 token signed by a key from the JWKS', async () => {
    await expect(verifier.verify(await signRs())).resolves.toEqual({
      sub: 'u-1',
      name: 'Agent One',
      roles: ['agent'],
      permissions: [],
      expiresAt: expect.any(Date),
    });
  });

  it('accepts an ES256 token signed by a key from the JWKS', async () => {
    const token = await signRaw(AGENT_CLAIMS, ec.privateKey, {
      alg: 'ES256',
      kid: 'ec-1',
      issuer: ISSUER,
      audience: AUDIENCE,
    });
    await expect(verifier.verify(token)).resolves.toMatchObject({ sub: 'u-1' });
  });

  it('rejects a token signed by another key claiming a trusted kid', async () => {
    const token = await signRaw(AGENT_CLAIMS, intruder.privateKey, {
      alg: 'RS256',
      kid: 'rsa-1',
      issuer: ISSUER,
      audience: AUDIENCE,
    });
    const error = await authFailure(verifier.verify(token));
    expect(error.reason).toBe('bad_signature');
    expect(error.message).toContain('signature');
  });

  it('rejects a token signed by a key the JWKS does not contain', async () => {
    const token = await signRaw(AGENT_CLAIMS, intruder.privateKey, {
      alg: 'RS256',
      kid: 'intruder',
      issuer: ISSUER,
      audience: AUDIENCE,
    });
    const error = await authFailure(verifier.verify(token));
    expect(error.reason).toBe('bad_signature');
    expect(error.message).toContain('no trusted key');
  });

  it('rejects a token from another issuer', async () => {
    const error = await authFailure(verifier.verify(await signRs({ issuer: 'https://other-idp.test' })));
    expect(error.reason).toBe('bad_claims');
    expect(error.message).toContain('"iss"');
  });

  it('rejects a token meant for another audience', async () => {
    const error = await authFailure(verifier.verify(await signRs({ audience: 'billing' })));
    expect(error.reason).toBe('bad_claims');
    expect(error.message).toContain('"aud"');
  });

  it('rejects HS256 tokens, so a shared secret can never stand in for the IdP', async () => {
    const token = await signRaw(AGENT_CLAIMS, TEST_SECRET, { issuer: ISSUER, audience: AUDIENCE });
    const error = await authFailure(verifier.verify(token));
    expect(error.reason).toBe('bad_signature');
    expect(error.message).toContain('algorithm is not accepted');
  });

  it('fetches the key set once and reuses it', async () => {
    const fresh = createTokenVerifier({ mode: 'jwks', jwksUrl: server.url, issuer: ISSUER, audience: AUDIENCE });
    const before = server.hits();
    // Two tokens, not one twice: a token verified lately is not checked again (ADR 0061).
    await fresh.verify(await signRs());
    await fresh.verify(await signRs({ expiresInSeconds: 1800 }));
    expect(server.hits() - before).toBe(1);
  });

  it('reports an unreachable JWKS endpoint as unavailable keys, not a bad token', async () => {
    const gone = await startJwksServer([]);
    const url = gone.url;
    await gone.close();
    const orphan = createTokenVerifier({ mode: 'jwks', jwksUrl: url });
    await expect(orphan.verify(await signRs())).rejects.toBeInstanceOf(KeySetUnavailableError);
  });
});

describe('TokenVerifier (jwks) with an identity provider whose tokens name no key', () => {
  let previous: { privateKey: KeyLike; publicKey: KeyLike };
  let next: { privateKey: KeyLike; publicKey: KeyLike };
  let intruder: { privateKey: KeyLike; publicKey: KeyLike };
  let server: JwksServer;
  let verifier: TokenVerifier;

  beforeAll(async () => {
    [previous, next, intruder] = await Promise.all([generateKeyPair('RS256'), generateKeyPair('RS256'), generateKeyPair('RS256')]);
    // During a key rotation the set holds the outgoing key and the incoming one, neither with a kid.
    server = await startJwksServer([{ ...(await exportJWK(previous.publicKey)), use: 'sig' }, { ...(await exportJWK(next.publicKey)), use: 'sig' }]);
    verifier = createTokenVerifier({ mode: 'jwks', jwksUrl: server.url, issuer: ISSUER, audience: AUDIENCE });
  });

  afterAll(async () => {
    await server.close();
  });

  it.each([
    ['the outgoing key', () => previous],
    ['the incoming key', () => next],
  ])('accepts a token without a kid signed by %s of the set', async (_key, pair) => {
    const token = await signRaw(AGENT_CLAIMS, pair().privateKey, { alg: 'RS256', issuer: ISSUER, audience: AUDIENCE });
    await expect(verifier.verify(token)).resolves.toMatchObject({ sub: 'u-1', roles: ['agent'] });
  });

  it('rejects a token without a kid signed by no key of the set', async () => {
    const token = await signRaw(AGENT_CLAIMS, intruder.privateKey, { alg: 'RS256', issuer: ISSUER, audience: AUDIENCE });
    const error = await authFailure(verifier.verify(token));
    expect(error.reason).toBe('bad_signature');
  });

  it('still checks the claims of a token the set’s second key signed', async () => {
    const token = await signRaw(AGENT_CLAIMS, next.privateKey, { alg: 'RS256', issuer: ISSUER, audience: 'billing' });
    const error = await authFailure(verifier.verify(token));
    expect([error.reason, error.message]).toEqual(['bad_claims', expect.stringContaining('"aud"')]);
  });
});
