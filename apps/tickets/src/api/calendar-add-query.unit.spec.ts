import { RequestValidationError, createValidationPipe } from '@cs/platform';
import { CalendarAddQueryDto, parseAddQuery, parseInstant } from './calendar-add-query';

const pipe = createValidationPipe();

/** The fields the service's own pipe refuses, as the 400 problem+json would name them. */
async function invalidFields(query: Record<string, unknown>): Promise<string[]> {
  try {
    await pipe.transform(query, { type: 'query', metatype: CalendarAddQueryDto });
    return [];
  } catch (error) {
    if (!(error instanceof RequestValidationError)) throw error;
    return [...new Set(error.errors.map((e) => e.field))];
  }
}

/** What parseAddQuery refuses, or [] when it accepts. */
function refusedFields(query: CalendarAddQueryDto): string[] {
  try {
    parseAddQuery(query);
    return [];
  } catch (error) {
    if (!(error instanceof RequestValidationError)) throw error;
    return error.errors.map((e) => e.field);
  }
}

const from = '2026-10-09T10:00:00+08:00';

describe('GET /v1/calendars/{id}/add query, field by field', () => {
  it('given an amount sent empty beside another, when parsed, then the empty one counts as absent', async () => {
    const query = { from, workingDays: '', workingHours: '2' };
    expect(await invalidFields(query)).toEqual([]);
    const parsed = (await pipe.transform(query, { type: 'query', metatype: CalendarAddQueryDto })) as CalendarAddQueryDto;
    expect(refusedFields(parsed)).toEqual([]);
    expect(parsed.workingDays).toBeUndefined();
  });

  it('given only empty amounts, when parsed, then all three are named as missing', async () => {
    const parsed = (await pipe.transform({ from, workingDays: '' }, { type: 'query', metatype: CalendarAddQueryDto })) as CalendarAddQueryDto;
    expect(refusedFields(parsed)).toEqual(['workingDays', 'workingHours', 'workingMinutes']);
  });

  it('given each amount in its form, when validated, then it passes', async () => {
    for (const query of [
      { from, workingDays: '0' },
      { from, workingDays: '9999' },
      { from, workingHours: '4' },
      { from, workingHours: '4.5' },
      { from, workingMinutes: '30' },
      { from, workingMinutes: '0.25' },
      { from: '2026-10-09T02:00Z', workingDays: '1' },
      { from: '2026-10-09T02:00:00.5-05:00', workingDays: '1' },
    ]) {
      expect({ query, fields: await invalidFields(query) }).toEqual({ query, fields: [] });
    }
  });

  it('given days that are negative, fractional or too many, when validated, then workingDays is named', async () => {
    for (const workingDays of ['-1', '1.5', ' 1', '1e3', '10000', '0x10']) {
      expect(await invalidFields({ from, workingDays })).toEqual(['workingDays']);
    }
  });

  it('given hours or minutes that are negative or not plain decimals, when validated, then the field is named', async () => {
    for (const value of ['-0.5', '.5', '5.', '1e2', 'NaN', 'Infinity']) {
      expect(await invalidFields({ from, workingHours: value })).toEqual(['workingHours']);
      expect(await invalidFields({ from, workingMinutes: value })).toEqual(['workingMinutes']);
    }
  });

  it('given a missing, local-only or malformed from, when validated, then from is named', async () => {
    for (const value of [undefined, '', '2026-10-09', '2026-10-09T10:00:00', '2026-10-09 10:00:00+08:00', 'yesterday', '1760000000000']) {
      expect(await invalidFields({ from: value, workingDays: '1' })).toEqual(['from']);
    }
  });

  it('given a repeated or unknown parameter, when validated, then it is refused by name', async () => {
    expect(await invalidFields({ from, workingDays: ['1', '2'] })).toEqual(['workingDays']);
    expect(await invalidFields({ from, workingDays: '1', workingWeeks: '1' })).toEqual(['workingWeeks']);
  });
});

describe('GET /v1/calendars/{id}/add query, as a whole', () => {
  it('given one amount, when parsed, then the instant and the amount come out as numbers', () => {
    expect(parseAddQuery({ from, workingDays: '3' })).toEqual({
      from: new Date('2026-10-09T02:00:00Z'),
      amount: { unit: 'workingDays', value: 3 },
    });
    expect(parseAddQuery({ from, workingHours: '4.5' }).amount).toEqual({ unit: 'workingHours', value: 4.5 });
    expect(parseAddQuery({ from, workingMinutes: '0' }).amount).toEqual({ unit: 'workingMinutes', value: 0 });
  });

  it('given no amount, when parsed, then all three are named', () => {
    expect(refusedFields({ from })).toEqual(['workingDays', 'workingHours', 'workingMinutes']);
  });

  it('given two amounts, when parsed, then both are named', () => {
    expect(refusedFields({ from, workingDays: '1', workingMinutes: '30' })).toEqual(['workingDays', 'workingMinutes']);
  });

  it('given a date that does not exist or is out of the calendar years, when parsed, then from is named', () => {
    for (const value of ['2026-02-29T10:00:00Z', '2026-04-31T10:00:00Z', '2026-13-01T10:00:00Z', '2026-10-09T24:00:00Z', '2026-10-09T10:60:00Z', '1899-12-31T23:00:00Z', '2026-10-09T10:00:00+24:00']) {
      expect({ value, fields: refusedFields({ from: value, workingDays: '1' }) }).toEqual({ value, fields: ['from'] });
    }
  });

  it('given a bad from and no amount, when parsed, then every problem is named at once', () => {
    expect(refusedFields({ from: '2026-02-30T10:00:00Z' })).toEqual(['workingDays', 'workingHours', 'workingMinutes', 'from']);
  });
});

describe('parseInstant', () => {
  it('given offsets, Z, fractions and leap days, when parsed, then the exact instant comes out', () => {
    expect(parseInstant('2026-10-09T10:00:00+08:00')).toEqual(new Date('2026-10-09T02:00:00.000Z'));
    expect(parseInstant('2026-10-09T10:00-05:30')).toEqual(new Date('2026-10-09T15:30:00.000Z'));
    expect(parseInstant('2026-10-09T10:00:00.5Z')).toEqual(new Date('2026-10-09T10:00:00.500Z'));
    expect(parseInstant('2028-02-29T00:00:00+08:00')).toEqual(new Date('2028-02-28T16:00:00.000Z'));
  });

  it('given a "+" that arrived as a space (unencoded in the query string), when parsed, then it is read as "+"', () => {
    expect(parseInstant('2026-10-09T10:00:00 08:00')).toEqual(new Date('2026-10-09T02:00:00.000Z'));
  });
});
