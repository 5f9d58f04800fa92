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
export function loadPiiKeyRing(env: Env = process.env): PiiKeyRing {
  const production = env['NODE_ENV'] === 'production';
  const problems: string[] = [];
  const rawKeys = env['PII_ENCRYPTION_KEYS']?.trim() || undefined;
  const rawActive = env['PII_ACTIVE_KEY_ID']?.trim() || undefined;
  const rawBlind = env['PII_BLIND_INDEX_KEY']?.trim() || undefined;
  let usesDevelopmentKeys = false;

  let keys: Map<string, Buffer>;
  let activeKeyId: string;
  if (rawKeys === undefined) {
    if (production) problems.push('PII_ENCRYPTION_KEYS is required in production');
    keys = new Map([[DEV_PII_KEY_ID, devEncryptionKey()]]);
    activeKeyId = rawActive ?? DEV_PII_KEY_ID;
    usesDevelopmentKeys = true;
  } else {
    keys = parseEncryptionKeys(rawKeys, problems);
    if (rawActive === undefined) problems.push('PII_ACTIVE_KEY_ID is required when PII_ENCRYPTION_KEYS is set');
    activeKeyId = rawActive ?? '';
  }
  if (activeKeyId && !keys.has(activeKeyId)) {
    problems.push(`PII_ACTIVE_KEY_ID "${activeKeyId}" is not one of the key ids in PII_ENCRYPTION_KEYS`);
  }

  let blindIndexKey: Buffer;
  if (rawBlind === undefined) {
    if (production) problems.push('PII_BLIND_INDEX_KEY is required in production');
    blindIndexKey = devBlindIndexKey();
    usesDevelopmentKeys = true;
  } else {
    blindIndexKey = decodeKey(rawBlind) ?? Buffer.alloc(0);
    if (blindIndexKey.length === 0) problems.push(`PII_BLIND_INDEX_KEY must be base64 of exactly ${KEY_BYTES} bytes`);
  }

  // One leaked key must not also expose the other purpose, and a reused key would let an
  // attacker with the blind index key forge nothing but still learn more than intended.
  if (blindIndexKey.length > 0 && [...keys.values()].some((key) => key.equals(blindIndexKey))) {
    problems.push('PII_BLIND_INDEX_KEY must differ from every encryption key');
  }
  if (production) problems.push(...publicKeysInUse(keys, blindIndexKey));

  if (problems.length > 0) throw new PiiKeyConfigError(problems);
  return {
    encryptionKeys: new Map([...keys].map(([id, key]) => [id, createSecretKey(key)])),
    activeKeyId,
    blindIndexKey: createSecretKey(blindIndexKey),
    usesDevelopmentKeys,
  };
}

function parseEncryptionKeys(raw: string, problems: string[]): Map<string, Buffer> {
  const keys = new Map<string, Buffer>();
  raw.split(',').forEach((entry, index) => {
    const position = `PII_ENCRYPTION_KEYS entry ${index + 1}`;
    const separator = entry.indexOf(':');
    if (separator < 0) {
      problems.push(`${position} must look like keyId:base64key`);
      return;
    }
    const id = entry.slice(0, separator).trim();
    const key = decodeKey(entry.slice(separator + 1).trim());
    if (!KEY_ID_PATTERN.test(id)) problems.push(`${position} has an invalid key id (expected [a-z0-9]{1,16})`);
    else if (keys.has(id)) problems.push(`PII_ENCRYPTION_KEYS names key id "${id}" more than once`);
    // The key itself is never echoed: this message ends up in logs.
    if (!key) problems.push(`${position} (key id "${id}") must be base64 of exactly ${KEY_BYTES} bytes`);
    if (key && KEY_ID_PATTERN.test(id) && !keys.has(id)) keys.set(id, key);
  });
  return keys;
}

function decodeKey(raw: string): Buffer | undefined {
  const bytes = decodeCanonical(raw, 'base64');
  return bytes?.length === KEY_BYTES ? bytes : undefined;
}

function publicKeysInUse(keys: ReadonlyMap<string, Buffer>, blindIndexKey: Buffer): string[] {
  const problems: string[] = [];
  for (const [id, key] of keys) {
    if (key.equals(devEncryptionKey()) || key.equals(devBlindIndexKey())) {
      problems.push(`PII_ENCRYPTION_KEYS key "${id}" is a published development key`);
    }
  }
  if (blindIndexKey.equals(devEncryptionKey()) || blindIndexKey.equals(devBlindIndexKey())) {
    problems.push('PII_BLIND_INDEX_KEY is a published development key');
  }
  return problems;
}
