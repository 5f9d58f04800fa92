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
 * A number dictated in its usual groups with what the separators above leave out between them:
 * commas (ASCII and full-width), the enumeration comma 、 and tildes, spaces around them allowed,
 * a dash with spaces on both sides, or spaces alone. Only the shapes numbers are read out in are
 * taken, each group its exact length and no digit on either side: a mobile 3-4-4 (with +86
 * before it or not), an ID card 6-8-4 and a landline's area code before its 7–8 digits. A list
 * of amounts (1500、2000、300) or of rooms (1301、1302) is none of them.
 */
/** An ID card's last character: a digit or the check letter X. */
const DIGIT_OR_X = '[0-9\\uFF10-\\uFF19XxＸｘ]';
const LOOSE = '(?:\\s*[,\\uFF0C\\u3001~\\uFF5E]\\s*|\\s+[\\-\\u2010-\\u2015\\uFF0D]\\s+|\\s+)';
/** A unit of money or measure after the last group: a list of amounts (180、1200、1500元), not a number read out. */
const AMOUNT_AFTER = '\\s*[元块角万千百亿%\\uFF05米平㎡吨度]';
const LOOSE_NUMBER = new RegExp(
  `(?<!${DIGIT})(?:(?:[+\\uFF0B]?(?:86|\\uFF18\\uFF16)(?:${LOOSE}|\\s)?)?[1\\uFF11][3-9\\uFF13-\\uFF19]${DIGIT}${LOOSE}${DIGIT}{4}${LOOSE}${DIGIT}{4}` +
    `|${DIGIT}{6}${LOOSE}${DIGIT}{8}${LOOSE}${DIGIT}{3}${DIGIT_OR_X}` +
    `|[0\\uFF10]${DIGIT}{2,3}${LOOSE}${DIGIT}{7,8})(?!${DIGIT_OR_X})(?!${AMOUNT_AFTER})`,
  'g',
);
/** Digits said in Chinese characters (幺三八…), as callers read numbers out: 幺 and 洞 are how 1 and 0 are said over the phone. */
const CHINESE_DIGIT_VALUES: Readonly<Record<string, string>> = { 〇: '0', 零: '0', 洞: '0', 一: '1', 幺: '1', 二: '2', 两: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };
const CHINESE_DIGIT = `[${Object.keys(CHINESE_DIGIT_VALUES).join('')}]`;
/** What a caller pauses with between the groups of a number read out in Chinese digits. */
const CHINESE_PAUSE = '[\\s,\\uFF0C\\u3001\\-]';
/** An ID card's check letter, read out after its seventeen digits. */
const CHECK_LETTER = '[XxＸｘ]';
/**
 * A run of at least eleven Chinese digits, pauses allowed, and the check letter an ID card may
 * end in: the length of a mobile, and more than any ordinal list.
 */
const CHINESE_RUN = new RegExp(`${CHINESE_DIGIT}(?:${CHINESE_PAUSE}{0,2}${CHINESE_DIGIT}){10,}(?:${CHINESE_PAUSE}{0,2}${CHECK_LETTER})?`, 'g');
/**
 * A local landline read out in Chinese digits (八八八八六六六六, 八八八八、六六六六): eight digits,
 * together or four and four, no Chinese digit on either side. Seven-digit local numbers are left:
 * in Chinese they read as an ordinal list (第一二三四五六七条) as often as as a number.
 */
const CHINESE_LOCAL_LANDLINE = new RegExp(
  `(?<!${CHINESE_DIGIT}${CHINESE_PAUSE}{0,2})${CHINESE_DIGIT}{4}${CHINESE_PAUSE}{0,2}${CHINESE_DIGIT}{4}(?!${CHINESE_PAUSE}{0,2}${CHINESE_DIGIT})`,
  'g',
);
/**
 * An e-mail address. Its name begins where no character a name may hold stands before it: without
 * that bound, a long run of such characters with no address in it (100 KB of digits, an address's
 * folder of them) was read again from each of its characters, in time growing as its square (27 s
 * for 100 KB); bounded, each run is read from its start once. Addresses glued together
 * (b@example.com+a@example.com) are masked still: what follows the first is read as one in the next
 * pass of redactEmails.
 */
const EMAIL = /(?<![A-Za-z0-9._%+\-\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A])[A-Za-z0-9._%+\-\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]+[@\uFF20][A-Za-z0-9\-\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]+(?:[.\uFF0E][A-Za-z0-9\-\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]+)+/g;

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

/** A mobile's digits without the +86 or 0086 said before them; other digits as they are. */
function withoutCountryCode(digits: string): string {
  return digits.replace(/^(?:0086|86)(?=1[3-9]\d{9}$)/, '');
}

/** A star for each digit hidden: a masked text is never longer than the text, so it fits wherever the text did. */
function keepEnds(digits: string, head: number, tail: number): string {
  return `${digits.slice(0, head)}${'*'.repeat(Math.max(digits.length - head - tail, 0))}${digits.slice(-tail)}`;
}

function redactNumberRun(run: string, localLandlines: boolean): string {
  if (run.startsWith('TK-')) return run;
  const ascii = toHalfWidth(run).toUpperCase();
  const digits = ascii.replace(/[^\dX]/g, '');
  const national = withoutCountryCode(digits);
  if (MOBILE.test(national)) return keepEnds(national, 3, 4);
  if (ID_CARD.test(digits)) return keepEnds(digits, 3, 4);
  if (LANDLINE_WITH_AREA_CODE.test(digits)) return keepEnds(digits, 3, 4);
  if (localLandlines && LOCAL_LANDLINE.test(ascii.trim())) return keepEnds(digits, 0, 4);
  if (digits.replace(/X/g, '').length >= LONG_RUN_DIGITS) return keepEnds(digits, 0, 4);
  return run;
}

/** A number in one of the loose shapes: a mobile (its +86 dropped), an ID card or a landline, each masked as in strict form. */
function redactLooseNumber(run: string): string {
  const digits = toHalfWidth(run).toUpperCase().replace(/[^\dX]/g, '');
  return keepEnds(withoutCountryCode(digits), 3, 4);
}

/** The digits a run read out in Chinese says, its pauses left out. */
function chineseDigits(run: string): string {
  return [...run].map((c) => CHINESE_DIGIT_VALUES[c] ?? '').join('');
}

/**
 * A run of Chinese digits, masked when it reads as a mobile, a landline with its area code or an
 * ID card (seventeen digits and its check letter among them). A letter after another number is
 * kept as written.
 */
function redactChineseRun(run: string): string {
  const letter = new RegExp(`${CHECK_LETTER}$`).test(run) ? run.slice(-1) : '';
  const digits = chineseDigits(run);
  if (letter && ID_CARD.test(`${digits}X`)) return keepEnds(`${digits}X`, 3, 4);
  if (MOBILE.test(digits) || ID_CARD.test(digits) || LANDLINE_WITH_AREA_CODE.test(digits)) return `${keepEnds(digits, 3, 4)}${letter}`;
  return run;
}

/** A local landline in Chinese digits, masked as one in digits is: its last four kept. */
function redactChineseLocalLandline(run: string): string {
  return keepEnds(chineseDigits(run), 0, 4);
}

/**
 * Every e-mail's name masked, again until none is left: addresses written together
 * (x@zhang.san@example.com) share their characters, so one pass takes the first as an address
 * ending in the second's name and leaves that name in clear. Each pass that changes the text
 * turns a name into stars, which no later address can begin with, so it ends.
 */
function redactEmails(text: string): string {
  let masked = text;
  for (let before = ''; before !== masked; ) {
    before = masked;
    masked = masked.replace(EMAIL, redactEmail);
  }
  return masked;
}

/** The first character and three stars; a name of three characters or fewer is all stars, so the text never grows. */
function redactEmail(email: string): string {
  const ascii = toHalfWidth(email);
  const at = ascii.indexOf('@');
  return `${at > 3 ? `${ascii.slice(0, 1)}***` : '*'.repeat(at)}${ascii.slice(at)}`;
}

/**
 * Masks phone numbers (mobile and landline, +86/0086 prefixes, any separators, full-width
 * digits, digits said in Chinese, a local landline's eight among them), e-mail addresses and ID-card numbers; the rest of the text
 * is kept as written.
 * Idempotent: redacted text passes through unchanged.
 */
export function redactPersonalData(text: string): string {
  return redactWith(text, true);
}

function redactWith(text: string, localLandlines: boolean): string {
  // The shapes of dictated numbers first: the general pass below would mask a group of them on its own (an ID card's eight digits read as a local landline) and leave the rest in clear.
  const chinese = redactEmails(text).replace(CHINESE_RUN, redactChineseRun);
  return (localLandlines ? chinese.replace(CHINESE_LOCAL_LANDLINE, redactChineseLocalLandline) : chinese)
    .replace(LOOSE_NUMBER, redactLooseNumber)
    .replace(NUMBER_RUN, (run) => redactNumberRun(run, localLandlines));
}

/**
 * Masks the phones, e-mails and ID numbers a file's name holds where the name is also where the
 * file is found (the last segment of an attachment's address: …/张三-13812345678.jpg), and no other
 * digits: phones and chat apps name a photo by when it was taken (IMG_20261205_143012,
 * mmexport1733390000000), which free text masks as a long run or a local landline, and an address
 * masked there leads to no file for a photo that named no one.
 */
export function redactIdentifiersInFileName(name: string): string {
  return redactEmails(name).replace(CHINESE_RUN, redactChineseRun).replace(LOOSE_NUMBER, redactLooseNumber).replace(NUMBER_RUN, redactIdentifierRun);
}

/**
 * A run that is a mobile, an ID card or a landline with its area code, masked; else each of its
 * groups that is one on its own (13812345678_20261205), or holds one glued to other digits.
 */
function redactIdentifierRun(run: string): string {
  if (run.startsWith('TK-')) return run;
  return identifierMasked(run) ?? run.replace(new RegExp(`${DIGIT}+[XxＸｘ]?`, 'g'), (group) => identifierMasked(group) ?? digitGroupMasked(group));
}

/**
 * Digits with no separator in them, as long as no time or key a file is named by is (a time in
 * milliseconds is 13, a snowflake id 19, a payment's trade number 28): whatever it holds, a phone
 * glued to other digits among it, it is masked but its last four.
 */
const LONG_DIGIT_GROUP = 32;

/**
 * A group of digits longer than an identifier: masked whole when it is as long as no key is, else
 * each ID number in it (a birth date that is a date and its check character right), which 19 to
 * 31 random digits hold by chance about once in two thousand. A phone among shorter digits is left:
 * it has no check to tell it from the digits of a time (1733390000000 reads as 173 3390 0000) or
 * a key, and masked, those addresses would lead to no file for a photo that named no one (ADR 0162).
 */
function digitGroupMasked(group: string): string {
  const digits = toHalfWidth(group).toUpperCase();
  if (digits.replace(/X$/, '').length >= LONG_DIGIT_GROUP) return keepEnds(digits, 0, 4);
  const masked = idNumbersWithinMasked(digits);
  return masked === digits ? group : masked;
}

const ID_CARD_LENGTH = 18;

function idNumbersWithinMasked(digits: string): string {
  let masked = '';
  let at = 0;
  while (at <= digits.length - ID_CARD_LENGTH) {
    const candidate = digits.slice(at, at + ID_CARD_LENGTH);
    if (isCheckedIdNumber(candidate)) {
      masked += keepEnds(candidate, 3, 4);
      at += ID_CARD_LENGTH;
    } else {
      masked += digits[at];
      at += 1;
    }
  }
  return masked + digits.slice(at);
}

/** GB 11643's weights of an ID number's first seventeen digits, and the check character each sum modulo 11 gives. */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARACTERS = '10X98765432';

/** An eighteen-character ID number as issued: a region (its first digit 1–8), a birth date that is one, a right check character. */
function isCheckedIdNumber(candidate: string): boolean {
  if (!/^[1-8]\d{16}[\dX]$/.test(candidate)) return false;
  const sum = ID_WEIGHTS.reduce((total, weight, i) => total + weight * Number(candidate[i]), 0);
  if (ID_CHECK_CHARACTERS[sum % 11] !== candidate[17]) return false;
  const [year, month, day] = [candidate.slice(6, 10), candidate.slice(10, 12), candidate.slice(12, 14)].map(Number) as [number, number, number];
  const birth = new Date(Date.UTC(year, month - 1, day));
  return year >= 1900 && year <= 2099 && birth.getUTCMonth() === month - 1 && birth.getUTCDate() === day;
}

function identifierMasked(run: string): string | undefined {
  const digits = toHalfWidth(run).toUpperCase().replace(/[^\dX]/g, '');
  const national = withoutCountryCode(digits);
  if (MOBILE.test(national)) return keepEnds(national, 3, 4);
  if (ID_CARD.test(digits) || LANDLINE_WITH_AREA_CODE.test(digits)) return keepEnds(digits, 3, 4);
  return undefined;
}

/**
 * Whether a code (a building, a room) holds personal data: what free text would mask, bare
 * local landlines aside, since room codes have their shape (2301-2302, 12345678).
 */
export function codeHoldsPersonalData(code: string): boolean {
  return redactWith(code, false) !== code;
}

/** A code-like field's value: one code, a list of them (tags), or none. */
type CodeFieldValue = string | readonly string[] | null | undefined;

/**
 * The first of some code-like fields (a building, a room, a tag, a department) that holds personal
 * data, as the path naming it (`room`, `tags[2]`): a code is shown and published as given, so one
 * holding a phone number, an e-mail address or an ID number is refused rather than masked into a
 * code nobody recognises. Absent or null fields hold none.
 */
export function codeFieldHoldingPersonalData(fields: Readonly<Record<string, CodeFieldValue>>): string | undefined {
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value === 'string') {
      if (codeHoldsPersonalData(value)) return name;
    } else if (value) {
      const index = value.findIndex(codeHoldsPersonalData);
      if (index >= 0) return `${name}[${index}]`;
    }
  }
  return undefined;
}

/** The field of a place (a building, a room) that holds personal data, if one does. */
export function placeFieldHoldingPersonalData(place: { readonly building?: string | null; readonly room?: string | null }): string | undefined {
  return codeFieldHoldingPersonalData({ building: place.building, room: place.room });
}

/** Optional free text, redacted when present. */
export function redactOptional<T extends string | undefined | null>(text: T): T {
  return (typeof text === 'string' ? redactPersonalData(text) : text) as T;
}
