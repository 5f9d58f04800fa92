import { figuresOf, groupFigures, percentile } from './kpis';
import { NO_SUMS } from './ticket-share';
import { REQUESTED_MONTH, monthPeriod, parseBound, parseRequestedBound, periodBetween, previousMonth, previousWeek } from './period';
import { reportsDue } from './report-schedule';
import { DEFAULT_SCHEME, schemeInForce, scoreAgent, tierOf } from './scorecard';

const figures = (callbackCompletionRate: number | null, satisfactionRate: number | null) => ({
  callbackCompletionRate,
  satisfactionRate,
  callbackOnTimeRate: null,
  resolutionRate: null,
  firstResponseOnTimeRate: null,
  resolutionOnTimeRate: null,
  reopenRate: null,
  knowledgeAnswerUsageRate: null,
});

describe('the default scorecard tiers (domain example)', () => {
  it.each([
    [1, 0],
    [0.99, 1],
    [0.95, 1],
    [0.9499, 2],
    [0.8, 2],
    [0.7999, 3],
    [0.75, 3],
    [0.7499, 5],
    [0, 5],
  ])('given a callback completion rate of %s, then %s points are deducted', (rate, deduction) => {
    const tiers = DEFAULT_SCHEME.metrics[0]?.tiers ?? [];
    expect(tierOf(tiers, rate)?.deduction).toBe(deduction);
  });

  it('given 96 % callbacks, 80 % satisfied, one failed spot check and two praises, then 100 − 1 − 2 − 2 + 4', () => {
    expect(scoreAgent(DEFAULT_SCHEME, figures(0.96, 0.8), { checked: 3, failed: 1 }, 2).score).toBe(99);
  });
});

describe('a scheme stored before a metric and a min had to be once', () => {
  it('given satisfaction listed twice and two of its tiers from 0.5, then it scores once, by its first rule and that rule’s first tier from 0.5', () => {
    const stored = {
      ...DEFAULT_SCHEME,
      metrics: [
        { metric: 'satisfactionRate' as const, weight: 1, tiers: [{ min: 0.5, deduction: 1 }, { min: 0, deduction: 3 }, { min: 0.5, deduction: 4 }] },
        { metric: 'satisfactionRate' as const, weight: 2, tiers: [{ min: 0, deduction: 2 }] },
      ],
    };

    const card = scoreAgent(schemeInForce(stored), figures(null, 0.6), { checked: 0, failed: 0 }, 0);

    expect(card.metrics).toEqual([{ metric: 'satisfactionRate', value: 0.6, tierMin: 0.5, deduction: 1 }]);
    expect(card.score).toBe(99);
  });

  it('given a scheme a save accepts, then it is in force as stored', () => {
    expect(schemeInForce(DEFAULT_SCHEME)).toEqual(DEFAULT_SCHEME);
  });
});

describe('nearest-rank percentiles', () => {
  it('given 1..10, then p50 is 5 and p90 is 9; given none, then null', () => {
    const values = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];
    expect([percentile(values, 0.5), percentile(values, 0.9), percentile([], 0.5)]).toEqual([5, 9, null]);
  });
});

describe('report periods in the company timezone', () => {
  it('given a month, then it runs from local midnight of the 1st to local midnight of the next 1st', () => {
    expect(monthPeriod('2026-12', 'Asia/Shanghai')).toEqual({ from: new Date('2026-11-30T16:00:00Z'), to: new Date('2026-12-31T16:00:00Z') });
    expect(previousMonth('2026-01')).toBe('2025-12');
  });

  it('given ISO weeks, then week 1 holds 4 January and a 53rd week exists only in long years', () => {
    const w1 = parseBound('2026-W01');
    expect(w1 && periodBetween(w1, w1, 'UTC')).toEqual({ from: new Date('2025-12-29T00:00:00Z'), to: new Date('2026-01-05T00:00:00Z') });
    expect(parseBound('2026-W53')).toEqual({ kind: 'days', first: '2026-12-28', next: '2027-01-04' });
    expect(parseBound('2027-W53')).toBeUndefined();
  });

  it('given a month or week of year 0000 asked for, then it is no bound; the month before 0001-01 is still read as a report compares with it', () => {
    expect([parseRequestedBound('0000-01'), parseRequestedBound('0000-W01'), REQUESTED_MONTH.test('0000-12')]).toEqual([undefined, undefined, false]);
    expect(parseRequestedBound('0001-01')).toEqual({ kind: 'days', first: '0001-01-01', next: '0001-02-01' });
    expect(parseRequestedBound('9999-12')).toEqual(parseBound('9999-12'));
    expect(monthPeriod(previousMonth('0001-01'), 'UTC').to).toEqual(monthPeriod('0001-01', 'UTC').from);
  });

  it('given a year before 1000, then the week and month before keep four digits and can be read back', () => {
    expect(previousWeek('0217-W07')).toBe('0217-W06');
    expect(previousWeek('0217-W01')).toBe('0216-W52');
    expect(previousMonth('0217-01')).toBe('0216-12');
    expect(parseBound(previousWeek('0217-W07'))).toBeDefined();
  });

  it('given years 0–99 and the last month of 9999, then their days are those years’ and the period ends where it should', () => {
    expect(parseBound('0050-03')).toEqual({ kind: 'days', first: '0050-03-01', next: '0050-04-01' });
    expect(parseBound('0050-W10')).toEqual({ kind: 'days', first: '0050-03-07', next: '0050-03-14' });
    expect(previousWeek('0050-W10')).toBe('0050-W09');
    expect(monthPeriod('0216-12', 'Asia/Shanghai').to.getUTCFullYear()).toBe(216);
    expect(monthPeriod('9999-12', 'UTC')).toEqual({ from: new Date('9999-12-01T00:00:00Z'), to: new Date('+010000-01-01T00:00:00Z') });
  });

  it('given impossible dates, then they are not read', () => {
    expect(parseBound('2026-02-30')).toBeUndefined();
    expect(parseBound('2026-11-05T25:00:00Z')).toBeUndefined();
  });

  it('given a date-time on a day that does not exist, or at 24:00, then it is not read (Date.parse rolls each into the next day)', () => {
    expect([parseBound('2026-02-30T10:00:00+08:00'), parseBound('2026-04-31T00:00Z'), parseBound('2026-11-05T24:00:00Z')]).toEqual([undefined, undefined, undefined]);
    expect(parseBound('2028-02-29T23:59:59.999+08:00')).toEqual({ kind: 'instant', at: new Date('2028-02-29T15:59:59.999Z') });
  });
});

describe('when the periodic reports are due', () => {
  const weekdays = (iso: string) => ![0, 6].includes(new Date(`${iso}T00:00:00Z`).getUTCDay());
  it('given Tuesday 1 December 2026, then November’s report is due, and last week’s since Monday 30 November', () => {
    expect(reportsDue(new Date('2026-12-01T01:00:00Z'), 'Asia/Shanghai', weekdays)).toEqual([
      { kind: 'monthly', period: '2026-11' },
      { kind: 'weekly', period: '2026-W48' },
    ]);
    expect(reportsDue(new Date('2026-11-30T01:00:00Z'), 'Asia/Shanghai', weekdays)).toEqual([
      { kind: 'monthly', period: '2026-10' },
      { kind: 'weekly', period: '2026-W48' },
    ]);
  });

  it('given a day without a pass on the first working day, then the report is still due the days after, weekends included', () => {
    expect(reportsDue(new Date('2026-12-05T03:00:00Z'), 'Asia/Shanghai', weekdays)).toEqual([
      { kind: 'monthly', period: '2026-11' },
      { kind: 'weekly', period: '2026-W48' },
    ]);
  });

  it('given 1 October a holiday week, then September’s report waits for the first working day back', () => {
    const national = (iso: string) => weekdays(iso) && !(iso >= '2026-10-01' && iso <= '2026-10-07');
    // Before the first day back, August's is the last month's due (generated on 1 September).
    expect(reportsDue(new Date('2026-10-01T02:00:00Z'), 'Asia/Shanghai', national)).toEqual([
      { kind: 'monthly', period: '2026-08' },
      { kind: 'weekly', period: '2026-W39' },
    ]);
    // Thursday 8 October is also the week's first working day: last week's report comes with it.
    expect(reportsDue(new Date('2026-10-08T02:00:00Z'), 'Asia/Shanghai', national)).toEqual([
      { kind: 'monthly', period: '2026-09' },
      { kind: 'weekly', period: '2026-W40' },
    ]);
    expect(reportsDue(new Date('2026-10-06T02:00:00Z'), 'Asia/Shanghai', national)).toEqual([
      { kind: 'monthly', period: '2026-08' },
      { kind: 'weekly', period: '2026-W39' },
    ]);
  });
});

describe('answer accuracy from spot checks', () => {
  const checks = [
    { agentId: 'agent-a', projectCode: 'P001', passed: true },
    { agentId: 'agent-a', projectCode: null, passed: false },
    { agentId: 'agent-b', projectCode: 'P001', passed: true },
  ];

  it('given spot checks, then the rate is passed / checked; given none, then null', () => {
    expect(figuresOf(NO_SUMS, [], [], checks).answerAccuracyRate).toBeCloseTo(2 / 3);
    expect(figuresOf(NO_SUMS, []).answerAccuracyRate).toBeNull();
  });

  it('given a grouping by agent or project, then each key has its own rate (none for no project); by section, no group is made of them', () => {
    const rates = (grouping: 'agent' | 'project' | 'section') => groupFigures(grouping, new Map(), [], [], checks).map((g) => [g.key, g.answerAccuracyRate]);
    expect(rates('agent')).toEqual([
      ['agent-a', 0.5],
      ['agent-b', 1],
    ]);
    expect(rates('project')).toEqual([
      ['P001', 1],
      ['none', 0],
    ]);
    expect(rates('section')).toEqual([]);
  });
});
