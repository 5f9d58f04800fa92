import { createSecretKey, randomBytes } from 'node:crypto';
import { normalizePhone } from '../../domain/phone-number';
import { BlindIndex, BlindIndexInputError, normalizeForBlindIndex } from './blind-index';
import { FieldCipher } from './field-cipher';
import { loadPiiKeyRing } from './pii-keys';

const ring = () => ({ blindIndexKey: createSecretKey(randomBytes(32)) });

describe('BlindIndex', () => {
  const index = new BlindIndex(ring());

  it('given equal phones, when indexed, then the values are equal while their ciphertexts differ', () => {
    const keys = loadPiiKeyRing({ NODE_ENV: 'test' });
    const cipher = new FieldCipher(keys);
    const blind = new BlindIndex(keys);

    expect(cipher.encrypt('+8613812345678', 'customer.phone')).not.toBe(cipher.encrypt('+8613812345678', 'customer.phone'));
    expect(blind.phone('+8613812345678')).toBe(blind.phone('+8613812345678'));
  });

  it('given a value, when indexed, then the output is an HMAC-SHA256 in hex that does not contain the value', () => {
    const value = index.phone('+8613812345678');

    expect(value).toMatch(/^[0-9a-f]{64}$/);
    expect(value).not.toContain('13812345678');
  });

  it('given the base64url encoding, when indexed, then the same digest is shorter', () => {
    const keys = ring();
    const hex = new BlindIndex(keys).email('a@example.com');
    const b64 = new BlindIndex(keys, 'base64url').email('a@example.com');

    expect(b64).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(b64, 'base64url').toString('hex')).toBe(hex);
  });

  it('given different phones, when indexed, then the values differ', () => {
    expect(index.phone('+8613812345678')).not.toBe(index.phone('+8613812345679'));
  });

  it('given another blind index key, when indexed, then the value differs, so indexes are useless without the key', () => {
    expect(new BlindIndex(ring()).phone('+8613812345678')).not.toBe(index.phone('+8613812345678'));
  });

  it('given the same text as a name and as an email, when indexed, then the kinds are kept apart', () => {
    expect(index.name('a@example.com')).not.toBe(index.email('a@example.com'));
  });

  describe('phones', () => {
    it('given one number typed three ways, when normalised to E.164 by the caller first, then the indexes are equal', () => {
      const typed = ['138 1234 5678', '+86-138-1234-5678', '008613812345678'].map((raw) => normalizePhone(raw) ?? '');

      expect(new Set(typed.map((phone) => index.phone(phone))).size).toBe(1);
    });

    it.each(['138 1234 5678', '13812345678', '+86 138 1234 5678', ''])(
      'given the non-E.164 phone %p, when indexed, then it is refused rather than indexed unmatchably',
      (raw) => {
        expect(() => index.phone(raw)).toThrow(BlindIndexInputError);
      },
    );
  });

  describe('emails', () => {
    it('given an email differing only in case and surrounding spaces, when indexed, then the indexes are equal', () => {
      expect(index.email('  Zhang.San@Example.COM ')).toBe(index.email('zhang.san@example.com'));
    });

    it('given a blank email, when indexed, then it is refused', () => {
      expect(() => index.email('   ')).toThrow(BlindIndexInputError);
    });
  });

  describe('birthdays', () => {
    it('given a month-day, when indexed, then it is an HMAC kept apart from other kinds and without the day in clear', () => {
      expect(index.birthday('02-29')).toMatch(/^[0-9a-f]{64}$/);
      expect(index.birthday('02-29')).toBe(index.birthday('02-29'));
      expect(index.birthday('02-29')).not.toBe(index.birthday('02-28'));
      expect(index.birthday('02-28')).not.toBe(index.name('02-28'));
    });

    it('given a full date or an impossible month-day, when indexed, then it is refused', () => {
      for (const bad of ['1990-02-28', '13-01', '00-10', '2-8', '']) expect(() => index.birthday(bad)).toThrow(BlindIndexInputError);
    });
  });

  describe('names', () => {
    it.each([
      ['full-width Latin letters', 'Ｌｉ Ｌｅｉ', 'Li Lei'],
      ['an ideographic space', '欧阳\u3000娜娜', '欧阳 娜娜'],
      ['surrounding and repeated spaces', '  张   三 ', '张 三'],
      ['full-width digits', '王５', '王5'],
    ])('given a name with %s, when normalised, then it matches its ordinary form', (_case, typed, ordinary) => {
      expect(normalizeForBlindIndex('name', typed)).toBe(ordinary);
      expect(index.name(typed)).toBe(index.name(ordinary));
    });

    it('given names differing in an inner space, when indexed, then they stay different because only runs collapse', () => {
      expect(index.name('张三')).not.toBe(index.name('张 三'));
    });

    it('given a name of only spaces, when indexed, then it is refused', () => {
      expect(() => index.name('\u3000 ')).toThrow(BlindIndexInputError);
    });
  });
});
