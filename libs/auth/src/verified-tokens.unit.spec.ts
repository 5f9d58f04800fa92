import * as jose from 'jose';
import { authFailure } from './testing/auth-failure';
import { AGENT_CLAIMS, signRaw, TEST_SECRET } from './testing/sign';
import { createTokenVerifier } from './token-verifier';
import { LONGEST_HELD_TOKEN, VerifiedTokens } from './verified-tokens';

// Counting jose's full checks is how a test tells a held token from one checked again.
jest.mock('jose', () => {
  const actual = jest.requireActual<typeof import('jose')>('jose');
  return { ...actual, jwtVerify: jest.fn(actual.jwtVerify) };
});
const fullChecks = jest.mocked(jose.jwtVerify);

const OTHER_SECRET = 'another-unit-test-secret-long-enough-0002';
const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** A clock the test moves by hand, in milliseconds. */
function steppedClock(): { now(): number; step(seconds: number): void } {
  let ms = 1_000_000;
  return { now: () => ms, step: (seconds) => (ms += seconds * 1000) };
}

/** A compact JWS's shape, its signature segment spelled canonically. */
const shaped = (n: number): string => `eyJhbGciOiJIUzI1NiJ9.eyJuIjo${n}fQ.${Buffer.from(`signature-${n}`).toString('base64url')}`;

/** Moves the wall clock (Date only: promises, timers and lru-cache's clock run as they are). */
function wallClockAt(ms: number): void {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'performance', 'hrtime'] });
  jest.setSystemTime(ms);
}

afterEach(() => {
  jest.useRealTimers();
  fullChecks.mockClear();
});

describe('VerifiedTokens', () => {
  it('holds a token until the earlier of its expiry and the longest trust', () => {
    const clock = steppedClock();
    const held = new VerifiedTokens({ maxTokens: 10, maxAgeSeconds: 60, clock });
    held.remember(shaped(1), { sub: 'a', exp: nowSeconds() + 3600 });
    held.remember(shaped(2), { sub: 'b', exp: nowSeconds() + 30 });

    clock.step(29);
    expect(held.claimsOf(shaped(2))).toMatchObject({ sub: 'b' });
    clock.step(1.5);
    expect(held.claimsOf(shaped(2))).toBeUndefined();
    expect(held.claimsOf(shaped(1))).toMatchObject({ sub: 'a' });
    clock.step(29.6);
    expect(held.claimsOf(shaped(1))).toBeUndefined();
  });

  it('gives up a token whose exp the wall clock has passed, however its age is counted', () => {
    const held = new VerifiedTokens({ maxTokens: 10, maxAgeSeconds: 60, clock: steppedClock() });
    const exp = nowSeconds() + 30;
    held.remember(shaped(1), { sub: 'a', exp });
    wallClockAt(exp * 1000 + 1);
    expect(held.claimsOf(shaped(1))).toBeUndefined();
    expect(held.size).toBe(0);
  });

  it('does not hold a token without exp, or one already past it', () => {
    const held = new VerifiedTokens({ maxTokens: 10, maxAgeSeconds: 60 });
    held.remember(shaped(1), { sub: 'a' });
    held.remember(shaped(2), { sub: 'b', exp: nowSeconds() - 1 });
    held.remember(shaped(3), { sub: 'c', exp: nowSeconds() });
    expect(held.size).toBe(0);
  });

  it('holds one spelling of a token only, and no token longer than it will hold', () => {
    const held = new VerifiedTokens({ maxTokens: 100, maxAgeSeconds: 60 });
    const exp = nowSeconds() + 3600;
    const token = shaped(1);
    const [head, body, signature] = token.split('.') as [string, string, string];
    // The same bytes spelled otherwise: padding, a character base64url does not have, the last
    // character's unused bits set.
    const respelled = [`${token}=`, `${token}==`, `${token}~`, `${head}.${body}.${signature.slice(0, 2)}~${signature.slice(2)}`, `${head}.${body}.${signature.slice(0, -1)}${String.fromCharCode(signature.charCodeAt(signature.length - 1) + 1)}`];
    for (const other of respelled) held.remember(other, { sub: 'a', exp });
    held.remember(`${head}.${'A'.repeat(LONGEST_HELD_TOKEN)}.${signature}`, { sub: 'a', exp });
    held.remember('not a token', { sub: 'a', exp });
    expect(held.size).toBe(0);
    held.remember(token, { sub: 'a', exp });
    expect(held.size).toBe(1);
  });

  it('makes room by dropping the least recently used token', () => {
    const held = new VerifiedTokens({ maxTokens: 2, maxAgeSeconds: 60 });
    const exp = nowSeconds() + 3600;
    held.remember(shaped(1), { sub: 'a', exp });
    held.remember(shaped(2), { sub: 'b', exp });
    expect(held.claimsOf(shaped(1))).toBeDefined();
    held.remember(shaped(3), { sub: 'c', exp });
    expect(held.size).toBe(2);
    expect(held.claimsOf(shaped(2))).toBeUndefined();
    expect(held.claimsOf(shaped(1))).toBeDefined();
    expect(held.claimsOf(shaped(3))).toBeDefined();
  });

  it('holds claims frozen', () => {
    const held = new VerifiedTokens({ maxTokens: 2, maxAgeSeconds: 60 });
    held.remember(shaped(1), { sub: 'a', exp: nowSeconds() + 60, roles: ['agent'] });
    expect(Object.isFrozen(held.claimsOf(shaped(1)))).toBe(true);
  });
});

describe('TokenVerifier with the tokens it verified lately', () => {
  it('checks a token in full once, then again once the longest trust has passed', async () => {
    const clock = steppedClock();
    const verifier = createTokenVerifier({ mode: 'hs256', secret: TEST_SECRET }, { maxTokens: 10, maxAgeSeconds: 60, clock });
    const token = await signRaw(AGENT_CLAIMS, TEST_SECRET);

    await expect(verifier.verify(token)).resolves.toMatchObject({ sub: 'u-1' });
    clock.step(59);
    await expect(verifier.verify(token)).resolves.toMatchObject({ sub: 'u-1' });
    expect(fullChecks).toHaveBeenCalledTimes(1);
    clock.step(2);
    await expect(verifier.verify(token)).resolves.toMatchObject({ sub: 'u-1' });
    expect(fullChecks).toHaveBeenCalledTimes(2);
  });

  it('refuses a held token once the wall clock passes its exp', async () => {
    const verifier = createTokenVerifier({ mode: 'hs256', secret: TEST_SECRET }, { maxTokens: 10, maxAgeSeconds: 60, clock: steppedClock() });
    const token = await signRaw(AGENT_CLAIMS, TEST_SECRET, { expiresInSeconds: 30 });
    await expect(verifier.verify(token)).resolves.toMatchObject({ sub: 'u-1' });
    wallClockAt(Date.now() + 40_000);
    expect((await authFailure(verifier.verify(token))).reason).toBe('expired');
  });

  it('checks in full, every time, a token that failed a check', async () => {
    const strict = { mode: 'hs256', secret: TEST_SECRET, issuer: 'https://idp.test', audience: 'cs', maxTokenLifetimeSeconds: 600 } as const;
    const verifier = createTokenVerifier(strict);
    const fine = { issuer: strict.issuer, audience: strict.audience, expiresInSeconds: 300 };
    const refused = [
      await signRaw(AGENT_CLAIMS, OTHER_SECRET, fine),
      await signRaw({ sub: 'u-2', roles: ['janitor'] }, TEST_SECRET, fine),
      await signRaw(AGENT_CLAIMS, TEST_SECRET, { ...fine, expiresInSeconds: -60 }),
      await signRaw(AGENT_CLAIMS, TEST_SECRET, { ...fine, issuer: 'https://other-idp.test' }),
      await signRaw(AGENT_CLAIMS, TEST_SECRET, { ...fine, audience: 'someone-else' }),
      await signRaw(AGENT_CLAIMS, TEST_SECRET, { ...fine, expiresInSeconds: 3600 }),
      await signRaw(AGENT_CLAIMS, TEST_SECRET, { ...fine, issuedAtSeconds: 120 }),
    ];
    for (const token of refused) {
      await expect(verifier.verify(token)).rejects.toThrow();
      await expect(verifier.verify(token)).rejects.toThrow();
    }
    expect(fullChecks).toHaveBeenCalledTimes(2 * refused.length);
    await expect(verifier.verify(await signRaw(AGENT_CLAIMS, TEST_SECRET, fine))).resolves.toMatchObject({ sub: 'u-1' });
  });

  it('checks a respelled token in full, and holds none of its spellings', async () => {
    const verifier = createTokenVerifier({ mode: 'hs256', secret: TEST_SECRET });
    const token = await signRaw(AGENT_CLAIMS, TEST_SECRET);
    for (const spelling of [`${token}=`, `${token}~`]) {
      await expect(verifier.verify(spelling)).resolves.toMatchObject({ sub: 'u-1' });
      await expect(verifier.verify(spelling)).resolves.toMatchObject({ sub: 'u-1' });
    }
    expect(fullChecks).toHaveBeenCalledTimes(4);
  });

  it('builds a new Principal for every request, so one request cannot change another’s', async () => {
    const verifier = createTokenVerifier({ mode: 'hs256', secret: TEST_SECRET });
    const token = await signRaw({ ...AGENT_CLAIMS, projects: ['P001'] }, TEST_SECRET);
    const first = await verifier.verify(token);
    (first.projects as string[]).push('P999');
    (first.roles as string[]).push('admin');
    const second = await verifier.verify(token);
    expect(fullChecks).toHaveBeenCalledTimes(1);
    expect(second).not.toBe(first);
    expect(second.projects).toEqual(['P001']);
    expect(second.roles).toEqual(['agent']);
  });
});
