import { DomainError } from '@cs/ddd';
import { contentSummary, validateNewContact } from './contact';
import { maskName, maskPhone } from './masking';
import { normalizePhone } from './phone-number';

describe('normalizePhone', () => {
  it.each([
    ['13812345678', '+8613812345678'],
    ['138 1234 5678', '+8613812345678'],
    ['+86-138-1234-5678', '+8613812345678'],
    ['008613812345678', '+8613812345678'],
    ['8613812345678', '+8613812345678'],
    ['(010) 8888-6666', '+861088886666'],
    ['0755-12345678', '+8675512345678'],
    ['0571-1234567', '+865711234567'],
    ['021 6543 2109', '+862165432109'],
    ['+86 10 8888 6666', '+861088886666'],
    ['4008 123 456', '+864008123456'],
    ['+852 9123 4567', '+85291234567'],
  ])('%s → %s', (raw, expected) => expect(normalizePhone(raw)).toBe(expected));

  // The last four: an extension run into a Beijing number, a 2x code with a 7-digit local number,
  // a 3-digit code with a 6-digit one, and a local number of 9.
  it.each(['', 'abc', '1381234567', '23812345678', '+86', '12345', '010-88886666-1', '021-6543210', '0571-123456', '0571-123456789'])('rejects %p', (raw) =>
    expect(normalizePhone(raw)).toBeUndefined(),
  );
});

describe('masking', () => {
  it('keeps the family name only', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('王')).toBe('王*');
  });

  it('shows the first three and last four digits of a mobile', () => {
    expect(maskPhone('+8613812345678')).toBe('138****5678');
  });
});

describe('validateNewContact', () => {
  const now = new Date('2026-11-24T02:00:00Z');
  const base = { channel: 'phone' as const, content: '电梯坏了', occurredAt: now, recordedBy: 'agent-1' };

  it('accepts an ordinary contact, and one recorded up to 90 days after it happened', () => {
    expect(() => validateNewContact(base, now)).not.toThrow();
    expect(() => validateNewContact({ ...base, occurredAt: new Date(now.getTime() - 89 * 86_400_000) }, now)).not.toThrow();
  });

  it.each([
    [{ content: '   ' }, 'content'],
    [{ content: 'x'.repeat(4_001) }, 'content'],
    [{ occurredAt: new Date(now.getTime() + 10 * 60_000) }, 'occurredAt'],
    [{ occurredAt: new Date(now.getTime() - 91 * 86_400_000) }, 'occurredAt'],
    [{ occurredAt: new Date('1899-12-31T00:00:00Z') }, 'occurredAt'],
  ])('rejects %p naming the field %s', (change, field) => {
    try {
      validateNewContact({ ...base, ...change }, now);
      throw new Error('expected a DomainError');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).field).toBe(field);
    }
  });

  it('summarises long content to 200 characters', () => {
    expect([...contentSummary('报'.repeat(500))]).toHaveLength(200);
    expect(contentSummary(' 短 ')).toBe('短');
  });
});
