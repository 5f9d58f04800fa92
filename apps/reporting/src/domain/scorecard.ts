import type { KpiFigures } from './kpis';

/** The rates a scheme may score an agent on. */
export const SCORED_METRICS = [
  'callbackCompletionRate',
  'callbackOnTimeRate',
  'satisfactionRate',
  'resolutionRate',
  'firstResponseOnTimeRate',
  'resolutionOnTimeRate',
  'reopenRate',
  'knowledgeAnswerUsageRate',
] as const;
export type ScoredMetric = (typeof SCORED_METRICS)[number];

/** A tier applies from `min` (inclusive, a fraction 0..1) up to the next tier's `min`. */
export interface Tier {
  readonly min: number;
  readonly deduction: number;
}

export interface MetricRule {
  readonly metric: ScoredMetric;
  /** Multiplies the tier's deduction. */
  readonly weight: number;
  readonly tiers: readonly Tier[];
}

/** 考核方案 — how an agent's month is scored. */
export interface ScorecardScheme {
  readonly base: number;
  readonly metrics: readonly MetricRule[];
  readonly failedSpotCheckDeduction: number;
  readonly praiseBonus: number;
}

/** The domain's example: 100 % → 0, ≥ 95 % → −1, 80–95 % → −2, 75–80 % → −3, below 75 % → −5. */
const EXAMPLE_TIERS: readonly Tier[] = [
  { min: 1, deduction: 0 },
  { min: 0.95, deduction: 1 },
  { min: 0.8, deduction: 2 },
  { min: 0.75, deduction: 3 },
  { min: 0, deduction: 5 },
];

export const DEFAULT_SCHEME: ScorecardScheme = {
  base: 100,
  metrics: [
    { metric: 'callbackCompletionRate', weight: 1, tiers: EXAMPLE_TIERS },
    { metric: 'satisfactionRate', weight: 1, tiers: EXAMPLE_TIERS },
  ],
  failedSpotCheckDeduction: 2,
  praiseBonus: 2,
};

export interface MetricScore {
  readonly metric: ScoredMetric;
  /** null: nothing to measure this month (no callbacks due, say): no deduction. */
  readonly value: number | null;
  readonly tierMin: number | null;
  readonly deduction: number;
}

export interface Scorecard {
  readonly base: number;
  readonly metrics: readonly MetricScore[];
  readonly spotChecks: { readonly checked: number; readonly failed: number; readonly deduction: number };
  readonly praise: { readonly count: number; readonly bonus: number };
  readonly score: number;
}

/**
 * The scheme a stored one scores by. A save refuses a metric listed twice and two tiers from one
 * min, naming the later one (ADR 0112); a scheme saved before that rule is read the same way: each
 * metric by its first rule, each min by its first tier. Read so, it also saves again unchanged.
 */
export function schemeInForce(stored: ScorecardScheme): ScorecardScheme {
  const metrics = stored.metrics
    .filter((rule, i) => stored.metrics.findIndex((other) => other.metric === rule.metric) === i)
    .map((rule) => ({ ...rule, tiers: rule.tiers.filter((tier, j) => rule.tiers.findIndex((other) => other.min === tier.min) === j) }));
  return { ...stored, metrics };
}

/** The tier a value falls in: the one with the highest `min` not above it. */
export function tierOf(tiers: readonly Tier[], value: number): Tier | undefined {
  return [...tiers].sort((a, b) => b.min - a.min).find((t) => value >= t.min - 1e-12);
}

const round = (n: number): number => Math.round(n * 1e6) / 1e6;

/** Scores one agent's month: base − weighted tier deductions − failed spot checks + praise. */
export function scoreAgent(
  scheme: ScorecardScheme,
  figures: Pick<KpiFigures, ScoredMetric>,
  spotChecks: { readonly checked: number; readonly failed: number },
  praise: number,
): Scorecard {
  const metrics = scheme.metrics.map((rule): MetricScore => {
    const value = figures[rule.metric];
    const tier = value === null ? undefined : tierOf(rule.tiers, value);
    return { metric: rule.metric, value, tierMin: tier?.min ?? null, deduction: round((tier?.deduction ?? 0) * rule.weight) };
  });
  const spotDeduction = spotChecks.failed * scheme.failedSpotCheckDeduction;
  const bonus = praise * scheme.praiseBonus;
  return {
    base: scheme.base,
    metrics,
    spotChecks: { ...spotChecks, deduction: spotDeduction },
    praise: { count: praise, bonus },
    score: round(scheme.base - metrics.reduce((sum, m) => sum + m.deduction, 0) - spotDeduction + bonus),
  };
}
