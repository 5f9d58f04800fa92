import { Inject, Injectable } from '@nestjs/common';
import { BlindIndex, FieldCipher } from './pii';

export const PII_CIPHER = Symbol('PII_CIPHER');
export const PII_INDEX = Symbol('PII_INDEX');
export const PII_KEY_RING = Symbol('PII_KEY_RING');

/**
 * The one place intake turns personal data into what is stored: ciphertext bound to its
 * column, and blind indexes for exact lookup.
 */
@Injectable()
export class PiiCodec {
  constructor(
    @Inject(PII_CIPHER) private readonly cipher: FieldCipher,
    @Inject(PII_INDEX) private readonly index: BlindIndex,
  ) {}

  seal(field: PiiField, value: string): string {
    return this.cipher.encrypt(value, field);
  }

  sealOptional(field: PiiField, value: string | undefined | null): string | null {
    return value ? this.cipher.encrypt(value, field) : null;
  }

  open(field: PiiField, sealed: string): string {
    return this.cipher.decrypt(sealed, field);
  }

  openOptional(field: PiiField, sealed: string | null): string | undefined {
    return sealed ? this.cipher.decrypt(sealed, field) : undefined;
  }

  phoneIndex(e164: string): string {
    return this.index.phone(e164);
  }

  emailIndex(email: string): string {
    return this.index.email(email);
  }

  nameIndex(name: string): string {
    return this.index.name(name);
  }

  /** Of a month-day, "MM-DD". */
  birthdayIndex(monthDay: string): string {
    return this.index.birthday(monthDay);
  }

  needsRotation(sealed: string): boolean {
    return this.cipher.needsRotation(sealed);
  }

  rotate(field: PiiField, sealed: string): string {
    return this.cipher.rotate(sealed, field);
  }
}

/** The encryption context of each column: a ciphertext copied into another column does not open. */
export type PiiField = 'customer.name' | 'customer.phone' | 'customer.email' | 'customer.address' | 'customer.birth_date' | 'contact.content' | 'contact.attachments';
