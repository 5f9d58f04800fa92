import { isEarlierRelease, mergeOfficialYears } from './official-years';

describe('the order of the data package releases', () => {
  it.each`
    source                    | than                        | earlier
    ${'chinese-days@1.5.7'}   | ${'chinese-days@1.6.0'}     | ${true}
    ${'chinese-days@1.9.9'}   | ${'chinese-days@1.10.0'}    | ${true}
    ${'chinese-days@1.10.0'}  | ${'chinese-days@1.9.9'}     | ${false}
    ${'chinese-days@1.6.0'}   | ${'chinese-days@1.6.0'}     | ${false}
    ${'chinese-days@1.5.7'}   | ${'other-days@2.0.0'}       | ${false}
    ${'chinese-days@1.5.7'}   | ${'chinese-days@1.6.0-rc.1'} | ${false}
    ${'chinese-days@fork'}    | ${'chinese-days@1.6.0'}     | ${false}
  `('given $source and $than, then the first is earlier: $earlier', ({ source, than, earlier }) => {
    expect(isEarlierRelease(source, than)).toBe(earlier);
  });
});

describe('the official days a refresh stores', () => {
  const NEW_YEAR_2026 = { date: '2026-01-01', name: '元旦' };
  const NEW_YEAR_2027 = { date: '2027-01-01', name: '元旦' };
  const BRIDGING_2027 = { date: '2027-01-09', name: '元旦调休上班' };
  const STATUTORY_2027 = { date: '2027-01-01', name: '元旦（法定假日，放假安排未发布）' };

  it('given nothing stored, when read, then it stores what it read, each year stamped with its release', () => {
    const merge = mergeOfficialYears(undefined, { holidays: [NEW_YEAR_2026, STATUTORY_2027], workingDays: [], published: [2026], source: 'chinese-days@1.5.7' });

    expect(merge).toEqual({
      days: { holidays: [NEW_YEAR_2026, STATUTORY_2027], workingDays: [], published: [2026], sources: { 2026: 'chinese-days@1.5.7', 2027: 'chinese-days@1.5.7' } },
      provisional: [2027],
      kept: [],
      unreplaced: [],
      thinned: [],
      changed: true,
    });
  });

  it('given 2027 stored by a later release than 2026, when read from a release between them, then 2027 is kept whole and 2026 takes what was read', () => {
    const stored = {
      holidays: [NEW_YEAR_2026, NEW_YEAR_2027],
      workingDays: [BRIDGING_2027],
      published: [2026, 2027],
      sources: { 2026: 'chinese-days@1.5.7', 2027: 'chinese-days@1.6.0' },
    };
    const renamed = { date: '2026-01-01', name: '元旦节' };

    const merge = mergeOfficialYears(stored, { holidays: [renamed, STATUTORY_2027], workingDays: [], published: [2026], source: 'chinese-days@1.5.9' });

    expect(merge).toEqual({
      days: { holidays: [renamed, NEW_YEAR_2027], workingDays: [BRIDGING_2027], published: [2026, 2027], sources: { 2026: 'chinese-days@1.5.9', 2027: 'chinese-days@1.6.0' } },
      provisional: [],
      kept: [{ year: 2027, source: 'chinese-days@1.6.0' }],
      unreplaced: [],
      thinned: [],
      changed: true,
    });
  });

  it('given a provisional year stored, when the same release is read after the year passed unpublished (the reading no longer carries it), then it is kept whole and named, and nothing changes', () => {
    const stored = {
      holidays: [NEW_YEAR_2026, STATUTORY_2027],
      workingDays: [],
      published: [2026],
      sources: { 2026: 'chinese-days@1.5.7', 2027: 'chinese-days@1.5.7' },
    };

    const merge = mergeOfficialYears(stored, { holidays: [NEW_YEAR_2026], workingDays: [], published: [2026], source: 'chinese-days@1.5.7' });

    expect(merge).toEqual({ days: stored, provisional: [2027], kept: [], unreplaced: [{ year: 2027, source: 'chinese-days@1.5.7' }], thinned: [], changed: false });
  });

  it('given a published year stored, when read from an unordered version carrying only its statutory days, then the arrangement is kept: statutory days alone never replace it', () => {
    const stored = { holidays: [NEW_YEAR_2027], workingDays: [BRIDGING_2027], published: [2027], sources: { 2027: 'chinese-days@1.6.0' } };

    const merge = mergeOfficialYears(stored, { holidays: [STATUTORY_2027], workingDays: [], published: [], source: 'chinese-days@1.7.0-rc.1' });

    expect(merge).toEqual({ days: stored, provisional: [], kept: [], unreplaced: [{ year: 2027, source: 'chinese-days@1.6.0' }], thinned: [], changed: false });
  });

  it('given a provisional year stored, when a reading publishes it, then the arrangement replaces the statutory days and nothing is reported lost', () => {
    const stored = { holidays: [STATUTORY_2027], workingDays: [], published: [], sources: { 2027: 'chinese-days@1.5.7' } };

    const merge = mergeOfficialYears(stored, { holidays: [NEW_YEAR_2027], workingDays: [BRIDGING_2027], published: [2027], source: 'chinese-days@1.6.0' });

    expect(merge).toMatchObject({ days: { holidays: [NEW_YEAR_2027], workingDays: [BRIDGING_2027], published: [2027] }, unreplaced: [], thinned: [], changed: true });
  });

  it('given a published year stored, when a reading publishes it with fewer holidays, then it takes the reading and the year is reported with how many holidays left it and how many remain', () => {
    const dragonBoat = { date: '2027-06-09', name: '端午节' };
    const bridge = { date: '2027-06-10', name: '端午节' };
    const stored = { holidays: [NEW_YEAR_2027, dragonBoat, bridge], workingDays: [], published: [2027], sources: { 2027: 'chinese-days@1.6.0' } };

    const merge = mergeOfficialYears(stored, { holidays: [{ ...NEW_YEAR_2027, name: '元旦节' }], workingDays: [], published: [2027], source: 'chinese-days@1.7.0-rc.1' });

    expect(merge.days.holidays).toEqual([{ ...NEW_YEAR_2027, name: '元旦节' }]);
    expect(merge).toMatchObject({ unreplaced: [], thinned: [{ year: 2027, source: 'chinese-days@1.7.0-rc.1', removed: 2, left: 1 }], changed: true });
  });

  it('given a published year stored, when a reading publishes it with a 调休 Saturday more, then it takes the reading and the year is reported with the day made a working day', () => {
    const stored = { holidays: [NEW_YEAR_2027], workingDays: [], published: [2027], sources: { 2027: 'chinese-days@1.6.0' } };

    const merge = mergeOfficialYears(stored, { holidays: [NEW_YEAR_2027], workingDays: [BRIDGING_2027], published: [2027], source: 'chinese-days@1.6.1' });

    expect(merge.days.workingDays).toEqual([BRIDGING_2027]);
    expect(merge).toMatchObject({ thinned: [{ year: 2027, source: 'chinese-days@1.6.1', removed: 0, left: 1, madeWorking: ['2027-01-09'] }], changed: true });
  });

  it('given a published year stored with its 调休 Saturday, when a reading drops the Saturday, then nothing is reported: a working day became a day off', () => {
    const stored = { holidays: [NEW_YEAR_2027], workingDays: [BRIDGING_2027], published: [2027], sources: { 2027: 'chinese-days@1.6.0' } };

    const merge = mergeOfficialYears(stored, { holidays: [NEW_YEAR_2027], workingDays: [], published: [2027], source: 'chinese-days@1.6.1' });

    expect(merge).toMatchObject({ thinned: [], changed: true });
  });

  it('given every year stored by a later release, when read from an earlier one, then nothing changes', () => {
    const stored = { holidays: [NEW_YEAR_2027], workingDays: [BRIDGING_2027], published: [2027], sources: { 2027: 'chinese-days@1.6.0' } };

    const merge = mergeOfficialYears(stored, { holidays: [STATUTORY_2027], workingDays: [], published: [], source: 'chinese-days@1.5.7' });

    expect(merge).toEqual({ days: stored, provisional: [], kept: [{ year: 2027, source: 'chinese-days@1.6.0' }], unreplaced: [], thinned: [], changed: false });
  });
});
