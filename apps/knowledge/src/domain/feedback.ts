/** Whether an answer version answered the question, in one user's view. */
export type Verdict = 'helped' | 'not_helped';

export type FeedbackOutcome = 'used' | Verdict;

/** What one piece of feedback adds to an answer version's counts (ADR 0071). */
export interface FeedbackCounts {
  readonly used: number;
  readonly helped: number;
  readonly not_helped: number;
}

const NOTHING: FeedbackCounts = { used: 0, helped: 0, not_helped: 0 };

/**
 * Each reading to a customer counts; a verdict counts once per user and version, so one agent
 * repeating it cannot lift an answer above the others. A changed verdict moves its vote.
 */
export function feedbackDelta(outcome: FeedbackOutcome, prior: Verdict | undefined): FeedbackCounts {
  if (outcome === 'used') return { ...NOTHING, used: 1 };
  if (prior === outcome) return NOTHING;
  return { ...NOTHING, [outcome]: 1, ...(prior ? { [prior]: -1 } : {}) };
}

export const changesCounts = (delta: FeedbackCounts): boolean => delta.used !== 0 || delta.helped !== 0 || delta.not_helped !== 0;
