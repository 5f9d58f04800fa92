import { authFailure } from './testing/auth-failure';
import { AGENT_CLAIMS, signRaw, TEST_SECRET } from './testing/sign';
import { createTokenVerifier } from './token-verifier';
import { VerifiedTokens } from './verified-tokens';

const OTHER_SECRET = 'another-unit-test-secret-long-enough-0002';
const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** A clock the test moves by hand, in milliseconds. */
function steppedClock(): { now(): number; step(seconds: number): void } {
  let ms = 1_000_000;
  return { now: () => ms, step: (seconds) => (ms += seconds * 1000) };
}

describe('VerifiedTokens', () => {
  it('holds a token until the earlier of its expiry and the longest trust', () => {
    const clock = steppedClock();
    const held = new VerifiedTokens({ maxTokens: 10, maxAgeSeconds: 60, clock });
    held.remember('lives-long', { sub: 'a', exp: nowSeconds() + 3600 }, nowSeconds());
    held.remember('lives-30s', { sub: 'b', exp: nowSeconds() + 30 }, nowSeconds());

    clock.step(29);
    expect(held.claimsOf('lives-30s')).toEqual({ sub: 'b', exp: expect.any(Number) });
    clock.step(1.5);
    expect(held.claimsOf('lives-30s')).toBeUndefined();
    expect(held.claimsOf('lives-long')).toMatchObject({ sub: 'a' });
    clock.step(29.6);
    expect(held.claimsOf('lives-long')).toBeUndefined();
  });

  it('does not hold a token without exp, or one already past it', () => {
    const held = new VerifiedTokens({ maxTokens: 10, maxAgeSeconds: 60 });
    held.remember('no-exp', { sub: 'a' }, nowSeconds());
    held.remember('past', { sub: 'b', exp: nowSeconds() - 1 }, nowSeconds());
    held.remember('now', { sub: 'c', exp: nowSeconds() }, nowSeconds());
    expect(held.size).toBe(0);
  });

  it('makes room by dropping the least recently used token', () => {
    const held = new VerifiedTokens({ maxTokens: 2, maxAgeSeconds: 60 });
    const exp = nowSeconds() + 3600;
    held.remember('first', { sub: 'a', exp }, nowSeconds());
    held.remember('second', { sub: 'b', exp }, nowSeconds());
    expect(held.claimsOf('first')).toBeDefined();
    held.remember('third', { sub: 'c', exp }, nowSeconds());
    expect(held.size).toBe(2);
    expect(held.claimsOf('second')).toBeUndefined();
    expect(held.claimsOf('first')).toBeDefined();
    expect(held.claimsOf('third')).toBeDefined();
  });
});

describe('TokenVerifier with tokens it verified lately', () => {
  // Two verifiers sharing what they hold, each trusting a different secret: a token the second
  // accepts while the first's check is held, and refuses after, was not checked again meanwhile.
  const setUp = () => {
    const clock = steppedClock();
    const held = new VerifiedTokens({ maxTokens: 10, maxAgeSeconds: 60, clock });
    return {
      clock,
      held,
      trusting: createTokenVerifier({ mode: 'hs256', secret: TEST_SECRET }, held),
      other: createTokenVerifier({ mode: 'hs256', secret: OTHER_SECRET }, held),
    };
  };

  it('checks a held token again once the longest trust has passed', async () => {
    const { clock, held, trusting, other } = setUp();
    const token = await signRaw(AGENT_CLAIMS, TEST_SECRET);
    await expect(trusting.verify(token)).resolves.toMatchObject({ sub: 'u-1' });
    expect(held.size).toBe(1);

    clock.step(59);
    await expect(other.verify(token)).resolves.toMatchObject({ sub: 'u-1' });
    clock.step(2);
    expect((await authFailure(other.verify(token))).reason).toBe('bad_signature');
    await expect(trusting.verify(token)).resolves.toMatchObject({ sub: 'u-1' });
  });

  it('never holds a token that failed a check', async () => {
    const { held, trusting } = setUp();
    const forged = await signRaw(AGENT_CLAIMS, OTHER_SECRET);
    const unknownRole = await signRaw({ sub: 'u-2', roles: ['janitor'] }, TEST_SECRET);
    const expired = await signRaw(AGENT_CLAIMS, TEST_SECRET, { expiresInSeconds: -60 });
    for (const token of [forged, unknownRole, expired]) await expect(trusting.verify(token)).rejects.toThrow();
    expect(held.size).toBe(0);
  });

  it('builds a new Principal for every request, so one request cannot change another’s', async () => {
    const { trusting } = setUp();
    const token = await signRaw({ ...AGENT_CLAIMS, projects: ['P001'] }, TEST_SECRET);
    const first = await trusting.verify(token);
    (first.projects as string[]).push('P999');
    (first.roles as string[]).push('admin');
    const second = await trusting.verify(token);
    expect(second).not.toBe(first);
    expect(second.projects).toEqual(['P001']);
    expect(second.roles).toEqual(['agent']);
  });

  it('still refuses a held token whose lifetime the verifier does not accept', async () => {
    const clock = steppedClock();
    const held = new VerifiedTokens({ maxTokens: 10, maxAgeSeconds: 60, clock });
    const lenient = createTokenVerifier({ mode: 'hs256', secret: TEST_SECRET, maxTokenLifetimeSeconds: 7200 }, held);
    const strict = createTokenVerifier({ mode: 'hs256', secret: TEST_SECRET, maxTokenLifetimeSeconds: 600 }, held);
    const token = await signRaw(AGENT_CLAIMS, TEST_SECRET, { issuedAtSeconds: 0, expiresInSeconds: 3600 });
    await expect(lenient.verify(token)).resolves.toMatchObject({ sub: 'u-1' });
    expect((await authFailure(strict.verify(token))).reason).toBe('bad_claims');
  });
});
