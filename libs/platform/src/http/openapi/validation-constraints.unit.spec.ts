import { mergeConstraints, schemaConstraints } from './validation-constraints';

describe('schemaConstraints', () => {
  it.each([
    [{ name: 'isUuid' }, { format: 'uuid' }],
    [{ name: 'isEmail' }, { format: 'email' }],
    [{ name: 'isIso8601' }, { format: 'date-time', pattern: '^(?:[1-9]\\d{3}|0[1-9]\\d{2})-' }],
    [{ name: 'isCalendarDate' }, { format: 'date', pattern: '^(?:19|[2-9]\\d)\\d{2}-' }],
    [{ name: 'isOptional' }, { nullable: true }],
    [{ name: 'maxLength', constraints: [40] }, { maxLength: 40 }],
    [{ name: 'minLength', constraints: [1] }, { minLength: 1 }],
    [{ name: 'isLength', constraints: [2, 9] }, { minLength: 2, maxLength: 9 }],
    [{ name: 'min', constraints: [1] }, { minimum: 1 }],
    [{ name: 'max', constraints: [200] }, { maximum: 200 }],
    [{ name: 'arrayMinSize', constraints: [1] }, { minItems: 1 }],
    [{ name: 'arrayMaxSize', constraints: [10] }, { maxItems: 10 }],
    [{ name: 'isIn', constraints: [['phone', 'email']] }, { enum: ['phone', 'email'] }],
    [{ name: 'matches', constraints: [/^[a-z_]+\.[a-z_]+$/] }, { pattern: '^[a-z_]+\\.[a-z_]+$' }],
    [{ name: 'isInt' }, { type: 'integer' }],
    [{ name: 'isBoolean' }, { type: 'boolean' }],
  ])('%j becomes %j', (rule, expected) => {
    expect(schemaConstraints([rule])).toEqual(expected);
  });

  it('publishes for a calendar date exactly the years IsCalendarDate takes', () => {
    const pattern = new RegExp(String(schemaConstraints([{ name: 'isCalendarDate' }]).pattern));
    expect(['1900-01-01', '2026-11-30', '9999-12-31'].every((d) => pattern.test(d))).toBe(true);
    expect(['1899-12-31', '0340-02-23', '0001-01-01'].some((d) => pattern.test(d))).toBe(false);
  });

  it('leaves out what a schema cannot say: case-insensitive patterns, custom rules, missing numbers', () => {
    expect(schemaConstraints([{ name: 'matches', constraints: [/^ab$/i] }])).toEqual({});
    expect(schemaConstraints([{ name: 'rejectNulCharacters' }, { name: undefined }])).toEqual({});
    expect(schemaConstraints([{ name: 'maxLength', constraints: [] }])).toEqual({});
  });

  it('folds every rule of a property, element rules under items', () => {
    expect(
      schemaConstraints([
        { name: 'arrayMaxSize', constraints: [5] },
        { name: 'maxLength', constraints: [32], each: true },
        { name: 'isIn', constraints: [['a', 'b']], each: true },
      ]),
    ).toEqual({ maxItems: 5, items: { maxLength: 32, enum: ['a', 'b'] } });
  });
});

describe('mergeConstraints', () => {
  it('keeps what the developer declared over what was derived', () => {
    expect(mergeConstraints({ maxLength: 10, description: 'd' }, { maxLength: 40, minLength: 1 })).toEqual({
      maxLength: 10,
      minLength: 1,
      description: 'd',
    });
  });

  it('merges element keywords into declared items', () => {
    expect(mergeConstraints({ items: { example: 'x' } }, { items: { maxLength: 3 } })).toEqual({
      items: { maxLength: 3, example: 'x' },
    });
  });

  it('narrows a declared number to an integer when the rule says so', () => {
    expect(mergeConstraints({ type: Number }, { type: 'integer', minimum: 1 })).toEqual({ type: 'integer', minimum: 1 });
    expect(mergeConstraints({ type: String }, { type: 'integer' })).toEqual({ type: String });
  });
});

describe('the strict ISO 8601 rule', () => {
  it('is published with the years it really accepts: from 0100', async () => {
    const { isISO8601 } = await import('class-validator');
    const { pattern } = schemaConstraints([{ name: 'isIso8601' }]);
    for (const value of ['2026-11-24T10:00:00+08:00', '0100-01-01T00:00:00Z', '0999-12-31T00:00:00Z', '0099-12-31T00:00:00Z', '0021-04-09T11:23:46Z', '0000-01-01T00:00:00Z']) {
      expect(new RegExp(pattern!).test(value)).toBe(isISO8601(value, { strict: true }));
    }
  });
});

describe('an optional property with an enum', () => {
  it('lists null among its values, as the pipe lets null through', () => {
    expect(mergeConstraints({ enum: [1, 2] }, { nullable: true, enum: [1, 2] }).enum).toEqual([1, 2, null]);
    expect(mergeConstraints({ enum: [1, 2] }, { enum: [1, 2] }).enum).toEqual([1, 2]);
  });
});
