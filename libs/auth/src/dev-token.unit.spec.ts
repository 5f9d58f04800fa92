import { decodeJwt } from 'jose';
import { actorIdOf } from './actor-id';
import { signDevToken } from './dev-token';
import { AuthConfigError } from './errors';
import { TEST_SECRET } from './testing/sign';
import { createTokenVerifier } from './token-verifier';

describe('signDevToken', () => {
  it('mints a token the hs256 verifier accepts, with sensible defaults', async () => {
    const principal = await createTokenVerifier({ mode: 'hs256', secret: TEST_SECRET }).verify(
      await signDevToken({ roles: 'agent' }, TEST_SECRET),
    );
    expect(principal).toEqual({ sub: 'dev-user', name: 'dev-user', roles: ['agent'], permissions: [], expiresAt: expect.any(Date) });
  });

  it('names a user of a subject longer than 64 characters, given no name, by the id derived from it, never by the subject (ADR 0102)', async () => {
    const verifier = createTokenVerifier({ mode: 'hs256', secret: TEST_SECRET });
    // An identity provider's subject may name the user (an address): it is no display name.
    for (const sub of [`https://idp.example.com/users/${'zhang.san.'.repeat(6)}example.com`, 'u'.repeat(255)]) {
      const token = await signDevToken({ roles: 'agent', sub }, TEST_SECRET);
      expect(decodeJwt(token)['name']).toBe(actorIdOf(sub));
      await expect(verifier.verify(token)).resolves.toMatchObject({ sub: actorIdOf(sub), name: actorIdOf(sub) });
    }
  });

  it('expires after 8 hours by default and honours expiresIn', async () => {
    // Read against the token's own issue time, not a clock read around the signing (which a
    // stalled machine can leave seconds behind); the two are taken apart, so a second may tick between.
    const lifetime = async (expiresIn?: string | number) => {
      const claims = decodeJwt(await signDevToken({ roles: 'agent', ...(expiresIn === undefined ? {} : { expiresIn }) }, TEST_SECRET));
      return claims.exp! - claims.iat!;
    };
    for (const [expiresIn, seconds] of [[undefined, 8 * 3600], ['30m', 30 * 60], [90, 90]] as const) {
      const lived = await lifetime(expiresIn);
      expect(lived).toBeGreaterThanOrEqual(seconds);
      expect(lived).toBeLessThanOrEqual(seconds + 1);
    }
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
