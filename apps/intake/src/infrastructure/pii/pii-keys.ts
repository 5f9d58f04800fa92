import { createHash, createSecretKey, type KeyObject } from 'node:crypto';
import { decodeCanonical } from './canonical-base64';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The keys protecting customers' personal data. Held as KeyObjects rather than Buffers so an
 * accidental log line or JSON dump of the ring cannot print key material.
 */
export interface PiiKeyRing {
  /** Every key that can still decrypt; new ciphertexts always use `activeKeyId`. */
  readonly encryptionKeys: ReadonlyMap<string, KeyObject>;
  readonly activeKeyId: string;
  readonly blindIndexKey: KeyObject;
  /** True when the documented development keys are in use; the service should warn loudly. */
  readonly usesDevelopmentKeys: boolean;
}

/** Raised at start-up; `problems` never contains key material, so it is safe to log. */
export class PiiKeyConfigError extends Error {
  override readonly name = 'PiiKeyConfigError';

  constructor(readonly problems: readonly string[]) {
    super(`invalid PII key configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

export const KEY_ID_PATTERN = /^[a-z0-9]{1,16}$/;
const KEY_BYTES = 32;

/**
 * Development keys, public by design (they are in the README) so a fresh checkout runs without
 * setup. Derived from fixed strings rather than random so data encrypted on one developer's
 * machine stays readable after a restart. Production refuses them even when set explicitly.
 */
export const DEV_PII_KEY_ID = 'dev';
export const DEV_PII_ENCRYPTION_KEY_SEED = 'cs-platform intake development PII encryption key - not secret';
export const DEV_PII_BLIND_INDEX_KEY_SEED = 'cs-platform intake development PII blind index key - not secret';

const sha256 = (seed: string): Buffer => createHash('sha256').update(seed, 'utf8').digest();
const devEncryptionKey = (): Buffer => sha256(DEV_PII_ENCRYPTION_KEY_SEED);
const devBlindIndexKey = (): Buffer => sha256(DEV_PII_BLIND_INDEX_KEY_SEED);

/**
 * Reads PII_ENCRYPTION_KEYS (`id:base64,id:base64`), PII_ACTIVE_KEY_ID and PII_BLIND_INDEX_KEY.
 * Outside production an unset variable falls back to the development keys, but a value that is
 * set and wrong is always an error: silently replacing a mistyped key with a public one would
 * encrypt real data under a key everybody knows.
 */
export function loadPiiKeyRing(env: Env): PiiKeyRing {
  const production = env['NODE_ENV'] === 'production';
  const problems: string[] = [];
  const encryption = encryptionKeysFrom(env, production, problems);
  const blindIndex = blindIndexKeyFrom(env, production, problems);
  const blindIndexKey = blindIndex.key;

  // The blind index key sits on every lookup path and is the more exposed of the two; if it
  // were also an encryption key, leaking it would leak the data itself.
  if (blindIndexKey && [...encryption.keys.values()].some((key) => key.equals(blindIndexKey))) {
    problems.push('PII_BLIND_INDEX_KEY must differ from every encryption key');
  }

  // A missing blind index key always comes with a problem; the test only narrows the type.
  if (problems.length > 0 || !blindIndexKey) throw new PiiKeyConfigError(problems);
  return {
    encryptionKeys: new Map([...encryption.keys].map(([id, key]) => [id, createSecretKey(key)])),
    activeKeyId: encryption.activeKeyId,
    blindIndexKey: createSecretKey(blindIndexKey),
    usesDevelopmentKeys: encryption.development || blindIndex.development,
  };
}

interface EncryptionKeys {
  readonly keys: ReadonlyMap<string, Buffer>;
  readonly activeKeyId: string;
  readonly development: boolean;
}

function encryptionKeysFrom(env: Env, production: boolean, problems: string[]): EncryptionKeys {
  const rawKeys = env['PII_ENCRYPTION_KEYS']?.trim() || undefined;
  const rawActive = env['PII_ACTIVE_KEY_ID']?.trim() || undefined;

  if (rawKeys === undefined) {
    if (production) problems.push('PII_ENCRYPTION_KEYS is required in production');
    const activeKeyId = rawActive ?? DEV_PII_KEY_ID;
    if (activeKeyId !== DEV_PII_KEY_ID) {
      problems.push(`PII_ACTIVE_KEY_ID "${activeKeyId}" is set but PII_ENCRYPTION_KEYS is not`);
    }
    return { keys: new Map([[DEV_PII_KEY_ID, devEncryptionKey()]]), activeKeyId, development: true };
  }

  const { keys, ids } = parseEncryptionKeys(rawKeys, problems);
  if (rawActive === undefined) {
    problems.push('PII_ACTIVE_KEY_ID is required when PII_ENCRYPTION_KEYS is set');
  } else if (!ids.has(rawActive)) {
    problems.push(`PII_ACTIVE_KEY_ID "${rawActive}" is not one of the key ids in PII_ENCRYPTION_KEYS`);
  }
  if (production) {
    for (const [id, key] of keys) {
      if (isDevelopmentKey(key)) problems.push(`PII_ENCRYPTION_KEYS key "${id}" is a published development key`);
    }
  }
  return { keys, activeKeyId: rawActive ?? '', development: false };
}

function blindIndexKeyFrom(
  env: Env,
  production: boolean,
  problems: string[],
): { readonly key: Buffer | undefined; readonly development: boolean } {
  const raw = env['PII_BLIND_INDEX_KEY']?.trim() || undefined;
  if (raw === undefined) {
    if (production) problems.push('PII_BLIND_INDEX_KEY is required in production');
    return { key: devBlindIndexKey(), development: true };
  }
  const key = decodeKey(raw);
  if (!key) problems.push(`PII_BLIND_INDEX_KEY must be base64 of exactly ${KEY_BYTES} bytes`);
  else if (production && isDevelopmentKey(key)) problems.push('PII_BLIND_INDEX_KEY is a published development key');
  return { key, development: false };
}

/** `ids` includes ids whose key was unusable, so that mistake is not reported a second time. */
function parseEncryptionKeys(raw: string, problems: string[]): { keys: Map<string, Buffer>; ids: Set<string> } {
  const keys = new Map<string, Buffer>();
  const ids = new Set<string>();
  raw.split(',').forEach((entry, index) => {
    const position = `PII_ENCRYPTION_KEYS entry ${index + 1}`;
    const separator = entry.indexOf(':');
    if (separator < 0) {
      problems.push(`${position} must look like keyId:base64key`);
      return;
    }
    const id = entry.slice(0, separator).trim();
    const key = decodeKey(entry.slice(separator + 1).trim());
    const validId = KEY_ID_PATTERN.test(id);
    if (!validId) problems.push(`${position} has an invalid key id (expected [a-z0-9]{1,16})`);
    else if (ids.has(id)) problems.push(`PII_ENCRYPTION_KEYS names key id "${id}" more than once`);
    // The key itself is never echoed: this message ends up in logs.
    if (!key) problems.push(`${position} (key id "${id}") must be base64 of exactly ${KEY_BYTES} bytes`);
    if (validId && key && !ids.has(id)) keys.set(id, key);
    if (validId) ids.add(id);
  });
  return { keys, ids };
}

function decodeKey(raw: string): Buffer | undefined {
  const bytes = decodeCanonical(raw, 'base64');
  return bytes?.length === KEY_BYTES ? bytes : undefined;
}

function isDevelopmentKey(key: Buffer): boolean {
  return key.equals(devEncryptionKey()) || key.equals(devBlindIndexKey());
}
