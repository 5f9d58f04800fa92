import fc from 'fast-check';
import { codeFieldHoldingPersonalData, codeHoldsPersonalData, placeFieldHoldingPersonalData, redactIdentifiersInFileName, redactPersonalData } from './redact';

describe('redactPersonalData', () => {
  it.each([
    ['mobile, plain', '请回电13700137003谢谢', '请回电137****7003谢谢'],
    ['mobile, full-width digits', '电话１３７００１３７００３', '电话137****7003'],
    ['mobile, spaces', '138 1234 5678', '138****5678'],
    ['mobile, dashes', '138-1234-5678', '138****5678'],
    ['mobile, dots', '138.1234.5678', '138****5678'],
    ['mobile, underscores', '138_1234_5678', '138****5678'],
    ['mobile, slashes', '138/1234/5678', '138****5678'],
    ['mobile, +86', '+86 138 1234 5678', '138****5678'],
    ['mobile, +86 full-width plus', '＋８６１３８１２３４５６７８', '138****5678'],
    ['mobile, 0086', '0086-13812345678', '138****5678'],
    ['mobile, full-width separators', '１３８－１２３４－５６７８', '138****5678'],
    ['landline with area code', '座机(021) 6234-5678', '座机(021****5678'],
    ['landline, bare local number', '打6234 5678找我', '打****5678找我'],
    ['ID card, 18 digits with X', '身份证11010519491231002X', '身份证110***********002X'],
    ['ID card, lower-case x', '11010519491231002x', '110***********002X'],
    ['ID card, 15 digits', '110105491231002', '110********1002'],
    ['e-mail', '发到lisi@example.com', '发到l***@example.com'],
    ['e-mail, full-width at sign', 'lisi＠example.com', 'l***@example.com'],
    ['e-mail with digits before a phone', 'zs13700137003@qq.com', 'z***@qq.com'],
    ['mobile, full-width commas', '业主电话138，1234，5678', '业主电话138****5678'],
    ['mobile, enumeration commas', '138、1234、5678', '138****5678'],
    ['mobile, ASCII commas', '138,1234,5678', '138****5678'],
    ['mobile, spaced dashes', '138 - 1234 - 5678', '138****5678'],
    ['mobile, tildes', '138~1234~5678', '138****5678'],
    ['landline with area code, comma', '0571，88886666', '057*****6666'],
    ['mobile, commas, a date after it', '号码是138，1234，5678，12月1日上门', '号码是138****5678，12月1日上门'],
    ['mobile, commas, a building after it', '手机138,1234,5678 2号楼', '手机138****5678 2号楼'],
    ['mobile, commas, a number after it', '138，1234，5678 0101', '138********0101'],
    ['ID card, commas, then a building', '身份证110101，19900101，1234，5号楼', '身份证110***********1234，5号楼'],
    ['mobile, a space and a comma', '138 1234，5678', '138****5678'],
    ['mobile in Chinese digits', '电话幺三八一二三四五六七八', '电话138****5678'],
    ['mobile in Chinese digits with pauses', '一三八、一二三四、五六七八', '138****5678'],
    ['local landline in Chinese digits', '座机八八八八六六六六', '座机****6666'],
    ['local landline in Chinese digits, four and four', '家里电话六二三四、五六七八，晚上打', '家里电话****5678，晚上打'],
    ['area code and local landline said apart', '区号零幺零，号码八八八八六六六六', '区号零幺零，号码****6666'],
    ['ID card in Chinese digits ending in X', '身份证幺幺零幺零五幺九四九幺二三幺零零二X', '身份证110***********002X'],
    ['ID card in Chinese digits, a pause before its x', '幺幺零幺零五、幺九四九幺二三幺、零零二、x', '110***********002X'],
    ['mobile in Chinese digits, a letter after it', '幺三八一二三四五六七八x', '138****5678x'],
    ['mobile, enumeration commas, a word after it', '138、1234、5678联系', '138****5678联系'],
  ])('%s', (_case, text, expected) => {
    expect(redactPersonalData(text)).toBe(expected);
  });

  it.each([
    ['a date', '2026-11-30 前修好'],
    ['a time', '14:30 到场'],
    ['a room and building', '3栋1202室'],
    ['an amount', '物业费 3600 元'],
    ['a ticket number', '同 TK-20261124-000123 一事'],
    ['a short code', '验证码 123456'],
    ['a list of amounts', '费用分别为100、200、300、400元'],
    ['thousands separators', '合计 13,800,000 元'],
    ['a building, a room and a count', '3栋，1202室，共2人'],
    ['a ticket number among others', 'TK-20261124-000123，TK-20261124-000124'],
    ['Chinese numerals that are no number', '一二三四五六期'],
    ['amounts in a list', '费用分别为1500、2000、300元'],
    ['larger amounts in a list', '12000、15000、18000元'],
    ['amounts in a list shaped as a mobile', '费用分别为180、1200、1500元'],
    ['amounts in a list shaped as a mobile, a space before the unit', '分三期：130，1000，2000 元'],
    ['rooms in a list', '房号1301、1302、203'],
    ['an ordinal list in Chinese', '第一二三四五六七条'],
    ['a long run of Chinese digits that is no number', '一二三、四五六七、八九零一'],
    ['a room in Chinese digits', '三栋一二〇一室'],
    ['an enumeration in Chinese', '一、二、三、四、五、六、七'],
    ['a date in Chinese', '二〇二六年十一月三十日'],
  ])('keeps %s', (_case, text) => {
    expect(redactPersonalData(text)).toBe(text);
  });

  it('redacts the issue’s example in full: neither the phone nor the address remains', () => {
    const redacted = redactPersonalData('电话１３７００１３７００３ lisi@example.com');
    expect(redacted).not.toMatch(/13700137003|１３７００１３７００３|lisi@/);
    expect(redacted).toBe('电话137****7003 l***@example.com');
  });

  it.each([
    'call 13700137003 or 11010519491231002X, zs@example.com',
    '号码是138，1234，5678，12月1日上门',
    '电话幺三八一二三四五六七八 8001',
    '座机八八八八六六六六',
    '身份证110101，19900101，1234，5号楼',
    '138，1234，5678 0101',
  ])('is idempotent: %s', (text) => {
    const once = redactPersonalData(text);
    expect(redactPersonalData(once)).toBe(once);
  });

  it('redacts several numbers in one text', () => {
    expect(redactPersonalData('13700137003 或 13912345678')).toBe('137****7003 或 139****5678');
  });
});

describe('the length of a redacted text', () => {
  // Texts are redacted into fields of bounded length (event contracts, columns): a mask that grew would not fit.
  const pieces = fc.constantFrom('a@b.cn', 'ab@qq.com', 'lisi@example.com', '1234567', '0101234567', '13812345678', '+86 138 1234 5678', '幺三八一二三四五六七八', '110101199003074518', ' ', '，', '-', '栋', '室', '号', 'x');
  it('given any text of numbers, e-mails and words, then it is never longer once redacted, and redacting again changes nothing', () => {
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 30 }).map((p) => p.join(' ')), (text) => {
        const redacted = redactPersonalData(text);
        expect(redacted.length).toBeLessThanOrEqual(text.length);
        expect(redactPersonalData(redacted)).toBe(redacted);
      }),
    );
  });

  it('given the same pieces run together, then it is still never longer once redacted', () => {
    fc.assert(fc.property(fc.array(pieces, { maxLength: 30 }).map((p) => p.join('')), (text) => expect(redactPersonalData(text).length).toBeLessThanOrEqual(text.length)));
  });

  it('given e-mail addresses written together, then the name of each is masked', () => {
    expect(redactPersonalData('x@zhang.san@example.com')).toBe('*@z***@example.com');
    expect(redactPersonalData('回信 lisi@example.comab@qq.com')).toBe('回信 l***@e***@qq.com');
    expect(redactIdentifiersInFileName('li.si@zhang.san@example.com.pdf')).toBe('l***@z***@example.com.pdf');
  });

  it('given the same pieces run together, then redacting again changes nothing', () => {
    fc.assert(fc.property(fc.array(pieces, { maxLength: 30 }).map((p) => p.join('')), (text) => expect(redactPersonalData(redactPersonalData(text))).toBe(redactPersonalData(text))));
  });

  it('given e-mail addresses glued by a character only a name holds (+, %, _, .), then no name is left in clear', () => {
    for (const glue of ['+', '%', '_', '.']) {
      const redacted = redactPersonalData(`回信 zhang.san@example.com${glue}li.si@example.com`);
      expect(redacted).not.toMatch(/zhang\.san|li\.si/);
      expect(redactPersonalData(redacted)).toBe(redacted);
    }
  });

  // That redaction runs in time linear in a text's length is a property of its patterns, checked by
  // analysing them (regexp/no-super-linear-*, libs/testing/src/lint-regex-complexity.unit.spec.ts),
  // not by timing a run here.
  it.each([
    ['digits', '1', `${'*'.repeat(99_996)}1111`],
    ['a name of dots with an @ after it', 'a.', 'a.'.repeat(50_000)],
    ['full-width letters', 'ａ', 'ａ'.repeat(100_000)],
  ])('given 100 KB of %s before an @ and a phone, then the phone is masked and the run is redacted as a short one is', (_case, unit, redactedRun) => {
    const text = `${unit.repeat(100_000 / unit.length)}@ 电话13800138000`;
    expect(redactPersonalData(text)).toBe(`${redactedRun}@ 电话138****8000`);
  });

  it('given a short e-mail name or a short landline, then every hidden character is one star', () => {
    expect(redactPersonalData('a@b.cn 写信')).toBe('*@b.cn 写信');
    expect(redactPersonalData('电话1234567')).toBe('电话***4567');
    expect(redactPersonalData('0101234567')).toBe('010***4567');
  });
});

describe('codeHoldsPersonalData', () => {
  it('given room and building codes, local-landline-shaped runs included, then none holds personal data', () => {
    for (const code of ['1202', '2-1-1202', '2301-2302', '12345678', '3栋', 'B座1802室']) expect(codeHoldsPersonalData(code)).toBe(false);
  });

  it('given a mobile in any of its written shapes, an e-mail address or an ID number, then it does', () => {
    for (const code of ['13812345678', '138 1234 5678', '+86 138-1234-5678', 'a@b.cn', '110105194912310028']) expect(codeHoldsPersonalData(code)).toBe(true);
  });
});

describe('redactIdentifiersInFileName', () => {
  it('given a file named with a mobile in any of its written shapes, an e-mail or an ID number, alone or beside a date, then each is masked', () => {
    expect(
      ['张三-13812345678.jpg', '张三 138 1234 5678.jpg', '+86-138-1234-5678.jpg', 'zhang.san@example.com.pdf', '110105194912310028.png', '13812345678_20261205.jpg', '0571-88889999.pdf'].map(
        redactIdentifiersInFileName,
      ),
    ).toEqual(['张三-138****5678.jpg', '张三 138****5678.jpg', '138****5678.jpg', 'z***@example.com.pdf', '110***********0028.png', '138****5678_20261205.jpg', '057*****9999.pdf']);
  });

  it('given a photo named by the time it was taken, a ticket number or a uuid, then it is kept as named', () => {
    for (const name of ['IMG_20261205_143012.jpg', 'mmexport1733390000000.jpg', '微信图片_20261205143012.jpg', 'TK-20261124-000123.pdf', '0b5e3f12-9c1d-4e6a-8b7f-123456789012.jpg']) {
      expect(redactIdentifiersInFileName(name)).toBe(name);
    }
  });
});

describe('placeFieldHoldingPersonalData', () => {
  it.each([
    [{ building: '3栋', room: '13812345678' }, 'room'],
    [{ building: 'a@b.cn', room: '1202' }, 'building'],
    [{ building: '3栋', room: '1202' }, undefined],
    [{ building: null, room: null }, undefined],
    [{}, undefined],
  ] as const)('given %j, then the field holding personal data is %s', (place, field) => {
    expect(placeFieldHoldingPersonalData(place)).toBe(field);
  });
});

describe('codeFieldHoldingPersonalData', () => {
  it.each([
    [{ sectionCode: 'consultation', tags: ['物业费', '缴费', '13812345678'], sourceDepartment: 'finance' }, 'tags[2]'],
    [{ sectionCode: 'consultation', tags: [], sourceDepartment: '138 1234 5678' }, 'sourceDepartment'],
    [{ sectionCode: 'a@b.cn', tags: ['13812345678'] }, 'sectionCode'],
    [{ sectionCode: 'consultation', tags: ['物业费', '2-1-1202'], sourceDepartment: null }, undefined],
    [{ tags: undefined }, undefined],
  ] as const)('given %j, then the path of the first field holding personal data is %s', (fields, path) => {
    expect(codeFieldHoldingPersonalData(fields)).toBe(path);
  });
});
