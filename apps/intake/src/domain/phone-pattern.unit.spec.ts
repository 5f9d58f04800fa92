import fc from 'fast-check';
import { PHONE_PATTERN, normalizePhone } from './phone-number';

const pattern = new RegExp(PHONE_PATTERN);
const accepted = (raw: string) => normalizePhone(raw) !== undefined;

describe('PHONE_PATTERN', () => {
  it.each([
    '138 1234 5678',
    '+86-138-1234-5678',
    '008613812345678',
    '8613812345678',
    '010-8888 6666',
    '(010)8888-6666',
    '4008 123 456',
    '+86 10 8888 6666',
    '+44 20 7946 0958',
    '',
    '138 1234 567',
    '+86 1',
    '+8612345',
    '0086 10 8888 6666',
    '86 10 8888 6666',
    '+0 123 4567',
    '138１2345678',
    '１３８ １２３４ ５６７８',
    '＋８６－１３８－１２３４－５６７８',
    '（０１０）８８８８－６６６６',
    '１３８　１２３４　５６７８',
    '１３８／１２３４／５６７８',
    'tel:13812345678',
    '①３８12345678',
  ])('agrees with normalizePhone on "%s"', (raw) => {
    expect(pattern.test(raw)).toBe(accepted(raw));
  });

  it('given any text of digits, signs and single separators, it accepts exactly what normalizePhone accepts', () => {
    const characters = fc.constantFrom(...'0123456789+'.split(''), '0', '1', '8', '6');
    const separator = fc.constantFrom('', '', ' ', '-', '(', ')', '.', '\t');
    const text = fc
      .array(fc.tuple(characters, separator), { maxLength: 18 })
      .map((pairs) => pairs.map(([c, s]) => c + s).join(''));
    fc.assert(fc.property(text, (raw) => pattern.test(raw) === accepted(raw)), { numRuns: 5_000 });
  });

  it('given the same text in full-width digits, signs and separators, as a Chinese input method types it, it accepts exactly what normalizePhone accepts', () => {
    const full = (c: string) => String.fromCharCode(c.charCodeAt(0) + 0xfee0);
    const characters = fc.constantFrom(...'0123456789+'.split(''), '1', '8', '6').chain((c) => fc.constantFrom(c, full(c)));
    const separator = fc.constantFrom('', '', ' ', '\u3000', '-', full('-'), full('('), full(')'), full('.'), '/', full('/'));
    const text = fc
      .array(fc.tuple(characters, separator), { maxLength: 18 })
      .map((pairs) => pairs.map(([c, s]) => c + s).join(''));
    fc.assert(fc.property(text, (raw) => pattern.test(raw) === accepted(raw)), { numRuns: 5_000 });
  });

  it('reads a number in full-width digits as the same number', () => {
    expect(normalizePhone('１３８ １２３４ ５６７８')).toBe('+8613812345678');
    expect(normalizePhone('＋８６－１３８－１２３４－５６７８')).toBe('+8613812345678');
    expect(normalizePhone('（０１０）８８８８－６６６６')).toBe('+861088886666');
  });

  it('never accepts what normalizePhone refuses, whatever the separators', () => {
    const characters = fc.constantFrom(...'0123456789+ -().'.split(''), '\t', 'x');
    fc.assert(fc.property(fc.string({ unit: characters, maxLength: 28 }), (raw) => !pattern.test(raw) || accepted(raw)), {
      numRuns: 5_000,
    });
  });

  it('given valid numbers spelled with separators anywhere, it accepts them as normalizePhone does', () => {
    const number = fc.constantFrom('13812345678', '+8613812345678', '008613812345678', '4001234567', '01088886666', '+442079460958');
    const separator = fc.constantFrom('', ' ', '-', '(', ')', '.');
    const spelled = fc.tuple(number, fc.array(separator, { minLength: 16, maxLength: 16 })).map(([digits, seps]) =>
      [...digits].map((c, i) => c + seps[i]!).join(''),
    );
    fc.assert(fc.property(spelled, (raw) => pattern.test(raw) && accepted(raw)), { numRuns: 1_000 });
  });
});
