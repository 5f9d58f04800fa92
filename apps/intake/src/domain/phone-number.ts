import { toHalfWidth } from '@cs/privacy';

/**
 * Normalises a Chinese phone number to E.164 (+86…), so one customer is one phone however
 * an agent or a gateway typed it: "138 1234 5678", "+86-138-1234-5678", "008613812345678",
 * "010-8888 6666", "4008 123 456", and the same in full-width digits and signs, which a Chinese
 * input method types ("１３８ １２３４ ５６７８"). Returns undefined for anything that is not a number.
 */
export function normalizePhone(raw: string): string | undefined {
  const compact = toHalfWidth(raw).trim().replace(/[\s\-().]/g, '');
  if (!/^\+?\d+$/.test(compact)) return undefined;
  let national = compact;
  if (national.startsWith('+86')) national = national.slice(3);
  else if (national.startsWith('0086')) national = national.slice(4);
  else if (national.startsWith('+')) return /^\+[1-9]\d{6,14}$/.test(national) ? national : undefined;
  else if (/^86(1[3-9]\d{9})$/.test(national)) national = national.slice(2);

  if (/^1[3-9]\d{9}$/.test(national)) return `+86${national}`; // mobile
  if (/^[48]00\d{7}$/.test(national)) return `+86${national}`; // 400 / 800 service numbers
  if (/^0/.test(national) && AREA_AND_LOCAL.test(national.slice(1))) return `+86${national.slice(1)}`; // landline with trunk 0
  if (AREA_AND_LOCAL.test(national) && compact.startsWith('+86')) return `+86${national}`; // landline already international
  return undefined;
}

/**
 * One of what normalizePhone strips, between any two characters. It strips runs of them too,
 * but a published pattern allowing runs makes generated numbers overrun the 32 characters a
 * phone field holds far more often than they fit.
 */
const SEPARATORS = '[\\s().\\-\\uFF08\\uFF09\\uFF0E\\uFF0D]?';
/** A class of digits and signs, each also in its full-width form (U+FF01–FF5E) as toHalfWidth reads it. */
const wide = (ascii: string) => `[${ascii}${ascii.replace(/[0-9+]/g, (c) => `\\u${(c.charCodeAt(0) + 0xfee0).toString(16).toUpperCase()}`)}]`;
const some = (characters: string, min: number, max = min) =>
  `(?:${wide(characters)}${SEPARATORS})${min === max ? `{${min}}` : `{${min},${max}}`}`;
const literal = (text: string) => [...text].map((c) => `${wide(c)}${SEPARATORS}`).join('');
const DIGIT = '0-9';
const MOBILE = literal('1') + some('3-9', 1) + some(DIGIT, 9);
const SERVICE = some('48', 1) + literal('00') + some(DIGIT, 7);
/**
 * A landline after its trunk 0: the area code, then the local number. Beijing's 10 and the 2x
 * codes are followed by 8 digits; every other code has three digits (3–9 first), followed by 7 or
 * 8. So a number with an extension run into it (010-88886666-1) is no number, rather than a
 * number no caller ID ever shows.
 */
const AREA_AND_LOCAL = /^(?:(?:10|2\d)\d{8}|[3-9]\d{9,10})$/;
const AREA_AND_LOCAL_PATTERN = `(?:${literal('1') + literal('0') + some(DIGIT, 8)}|${literal('2') + some(DIGIT, 9)}|${some('3-9', 1) + some(DIGIT, 9, 10)})`;
const LANDLINE = literal('0') + AREA_AND_LOCAL_PATTERN;
const LANDLINE_INTERNATIONAL = AREA_AND_LOCAL_PATTERN;
const NATIONAL = `(?:${MOBILE}|${SERVICE}|${LANDLINE})`;

/**
 * The phone numbers normalizePhone accepts, as a regular expression an API document can
 * publish (a unit test holds the two together): a national number, `86` + a mobile number,
 * `+86`/`0086` + a national number, or any other country's E.164 number; a separator (space,
 * `-`, `.`, parentheses) between any two characters; digits and signs ASCII or full-width.
 */
export const PHONE_PATTERN = [
  `^${SEPARATORS}(?:`,
  [
    `${literal('+86')}(?:${NATIONAL}|${LANDLINE_INTERNATIONAL})`,
    `${literal('0086')}${NATIONAL}`,
    `${literal('+')}(?:${some('1-79', 1)}${some(DIGIT, 6, 14)}|${literal('8')}${some('0-57-9', 1)}${some(DIGIT, 5, 13)})`,
    `${literal('86')}${MOBILE}`,
    NATIONAL,
  ].join('|'),
  ')$',
].join('');
