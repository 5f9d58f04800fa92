import { randomBytes } from 'node:crypto';
import { FieldCipher, PiiDecryptionError, type PiiDecryptionFailure } from './field-cipher';
import { loadPiiKeyRing } from './pii-keys';

const PHONE = 'customer.phone';
const NAME = 'customer.name';
const key = (): string => randomBytes(32).toString('base64');

function cipherWith(keys: Readonly<Record<string, string>>, active: string): FieldCipher {
  return new FieldCipher(
    loadPiiKeyRing({
      NODE_ENV: 'test',
      PII_ENCRYPTION_KEYS: Object.entries(keys)
        .map(([id, material]) => `${id}:${material}`)
        .join(','),
      PII_ACTIVE_KEY_ID: active,
      PII_BLIND_INDEX_KEY: key(),
    }),
  );
}

function failureOf(action: () => unknown): PiiDecryptionFailure {
  try {
    action();
  } catch (error) {
    if (error instanceof PiiDecryptionError) return error.reason;
    throw error;
  }
  throw new Error('expected a PiiDecryptionError');
}

/** Flips one base64url character of part `index` to another valid one, keeping the string canonical. */
function tamper(ciphertext: string, index: number): string {
  const parts = ciphertext.split('.');
  const part = parts[index] ?? '';
  const bytes = Buffer.from(part, 'base64url');
  bytes[0] = (bytes[0] ?? 0) ^ 0x01;
  parts[index] = bytes.toString('base64url');
  return parts.join('.');
}

describe('FieldCipher', () => {
  const k1 = key();
  const cipher = cipherWith({ k1 }, 'k1');

  it.each(['+8613812345678', '张三', '', 'Ａｂｃ 🏠 欧阳娜娜', 'x'.repeat(10_000)])(
    'given %p, when encrypted and decrypted with the same context, then the plaintext comes back',
    (plaintext) => {
      expect(cipher.decrypt(cipher.encrypt(plaintext, PHONE), PHONE)).toBe(plaintext);
    },
  );

  it('given a plaintext, when encrypted, then the result is the self-describing v1 format and hides the value', () => {
    const ciphertext = cipher.encrypt('+8613812345678', PHONE);

    expect(ciphertext).toMatch(/^v1\.k1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(ciphertext).not.toContain('13812345678');
  });

  it('given a ciphertext stored by an earlier build, when decrypted, then it still reads, so the format has not drifted', () => {
    const stored = 'v1.dev.IyKZs8Zqu5V6Ucmo.UTxi70Lubp-UL-rTdfFFuA.QOj1rcKEVIW8jA0RUXE';

    expect(new FieldCipher(loadPiiKeyRing({ NODE_ENV: 'test' })).decrypt(stored, PHONE)).toBe('+8613812345678');
  });

  it('given the same plaintext twice, when encrypted, then the ciphertexts differ because each IV is random', () => {
    const first = cipher.encrypt('+8613812345678', PHONE);
    const second = cipher.encrypt('+8613812345678', PHONE);

    expect(first).not.toBe(second);
    expect(first.split('.')[2]).not.toBe(second.split('.')[2]);
  });

  it('given a ciphertext of one field, when decrypted as another field, then it fails authentication', () => {
    const phone = cipher.encrypt('+8613812345678', PHONE);

    expect(failureOf(() => cipher.decrypt(phone, NAME))).toBe('authentication_failed');
  });

  it.each([
    [2, 'IV'],
    [3, 'tag'],
    [4, 'ciphertext'],
  ])('given a ciphertext whose part %i (%s) was altered, when decrypted, then it fails authentication', (index) => {
    const tampered = tamper(cipher.encrypt('张三', NAME), index);

    expect(failureOf(() => cipher.decrypt(tampered, NAME))).toBe('authentication_failed');
  });

  it('given a ciphertext relabelled with another known key id, when decrypted, then it fails authentication', () => {
    const two = cipherWith({ k1, k2: key() }, 'k1');
    const relabelled = two.encrypt('张三', NAME).replace(/^v1\.k1\./, 'v1.k2.');

    expect(failureOf(() => two.decrypt(relabelled, NAME))).toBe('authentication_failed');
  });

  it.each<[string, (c: string) => string, PiiDecryptionFailure]>([
    ['an unknown version', (c) => c.replace(/^v1\./, 'v2.'), 'unsupported_version'],
    ['an unknown key id', (c) => c.replace(/^v1\.k1\./, 'v1.k9.'), 'unknown_key'],
    ['an invalid key id', (c) => c.replace(/^v1\.k1\./, 'v1.K-1.'), 'malformed'],
    ['a missing part', (c) => c.split('.').slice(0, 4).join('.'), 'malformed'],
    ['an extra part', (c) => `${c}.AAAA`, 'malformed'],
    ['a truncated tag', (c) => c.replace(/^(v1\.k1\.[^.]+\.)[^.]{4}/, '$1'), 'malformed'],
    ['a short IV', (c) => c.replace(/^(v1\.k1\.)[^.]{4}/, '$1'), 'malformed'],
    ['non-base64url characters', (c) => `${c.slice(0, -1)}+`, 'malformed'],
    ['plain text', () => '+8613812345678', 'malformed'],
  ])('given a ciphertext with %s, when decrypted, then it is rejected as %s', (_name, change, reason) => {
    const changed = change(cipher.encrypt('张三', NAME));

    expect(failureOf(() => cipher.decrypt(changed, NAME))).toBe(reason);
  });

  it('given a decryption failure, when reported, then the message leaks neither plaintext nor ciphertext', () => {
    const ciphertext = cipher.encrypt('+8613812345678', PHONE);
    try {
      cipher.decrypt(ciphertext, NAME);
      throw new Error('expected a PiiDecryptionError');
    } catch (error) {
      expect(error).toBeInstanceOf(PiiDecryptionError);
      const message = (error as PiiDecryptionError).message;
      expect(message).not.toContain('13812345678');
      expect(message).not.toContain(ciphertext.split('.')[4]);
    }
  });

  describe('key rotation', () => {
    const k2 = key();
    const before = cipherWith({ k1 }, 'k1');
    const during = cipherWith({ k1, k2 }, 'k2');

    it('given a k1 ciphertext and k2 now active, when decrypted, then it still reads because k1 is kept', () => {
      const old = before.encrypt('+8613812345678', PHONE);

      expect(during.decrypt(old, PHONE)).toBe('+8613812345678');
      expect(during.needsRotation(old)).toBe(true);
    });

    it('given a k1 ciphertext and k2 active, when rotated, then it becomes a k2 ciphertext of the same value', () => {
      const rotated = during.rotate(before.encrypt('+8613812345678', PHONE), PHONE);

      expect(during.keyIdOf(rotated)).toBe('k2');
      expect(during.needsRotation(rotated)).toBe(false);
      expect(cipherWith({ k2 }, 'k2').decrypt(rotated, PHONE)).toBe('+8613812345678');
    });

    it('given a ciphertext already under the active key, when rotated, then it is returned unchanged', () => {
      const current = during.encrypt('张三', NAME);

      expect(during.rotate(current, NAME)).toBe(current);
    });

    it('given a tampered k1 ciphertext, when rotated, then it fails instead of re-encrypting garbage', () => {
      const tampered = tamper(before.encrypt('张三', NAME), 4);

      expect(failureOf(() => during.rotate(tampered, NAME))).toBe('authentication_failed');
    });

    it('given k1 removed too early, when a k1 ciphertext is decrypted, then the unknown key is named', () => {
      const old = before.encrypt('张三', NAME);

      expect(failureOf(() => cipherWith({ k2 }, 'k2').decrypt(old, NAME))).toBe('unknown_key');
    });
  });

  describe('optional fields', () => {
    it.each([null, undefined])('given %p, when encrypted or decrypted, then null is stored and read back', (value) => {
      expect(cipher.encryptOptional(value, NAME)).toBeNull();
      expect(cipher.decryptOptional(value, NAME)).toBeNull();
    });

    it('given a value, when encrypted optionally, then it round-trips like a required one', () => {
      const ciphertext = cipher.encryptOptional('101室', 'contact.room');

      expect(cipher.decryptOptional(ciphertext, 'contact.room')).toBe('101室');
    });
  });

  describe('misuse', () => {
    it.each(['', 'customer phone', 'a'.repeat(129)])('given the context %p, when encrypting, then it is refused', (context) => {
      expect(() => cipher.encrypt('x', context)).toThrow(RangeError);
    });

    it('given a string with a lone surrogate, when encrypting, then it is refused rather than altered', () => {
      expect(() => cipher.encrypt('\ud800', NAME)).toThrow(RangeError);
    });
  });
});
