import { createCipheriv, createDecipheriv, randomBytes, type KeyObject } from 'node:crypto';
import { decodeCanonical } from './canonical-base64';
import { KEY_ID_PATTERN, type PiiKeyRing } from './pii-keys';

export type PiiDecryptionFailure = 'malformed' | 'unsupported_version' | 'unknown_key' | 'authentication_failed';

/**
 * The ciphertext cannot be turned back into the plaintext. Deliberately carries no ciphertext
 * or plaintext fragments, so it can be logged as it is.
 */
export class PiiDecryptionError extends Error {
  override readonly name = 'PiiDecryptionError';

  constructor(
    readonly reason: PiiDecryptionFailure,
    message: string,
    readonly keyId?: string,
  ) {
    super(message);
  }
}

export const CIPHERTEXT_VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** e.g. `customer.phone`, `contact.content`, or `customer.phone:<row id>` to also pin the row. */
const CONTEXT_PATTERN = /^[A-Za-z0-9_.:-]{1,128}$/;

interface ParsedCiphertext {
  readonly keyId: string;
  readonly iv: Buffer;
  readonly tag: Buffer;
  readonly body: Buffer;
}

/**
 * Application-level AES-256-GCM encryption of one string field, so a database dump, a replica
 * or a backup holds no readable personal data. Output is
 * `v1.<keyId>.<iv b64url>.<tag b64url>.<ciphertext b64url>`: naming the key in the value is
 * what lets old rows stay readable while a rotation job re-encrypts them.
 */
export class FieldCipher {
  constructor(private readonly keys: PiiKeyRing) {
    if (!keys.encryptionKeys.has(keys.activeKeyId)) {
      throw new RangeError(`the active PII key "${keys.activeKeyId}" is not in the key ring`);
    }
  }

  /** `context` names what the value is (e.g. `customer.phone`); decrypt must be given the same one. */
  encrypt(plaintext: string, context: string): string {
    assertContext(context);
    const bytes = Buffer.from(plaintext, 'utf8');
    // A lone UTF-16 surrogate would be stored as U+FFFD and come back different from what went in.
    if (bytes.toString('utf8') !== plaintext) throw new RangeError('plaintext is not well-formed Unicode');
    const keyId = this.keys.activeKeyId;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.key(keyId), iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(additionalData(keyId, context));
    const body = Buffer.concat([cipher.update(bytes), cipher.final()]);
    return [CIPHERTEXT_VERSION, keyId, iv, cipher.getAuthTag(), body]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  decrypt(ciphertext: string, context: string): string {
    assertContext(context);
    const { keyId, iv, tag, body } = parse(ciphertext);
    const key = this.keys.encryptionKeys.get(keyId);
    if (!key) {
      throw new PiiDecryptionError('unknown_key', `no PII key "${keyId}" in the key ring (removed too early?)`, keyId);
    }
    const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(additionalData(keyId, context));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    } catch {
      // GCM cannot tell a wrong context from tampering or a wrong key; all mean "do not trust this".
      throw new PiiDecryptionError(
        'authentication_failed',
        `PII ciphertext failed authentication for context "${context}" (tampered, or stored in another field)`,
        keyId,
      );
    }
  }

  encryptOptional(plaintext: string | null | undefined, context: string): string | null {
    return plaintext === null || plaintext === undefined ? null : this.encrypt(plaintext, context);
  }

  decryptOptional(ciphertext: string | null | undefined, context: string): string | null {
    return ciphertext === null || ciphertext === undefined ? null : this.decrypt(ciphertext, context);
  }

  /** The key id a ciphertext was written with; throws PiiDecryptionError if it is not a v1 ciphertext. */
  keyIdOf(ciphertext: string): string {
    return parse(ciphertext).keyId;
  }

  needsRotation(ciphertext: string): boolean {
    return this.keyIdOf(ciphertext) !== this.keys.activeKeyId;
  }

  /**
   * Re-encrypts under the active key. A value already under the active key is still verified
   * but returned unchanged, so a re-encryption job can skip the UPDATE when nothing changed.
   */
  rotate(ciphertext: string, context: string): string {
    const plaintext = this.decrypt(ciphertext, context);
    return this.needsRotation(ciphertext) ? this.encrypt(plaintext, context) : ciphertext;
  }

  private key(keyId: string): KeyObject {
    const key = this.keys.encryptionKeys.get(keyId);
    if (!key) throw new RangeError(`no PII key "${keyId}" in the key ring`);
    return key;
  }
}

/**
 * Binding version and key id as well as the context means no part of the header can be
 * swapped without the tag failing. The key id cannot contain a dot and the context cannot
 * contain a NUL, so the encoding is unambiguous.
 */
function additionalData(keyId: string, context: string): Buffer {
  return Buffer.from(`${CIPHERTEXT_VERSION}\u0000${keyId}\u0000${context}`, 'utf8');
}

function assertContext(context: string): void {
  if (!CONTEXT_PATTERN.test(context)) {
    throw new RangeError(`PII context must match ${CONTEXT_PATTERN} (got "${context}")`);
  }
}

function parse(ciphertext: string): ParsedCiphertext {
  const parts = ciphertext.split('.');
  if (parts.length !== 5) throw malformed('expected 5 dot-separated parts');
  const [version, keyId, ivText, tagText, bodyText] = parts as [string, string, string, string, string];
  if (version !== CIPHERTEXT_VERSION) {
    throw new PiiDecryptionError('unsupported_version', `unsupported PII ciphertext version "${version.slice(0, 8)}"`);
  }
  if (!KEY_ID_PATTERN.test(keyId)) throw malformed('invalid key id');
  const iv = decodeCanonical(ivText, 'base64url');
  const tag = decodeCanonical(tagText, 'base64url');
  const body = decodeCanonical(bodyText, 'base64url');
  if (iv?.length !== IV_BYTES) throw malformed(`the IV must be ${IV_BYTES} bytes of base64url`);
  if (tag?.length !== TAG_BYTES) throw malformed(`the tag must be ${TAG_BYTES} bytes of base64url`);
  if (!body) throw malformed('the ciphertext must be base64url');
  return { keyId, iv, tag, body };
}

function malformed(detail: string): PiiDecryptionError {
  return new PiiDecryptionError('malformed', `malformed PII ciphertext: ${detail}`);
}
