import { actorIdOf } from './actor-id';
import { signDevToken } from './dev-token';
import { AuthConfigError } from './errors';
import { Permission } from './principal';
import { authFailure } from './testing/auth-failure';
import { AGENT_CLAIMS, signRaw, TEST_SECRET } from './testing/sign';
import { createTokenVerifier } from './token-verifier';

const verifier = createTokenVerifier({ mode: 'hs256', secret: TEST_SECRET });

describe('TokenVerifier (hs256)', () => {
  it('accepts a valid token and returns every claim as a Principal', async () => {
    const token = await signDevToken(
      {
        roles: ['agent', 'supervisor'],
        sub: 'u-7',
        name: '张三',
        permissions: [Permission.CustomerPiiRead],
        department: 'engineering',
        projects: ['P001'],
      },
      TEST_SECRET,
    );

    await expect(verifier.verify(token)).resolves.toEqual({
      sub: 'u-7',
      name: '张三',
      roles: ['agent', 'supervisor'],
      permissions: ['customer.pii.read'],
      department: 'engineering',
      projects: ['P001'],
      expiresAt: expect.any(Date),
    });
  });

  it('leaves projects undefined when the claim is absent, meaning all projects', async () => {
    const principal = await verifier.verify(await signRaw(AGENT_CLAIMS, TEST_SECRET));
    expect(principal).not.toHaveProperty('projects');
    expect(principal.permissions).toEqual([]);
  });

  it('falls back to sub for name when the name claim is absent', async () => {
    const principal = await verifier.verify(await signRaw({ sub: 'u-9', roles: ['agent'] }, TEST_SECRET));
    expect(principal.name).toBe('u-9');
  });

  it('rejects an expired token', async () => {
    const token = await signRaw(AGENT_CLAIMS, TEST_SECRET, { expiresInSeconds: -60 });
    const error = await authFailure(verifier.verify(token));
    expect(error.reason).toBe('expired');
    expect(error.message).toBe('token expired');
  });

  it('tolerates a few seconds of clock skew on exp', async () => {
    const token = await signRaw(AGENT_CLAIMS, TEST_SECRET, { expiresInSeconds: -2 });
    await expect(verifier.verify(token)).resolves.toMatchObject({ sub: 'u-1' });
  });

  it('rejects a token without exp, which would never expire', async () => {
    const token = await signRaw(AGENT_CLAIMS, TEST_SECRET, { expiresInSeconds: null });
    const error = await authFailure(verifier.verify(token));
    expect(error.reason).toBe('bad_claims');
    expect(error.message).toContain('exp');
  });

  it.each([
    ['an exp of 1e20', { expiresInSeconds: 1e20 }],
    ['an exp of 1e20 and an iat of now', { expiresInSeconds: 1e20, issuedAtSeconds: 0 }],
    ['a lifetime one second over 24 hours', { expiresInSeconds: 86_400, issuedAtSeconds: -1 }],
  ])('rejects a token minted to live too long: %s', async (_case, options) => {
    const error = await authFailure(verifier.verify(await signRaw(AGENT_CLAIMS, TEST_SECRET, options)));
    expect(error.reason).toBe('bad_claims');
    expect(error.message).toBe('token lifetime exceeds the maximum of 86400 seconds');
  });

  it('accepts a token living exactly the maximum, and honours a configured maximum', async () => {
    const day = await signRaw(AGENT_CLAIMS, TEST_SECRET, { expiresInSeconds: 86_400, issuedAtSeconds: 0 });
    await expect(verifier.verify(day)).resolves.toMatchObject({ sub: 'u-1' });
    const hourly = createTokenVerifier({ mode: 'hs256', secret: TEST_SECRET, maxTokenLifetimeSeconds: 3600 });
    expect((await authFailure(hourly.verify(day))).message).toBe('token lifetime exceeds the maximum of 3600 seconds');
  });

  it('rejects a token issued in the future beyond the clock tolerance, and tolerates a little skew', async () => {
    const future = await signRaw(AGENT_CLAIMS, TEST_SECRET, { issuedAtSeconds: 60 });
    const error = await authFailure(verifier.verify(future));
    expect(error.reason).toBe('bad_claims');
    expect(error.message).toContain('"iat"');
    const skewed = await signRaw(AGENT_CLAIMS, TEST_SECRET, { issuedAtSeconds: 3 });
    await expect(verifier.verify(skewed)).resolves.toMatchObject({ sub: 'u-1' });
  });

  it('rejects a token with no role at all, even one carrying permissions', async () => {
    const token = await signRaw({ sub: 'u-1', roles: [], permissions: [Permission.CustomerPiiRead] }, TEST_SECRET);
    const error = await authFailure(verifier.verify(token));
    expect(error.reason).toBe('bad_claims');
    expect(error.message).toBe('"roles" claim must name at least one role');
  });

  it.each([
    ['a NUL in the name', { ...AGENT_CLAIMS, name: 'a\u0000b' }],
    ['half a surrogate pair in a project', { ...AGENT_CLAIMS, projects: ['P001', 'P\uD800'] }],
    // OpenID Connect bounds a subject at 255 characters.
    ['a subject of 256 characters', { ...AGENT_CLAIMS, sub: 'u'.repeat(256) }],
    ['a name of 201 characters', { ...AGENT_CLAIMS, name: 'n'.repeat(201) }],
    ['a newline in the department', { ...AGENT_CLAIMS, department: 'engineering\nadmin' }],
    ['501 permissions', { ...AGENT_CLAIMS, permissions: Array.from({ length: 501 }, (_, i) => `p${i}`) }],
  ])('rejects a token whose claims the services could not store or log as given: %s', async (_case, claims) => {
    const error = await authFailure(verifier.verify(await signRaw(claims, TEST_SECRET)));
    expect(error.reason).toBe('bad_claims');
  });

  it('takes a subject of 64 characters, the longest an event records', async () => {
    await expect(verifier.verify(await signRaw({ ...AGENT_CLAIMS, sub: 'u'.repeat(64) }, TEST_SECRET))).resolves.toMatchObject({ sub: 'u'.repeat(64) });
  });

  it('takes a subject longer than the 64 characters an event records, up to 255: its user acts by the id derived from it, the same in every token', async () => {
    const { name: _name, ...unnamed } = AGENT_CLAIMS;
    for (const subject of ['u'.repeat(65), 'u'.repeat(255)]) {
      const first = await verifier.verify(await signRaw({ ...unnamed, sub: subject }, TEST_SECRET));
      const again = await verifier.verify(await signRaw({ ...unnamed, sub: subject, projects: ['P001'] }, TEST_SECRET));
      expect(first.sub).toBe(actorIdOf(subject));
      expect(first.sub).toMatch(/^sha256:[A-Za-z0-9_-]{43}$/);
      expect(again.sub).toBe(first.sub);
      // A token without a display name names the user by that id, never by the long subject.
      expect(first.name).toBe(first.sub);
    }
  });

  it('rejects a token signed with another secret', async () => {
    const token = await signRaw(AGENT_CLAIMS, 'another-secret-that-is-also-long-enough-0002');
    const error = await authFailure(verifier.verify(token));
    expect(error.reason).toBe('bad_signature');
  });

  it('rejects an unsigned (alg none) token', async () => {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const token = `${encode({ alg: 'none' })}.${encode({ ...AGENT_CLAIMS, exp })}.`;
    const error = await authFailure(verifier.verify(token));
    expect(error.reason).toBe('bad_signature');
    expect(error.message).toContain('algorithm is not accepted');
  });

  it('rejects an unknown role and names it', async () => {
    const token = await signRaw({ ...AGENT_CLAIMS, roles: ['agent', 'root'] }, TEST_SECRET);
    const error = await authFailure(verifier.verify(token));
    expect(error.reason).toBe('bad_claims');
    expect(error.message).toContain('root');
  });

  it('rejects a token without sub', async () => {
    const token = await signRaw({ name: 'Nobody', roles: ['agent'] }, TEST_SECRET);
    const error = await authFailure(verifier.verify(token));
    expect(error.reason).toBe('bad_claims');
    expect(error.message).toContain('"sub"');
  });

  it.each([
    ['roles missing', { sub: 'u-1' }, '"roles"'],
    ['roles not an array', { sub: 'u-1', roles: 'agent' }, '"roles"'],
    ['permissions not strings', { ...AGENT_CLAIMS, permissions: [1] }, '"permissions"'],
    ['projects not an array', { ...AGENT_CLAIMS, projects: 'P001' }, '"projects"'],
    ['department not a string', { ...AGENT_CLAIMS, department: 7 }, '"department"'],
    ['name empty', { ...AGENT_CLAIMS, name: '' }, '"name"'],
  ])('rejects claims with %s', async (_case, claims, claimName) => {
    const error = await authFailure(verifier.verify(await signRaw(claims, TEST_SECRET)));
    expect(error.reason).toBe('bad_claims');
    expect(error.message).toContain(claimName);
  });

  it('reports a missing token and garbage distinctly', async () => {
    expect((await authFailure(verifier.verify(undefined))).reason).toBe('missing');
    expect((await authFailure(verifier.verify('not-a-jwt'))).reason).toBe('malformed');
  });

  it('verifies straight from an Authorization header', async () => {
    const token = await signRaw(AGENT_CLAIMS, TEST_SECRET);
    await expect(verifier.verifyAuthorizationHeader(`Bearer ${token}`)).resolves.toMatchObject({ sub: 'u-1' });
    expect((await authFailure(verifier.verifyAuthorizationHeader(token))).reason).toBe('malformed');
  });

  describe('with issuer and audience configured', () => {
    const strict = createTokenVerifier({
      mode: 'hs256',
      secret: TEST_SECRET,
      issuer: 'https://sso.example.test',
      audience: 'cs-platform',
    });

    it('accepts a token with the expected iss and aud', async () => {
      const token = await signRaw(AGENT_CLAIMS, TEST_SECRET, {
        issuer: 'https://sso.example.test',
        audience: 'cs-platform',
      });
      await expect(strict.verify(token)).resolves.toMatchObject({ sub: 'u-1' });
    });

    it('rejects a token from another issuer', async () => {
      const token = await signRaw(AGENT_CLAIMS, TEST_SECRET, { issuer: 'https://evil.test', audience: 'cs-platform' });
      const error = await authFailure(strict.verify(token));
      expect(error.reason).toBe('bad_claims');
      expect(error.message).toContain('"iss"');
    });
  });

  it('refuses to start with a secret shorter than 32 characters', () => {
    expect(() => createTokenVerifier({ mode: 'hs256', secret: 'short' })).toThrow(AuthConfigError);
    expect(() => createTokenVerifier({ mode: 'hs256' })).toThrow(/at least 32/);
  });
});
