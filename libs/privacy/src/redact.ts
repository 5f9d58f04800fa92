/**
 * Redaction of personal data in free text. Customers dictate phone numbers, e-mail addresses
 * and ID-card numbers, and agents type them into reasons, replies and summaries; such text
 * travels into ticket history, events and logs, where personal data must not appear in clear.
 * Every service redacts free text through this one function before it leaves the request.
 */

const DIGIT = '[0-9\\uFF10-\\uFF19]';
/** What people put between digit groups: spaces, dashes, dots, underscores, slashes, brackets — ASCII or full-width. */
const SEPARATOR = '[\\s\\-._/()\\u2010-\\u2015\\u3000\\uFF08\\uFF09\\uFF0D\\uFF0E\\uFF0F\\uFF3F]';
/** Ticket numbers (TK-20261124-000123) are matched first and kept: they are not personal data. */
const TICKET_NUMBER = 'TK-\\d{8}-\\d{6}';
const NUMBER_RUN = new RegExp(`${TICKET_NUMBER}|[+\\uFF0B]?${DIGIT}(?:${SEPARATOR}{0,2}${DIGIT})+[XxＸｘ]?`, 'g');
/**
 * A number dictated in groups with what the strict separators leave out between them: commas
 * (ASCII and full-width), the enumeration comma 、, tildes, a dash with spaces around it. Up to
 * four groups, and masked only when it then reads as a mobile, a landline with its area code or
 * an ID-card number: a list of amounts (100、200、300) stays as written.
 */
const LOOSE_SEPARATOR = '[\\s\\-._/()\\u2010-\\u2015\\u3000\\uFF08\\uFF09\\uFF0D\\uFF0E\\uFF0F\\uFF3F,\\uFF0C\\u3001~\\uFF5E]';
const LOOSE_RUN = new RegExp(`${TICKET_NUMBER}|[+\\uFF0B]?${DIGIT}+(?:${LOOSE_SEPARATOR}{1,3}${DIGIT}+){1,3}[XxＸｘ]?`, 'g');
/** Digits said in Chinese characters (幺三八…), as callers read numbers out: 幺 and 洞 are how 1 and 0 are said over the phone. */
const CHINESE_DIGIT_VALUES: Readonly<Record<string, string>> = { 〇: '0', 零: '0', 洞: '0', 一: '1', 幺: '1', 二: '2', 两: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };
const CHINESE_DIGIT = `[${Object.keys(CHINESE_DIGIT_VALUES).join('')}]`;
const CHINESE_RUN = new RegExp(`${CHINESE_DIGIT}(?:[\\s,\\uFF0C\\u3001\\-]{0,2}${CHINESE_DIGIT}){6,}`, 'g');
const EMAIL = /[A-Za-z0-9._%+\-\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]+[@\uFF20][A-Za-z0-9\-\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]+(?:[.\uFF0E][A-Za-z0-9\-\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]+)+/g;

/** Full-width letters, digits and signs (U+FF01–FF5E) to ASCII, so one pattern reads both. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

const MOBILE = /^1[3-9]\d{9}$/;
const ID_CARD = /^(?:\d{17}[\dX]|\d{15})$/;
const LANDLINE_WITH_AREA_CODE = /^0\d{9,11}$/;
/** A bare local landline (6234 5678, 6234-5678, 62345678): at most one separator. */
const LOCAL_LANDLINE = /^\d{3,4}[\s-]?\d{4}$/;
/** Long digit runs of any other shape (international numbers, bank cards) are personal too. */
const LONG_RUN_DIGITS = 11;

function keepEnds(digits: string, head: number, tail: number): string {
  return `${digits.slice(0, head)}${'*'.repeat(Math.max(digits.length - head - tail, 4))}${digits.slice(-tail)}`;
}

function redactNumberRun(run: string): string {
  if (run.startsWith('TK-')) return run;
  const ascii = toHalfWidth(run).toUpperCase();
  const digits = ascii.replace(/[^\dX]/g, '');
  const national = digits.replace(/^(?:0086|86)(?=1[3-9]\d{9}$)/, '');
  if (MOBILE.test(national)) return keepEnds(national, 3, 4);
  if (ID_CARD.test(digits)) return keepEnds(digits, 3, 4);
  if (LANDLINE_WITH_AREA_CODE.test(digits)) return keepEnds(digits, 3, 4);
  if (LOCAL_LANDLINE.test(ascii.trim())) return keepEnds(digits, 0, 4);
  if (digits.replace(/X/g, '').length >= LONG_RUN_DIGITS) return keepEnds(digits, 0, 4);
  return run;
}

/** A loosely separated run: masked only in the shapes no list of figures takes. */
function redactLooseRun(run: string): string {
  if (run.startsWith('TK-')) return run;
  const digits = toHalfWidth(run).toUpperCase().replace(/[^\dX]/g, '');
  const national = digits.replace(/^(?:0086|86)(?=1[3-9]\d{9}$)/, '');
  if (MOBILE.test(national)) return keepEnds(national, 3, 4);
  if (ID_CARD.test(digits) || LANDLINE_WITH_AREA_CODE.test(digits)) return keepEnds(digits, 3, 4);
  return run;
}

/** A number said in Chinese digits, masked in the shapes of a phone or ID-card number (a local landline's 7–8 digits included). */
function redactChineseRun(run: string): string {
  const digits = [...run].map((c) => CHINESE_DIGIT_VALUES[c] ?? '').join('');
  if (MOBILE.test(digits) || ID_CARD.test(digits) || LANDLINE_WITH_AREA_CODE.test(digits)) return keepEnds(digits, 3, 4);
  if (/^\d{7,8}$/.test(digits)) return keepEnds(digits, 0, 4);
  return run;
}

function redactEmail(email: string): string {
  const ascii = toHalfWidth(email);
  const at = ascii.indexOf('@');
  return `${ascii.slice(0, 1)}***${ascii.slice(at)}`;
}

/**
 * Masks phone numbers (mobile and landline, +86/0086 prefixes, any separators, full-width
 * digits, digits said in Chinese), e-mail addresses and ID-card numbers; the rest of the text
 * is kept as written.
 * Idempotent: redacted text passes through unchanged.
 */
export function redactPersonalData(text: string): string {
  return text.replace(EMAIL, redactEmail).replace(NUMBER_RUN, redactNumberRun).replace(LOOSE_RUN, redactLooseRun).replace(CHINESE_RUN, redactChineseRun);
}

/** Optional free text, redacted when present. */
export function redactOptional<T extends string | undefined | null>(text: T): T {
  return (typeof text === 'string' ? redactPersonalData(text) : text) as T;
}
