import { createHash, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import {
  DEV_PII_BLIND_INDEX_KEY_SEED,
  DEV_PII_ENCRYPTION_KEY_SEED,
  DEV_PII_KEY_ID,
  loadPiiKeyRing,
  PiiKeyConfigError,
} from './pii-keys';

const key = (): string => randomBytes(32).toString('base64');
const bytesOf = (ring: ReturnType<typeof loadPiiKeyRing>, id: string): Buffer | undefined =>
  ring.encryptionKeys.get(id)?.export();

function problemsOf(action: () => unknown): readonly string[] {
  try {
    action();
  } catch (error) {
    if (error instanceof PiiKeyConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a PiiKeyConfigError');
}

describe('loadPiiKeyRing', () => {
  it('given a development environment with no PII variables, when loaded, then it uses the documented dev keys', () => {
    const ring = loadPiiKeyRing({ NODE_ENV: 'development' });

    expect(ring.usesDevelopmentKeys).toBe(true);
    expect(ring.activeKeyId).toBe(DEV_PII_KEY_ID);
    expect(bytesOf(ring, DEV_PII_KEY_ID)).toEqual(createHash('sha256').update(DEV_PII_ENCRYPTION_KEY_SEED).digest());
    expect(ring.blindIndexKey.export()).toEqual(createHash('sha256').update(DEV_PII_BLIND_INDEX_KEY_SEED).digest());
  });

  it('given no NODE_ENV at all, when loaded, then it is treated as development', () => {
    expect(loadPiiKeyRing({}).usesDevelopmentKeys).toBe(true);
  });

  it('given two keys and an active id, when loaded, then both keys are available and the named one is active', () => {
    const [k1, k2] = [key(), key()];
    const ring = loadPiiKeyRing({
      NODE_ENV: 'production',
      PII_ENCRYPTION_KEYS: `k1:${k1}, k2:${k2}`,
      PII_ACTIVE_KEY_ID: 'k2',
      PII_BLIND_INDEX_KEY: key(),
    });

    expect(ring.usesDevelopmentKeys).toBe(false);
    expect(ring.activeKeyId).toBe('k2');
    expect(bytesOf(ring, 'k1')?.toString('base64')).toBe(k1);
    expect(bytesOf(ring, 'k2')?.toString('base64')).toBe(k2);
  });

  it('given production with nothing set, when loaded, then every missing variable is reported at once', () => {
    expect(problemsOf(() => loadPiiKeyRing({ NODE_ENV: 'production' }))).toEqual([
      'PII_ENCRYPTION_KEYS is required in production',
      'PII_BLIND_INDEX_KEY is required in production',
    ]);
  });

  it('given production with invalid values, when loaded, then each problem is listed without echoing key material', () => {
    const short = randomBytes(16).toString('base64');
    const problems = problemsOf(() =>
      loadPiiKeyRing({
        NODE_ENV: 'production',
        PII_ENCRYPTION_KEYS: `Bad-Id:${key()},k1:${short},k2,k3:${key()},k3:${key()}`,
        PII_ACTIVE_KEY_ID: 'k9',
        PII_BLIND_INDEX_KEY: 'not base64!',
      }),
    );

    expect(problems).toEqual([
      'PII_ENCRYPTION_KEYS entry 1 has an invalid key id (expected [a-z0-9]{1,16})',
      `PII_ENCRYPTION_KEYS entry 2 (key id "k1") must be base64 of exactly 32 bytes`,
      'PII_ENCRYPTION_KEYS entry 3 must look like keyId:base64key',
      'PII_ENCRYPTION_KEYS names key id "k3" more than once',
      'PII_ACTIVE_KEY_ID "k9" is not one of the key ids in PII_ENCRYPTION_KEYS',
      'PII_BLIND_INDEX_KEY must be base64 of exactly 32 bytes',
    ]);
    expect(problems.join('\n')).not.toContain(short);
  });

  it('given keys but no active key id, when loaded, then it refuses to guess which key encrypts', () => {
    expect(problemsOf(() => loadPiiKeyRing({ NODE_ENV: 'test', PII_ENCRYPTION_KEYS: `k1:${key()}` }))).toEqual([
      'PII_ACTIVE_KEY_ID is required when PII_ENCRYPTION_KEYS is set',
    ]);
  });

  it('given development with a malformed key, when loaded, then it fails rather than falling back to a public key', () => {
    expect(
      problemsOf(() => loadPiiKeyRing({ NODE_ENV: 'development', PII_ENCRYPTION_KEYS: 'k1:abc', PII_ACTIVE_KEY_ID: 'k1' })),
    ).toEqual(['PII_ENCRYPTION_KEYS entry 1 (key id "k1") must be base64 of exactly 32 bytes']);
  });

  it('given a key in non-canonical base64, when loaded, then it is rejected', () => {
    const unpadded = key().replace(/(?<!=)=+$/, '');
    expect(
      problemsOf(() => loadPiiKeyRing({ PII_ENCRYPTION_KEYS: `k1:${unpadded}`, PII_ACTIVE_KEY_ID: 'k1' })),
    ).toEqual(['PII_ENCRYPTION_KEYS entry 1 (key id "k1") must be base64 of exactly 32 bytes']);
  });

  it('given the blind index key equal to an encryption key, when loaded, then it is rejected', () => {
    const shared = key();
    expect(
      problemsOf(() =>
        loadPiiKeyRing({ PII_ENCRYPTION_KEYS: `k1:${shared}`, PII_ACTIVE_KEY_ID: 'k1', PII_BLIND_INDEX_KEY: shared }),
      ),
    ).toEqual(['PII_BLIND_INDEX_KEY must differ from every encryption key']);
  });

  it('given production configured with the published dev keys, when loaded, then they are refused', () => {
    const dev = (seed: string): string => createHash('sha256').update(seed).digest('base64');
    expect(
      problemsOf(() =>
        loadPiiKeyRing({
          NODE_ENV: 'production',
          PII_ENCRYPTION_KEYS: `dev:${dev(DEV_PII_ENCRYPTION_KEY_SEED)}`,
          PII_ACTIVE_KEY_ID: 'dev',
          PII_BLIND_INDEX_KEY: dev(DEV_PII_BLIND_INDEX_KEY_SEED),
        }),
      ),
    ).toEqual([
      'PII_ENCRYPTION_KEYS key "dev" is a published development key',
      'PII_BLIND_INDEX_KEY is a published development key',
    ]);
  });

  it('given a loaded key ring, when serialised or inspected, then no key material appears', () => {
    const k1 = key();
    const ring = loadPiiKeyRing({ PII_ENCRYPTION_KEYS: `k1:${k1}`, PII_ACTIVE_KEY_ID: 'k1', PII_BLIND_INDEX_KEY: key() });
    const hex = Buffer.from(k1, 'base64').toString('hex');

    for (const text of [JSON.stringify(ring), inspect(ring, { depth: 5 })]) {
      expect(text).not.toContain(k1);
      expect(text).not.toContain(hex);
    }
  });
});
