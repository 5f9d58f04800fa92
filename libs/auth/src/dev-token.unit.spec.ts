import { decodeJwt } from 'jose';
import { signDevToken } from './dev-token';
import { AuthConfigError } from './errors';
import { TEST_SECRET } from './testing/sign';
import { createTokenVerifier } from './token-verifier';

describe('signDevToken', () => {
  it('mints a token the hs256 verifier accepts, with sensible defaults', async () => {
    const principal = await createTokenVerifier({ mode: 'hs256', secret: TEST_SECRET }).verify(
      await signDevToken({ roles: 'agent' }, TEST_SECRET),
    );
    expect(principal).toEqual({ sub: 'dev-user', name: 'dev-user', roles: ['agent'], permissions: [] });
  });

  it('expires after 8 hours by default and honours expiresIn', async () => {
    const now = Math.floor(Date.now() / 1000);
    const byDefault = decodeJwt(await signDevToken({ roles: 'agent' }, TEST_SECRET));
    const short = decodeJwt(await signDevToken({ roles: 'agent', expiresIn: '30m' }, TEST_SECRET));
    const inSeconds = decodeJwt(await signDevToken({ roles: 'agent', expiresIn: 90 }, TEST_SECRET));
    expect(byDefault.exp).toBeGreaterThanOrEqual(now + 8 * 3600);
    expect(byDefault.exp).toBeLessThanOrEqual(now + 8 * 3600 + 2);
    expect(short.exp).toBeLessThanOrEqual(now + 30 * 60 + 2);
    expect(inSeconds.exp).toBeLessThanOrEqual(now + 92);
    expect(inSeconds.exp).toBeGreaterThanOrEqual(now + 90);
  });

  it('sets iss and aud when asked, so strict verifiers accept dev tokens', async () => {
    const claims = decodeJwt(await signDevToken({ roles: 'agent', issuer: 'iss', audience: 'aud' }, TEST_SECRET));
    expect(claims).toMatchObject({ iss: 'iss', aud: 'aud' });
  });

  it('refuses short secrets, missing roles and unparseable expiries', async () => {
    await expect(signDevToken({ roles: 'agent' }, 'short')).rejects.toThrow(AuthConfigError);
    await expect(signDevToken({ roles: [] }, TEST_SECRET)).rejects.toThrow(/at least one role/);
    await expect(signDevToken({ roles: 'agent', expiresIn: 'soon' }, TEST_SECRET)).rejects.toThrow(/invalid expiry/);
  });
});
