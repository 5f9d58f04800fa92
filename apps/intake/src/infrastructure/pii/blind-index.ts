import { createHmac, type KeyObject } from 'node:crypto';
import type { PiiKeyRing } from './pii-keys';

export type BlindIndexKind = 'phone' | 'email' | 'name' | 'birthday';
export type BlindIndexEncoding = 'hex' | 'base64url';

/** The value cannot be indexed as given; raised instead of producing an index that never matches. */
export class BlindIndexInputError extends Error {
  override readonly name = 'BlindIndexInputError';

  constructor(
    readonly kind: BlindIndexKind,
    message: string,
  ) {
    super(message);
  }
}

const E164 = /^\+[1-9]\d{6,14}$/;
const MONTH_DAY = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/**
 * Brings equal values to equal strings before hashing. Phones are not normalised here: that
 * needs country rules (see domain/phone-number.ts), and doing it in two places would let the
 * two drift and silently break lookups, so a non-E.164 phone is rejected instead.
 */
export function normalizeForBlindIndex(kind: BlindIndexKind, value: string): string {
  switch (kind) {
    case 'phone':
      if (!E164.test(value)) throw new BlindIndexInputError(kind, 'phone must already be normalised to E.164');
      return value;
    case 'email': {
      const email = value.trim().toLowerCase();
      if (email.length === 0) throw new BlindIndexInputError(kind, 'email must not be empty');
      return email;
    }
    case 'birthday':
      if (!MONTH_DAY.test(value)) throw new BlindIndexInputError(kind, 'a birthday is indexed by its month-day, MM-DD');
      return value;
    case 'name': {
      // NFKC folds full-width letters, digits and the ideographic space (U+3000) that Chinese
      // input methods produce into their ordinary forms.
      const name = value.normalize('NFKC').trim().replace(/\s+/g, ' ');
      if (name.length === 0) throw new BlindIndexInputError(kind, 'name must not be empty');
      return name;
    }
  }
}

/**
 * Keyed HMAC-SHA256 "blind index" of a personal-data field, stored beside its ciphertext so
 * exact-match lookups (find the customer with this phone) work without decrypting every row.
 * Without the key the index reveals only which rows share a value; with it, low-entropy values
 * such as phone numbers can be brute-forced, which is why it has its own key and never leaves
 * this service.
 */
export class BlindIndex {
  private readonly key: KeyObject;

  constructor(
    keys: Pick<PiiKeyRing, 'blindIndexKey'>,
    private readonly encoding: BlindIndexEncoding = 'hex',
  ) {
    this.key = keys.blindIndexKey;
  }

  compute(kind: BlindIndexKind, value: string): string {
    // The kind prefix keeps a name that happens to equal an email (or a phone) from sharing
    // its index, so one column's values cannot be probed through another.
    return createHmac('sha256', this.key)
      .update(`cs-intake-blind-index/v1\u0000${kind}\u0000`, 'utf8')
      .update(normalizeForBlindIndex(kind, value), 'utf8')
      .digest(this.encoding);
  }

  /** `e164` must already be normalised, e.g. with normalizePhone from the domain. */
  phone(e164: string): string {
    return this.compute('phone', e164);
  }

  email(email: string): string {
    return this.compute('email', email);
  }

  name(name: string): string {
    return this.compute('name', name);
  }

  /**
   * The month-day ("MM-DD") of a birth date: finds whose birthday is today without storing the
   * day in clear. Only 366 values, so it groups customers by birthday for whoever holds the key.
   */
  birthday(monthDay: string): string {
    return this.compute('birthday', monthDay);
  }
}
