import { DurationHistogram, EMPTY_HISTOGRAM, Hundredths, histogramOf, mergeHistograms, toHundredths } from './duration-histogram';
import { TicketRecord, isClosed, isMajorComplaint, isResolved } from './ticket-record';

/**
 * The counts a ticket adds to its period's figures, each 0 or 1 but `extensions`. Every ticket
 * KPI is a sum of these over the tickets of a period (and a group), or a ratio of two such sums,
 * so the rollups can keep the sums per day and a period adds up its days.
 */
export const TALLY_FIELDS = [
  'received',
  'valid',
  'invalid',
  'outOfScope',
  'dispatched',
  'resolved',
  'closed',
  'reopened',
  'escalated',
  'majorComplaints',
  'extensions',
  'incidentChildren',
  'everResolved',
  'firstResponseJudged',
  'firstResponseOnTime',
  'resolutionJudged',
  'resolutionOnTime',
  'replied',
  'answeredFromKnowledge',
  'consultations',
  'recordJudged',
  'recordComplete',
  'dispatchJudged',
  'dispatchOnTime',
  'onSiteJudged',
  'onSiteOnTime',
] as const;

export type TallyField = (typeof TALLY_FIELDS)[number];
export type TicketTally = Readonly<Record<TallyField, number>>;

export const EMPTY_TALLY: TicketTally = Object.fromEntries(TALLY_FIELDS.map((f) => [f, 0])) as TicketTally;

const CONSULTATION = 'consultation';
const one = (test: boolean): number => (test ? 1 : 0);

/**
 * A dispatch or on-site clock is judged once the tickets service told a verdict on it: met in time,
 * or late. One with none (no clock to meet, an incident standing for the ticket, nobody sent yet)
 * is judged neither way.
 */
export const clockJudged = (breached: boolean | null): boolean => breached !== null;
export const clockOnTime = (breached: boolean | null): boolean => breached === false;

export function tallyOf(t: TicketRecord): TicketTally {
  const resolved = isResolved(t);
  const closed = isClosed(t);
  // A ticket joined to an incident was resolved with it and by its clocks: the incident is judged in its place.
  const ownResolution = t.incidentId === null;
  return {
    received: 1,
    valid: one(t.validity === 'valid'),
    invalid: one(t.validity === 'invalid'),
    outOfScope: one(t.validity === 'out_of_scope'),
    dispatched: one(t.dispatchedAt !== null),
    resolved: one(resolved),
    closed: one(closed),
    reopened: one(t.reopenCount > 0),
    escalated: one(t.escalationLevel > 0),
    majorComplaints: one(isMajorComplaint(t)),
    extensions: t.extensionCount,
    incidentChildren: one(t.incidentId !== null),
    everResolved: one(t.resolvedAt !== null),
    firstResponseJudged: one(t.firstReplyAt !== null || t.firstResponseBreached),
    firstResponseOnTime: one(t.firstReplyAt !== null && !t.firstResponseBreached),
    resolutionJudged: one(ownResolution && (resolved || t.resolutionBreached)),
    resolutionOnTime: one(ownResolution && resolved && !t.resolutionBreached),
    replied: one(t.replied),
    answeredFromKnowledge: one(t.answeredFromKnowledge),
    consultations: one(t.sectionCode === CONSULTATION && t.itemCode !== null),
    recordJudged: one(closed && t.recordComplete !== null),
    recordComplete: one(closed && t.recordComplete === true),
    dispatchJudged: one(clockJudged(t.dispatchBreached)),
    dispatchOnTime: one(clockOnTime(t.dispatchBreached)),
    onSiteJudged: one(clockJudged(t.onSiteBreached)),
    onSiteOnTime: one(clockOnTime(t.onSiteBreached)),
  };
}

export function addTallies(a: TicketTally, b: TicketTally, sign: 1 | -1 = 1): TicketTally {
  return Object.fromEntries(TALLY_FIELDS.map((f) => [f, a[f] + sign * b[f]])) as TicketTally;
}

/** Working minutes of a ticket's first response and resolution, by the business calendar. */
export interface TicketDurations {
  readonly firstResponseMinutes: number | null;
  readonly resolutionMinutes: number | null;
}

/** What one ticket adds to its period: its counts and, when known, its two durations. */
export interface TicketShare {
  readonly tally: TicketTally;
  readonly firstResponse: Hundredths | null;
  /** Only while the ticket is resolved: a reopened ticket's resolution no longer counts. */
  readonly resolution: Hundredths | null;
}

export function shareOf(t: TicketRecord, durations: TicketDurations): TicketShare {
  return {
    tally: tallyOf(t),
    firstResponse: durations.firstResponseMinutes === null ? null : toHundredths(durations.firstResponseMinutes),
    resolution: durations.resolutionMinutes === null || !isResolved(t) ? null : toHundredths(durations.resolutionMinutes),
  };
}

/** What the tickets of a period (or of one group of it) add up to. */
export interface TicketSums {
  readonly tally: TicketTally;
  readonly firstResponse: DurationHistogram;
  readonly resolution: DurationHistogram;
}

export const NO_SUMS: TicketSums = { tally: EMPTY_TALLY, firstResponse: EMPTY_HISTOGRAM, resolution: EMPTY_HISTOGRAM };

export function addSums(a: TicketSums, b: TicketSums): TicketSums {
  return {
    tally: addTallies(a.tally, b.tally),
    firstResponse: mergeHistograms(a.firstResponse, b.firstResponse),
    resolution: mergeHistograms(a.resolution, b.resolution),
  };
}

export function sumsOfShares(shares: readonly TicketShare[]): TicketSums {
  return {
    tally: shares.reduce((sum, s) => addTallies(sum, s.tally), EMPTY_TALLY),
    firstResponse: histogramOf(shares.flatMap((s) => (s.firstResponse === null ? [] : [s.firstResponse]))),
    resolution: histogramOf(shares.flatMap((s) => (s.resolution === null ? [] : [s.resolution]))),
  };
}

export const sumsOf = (tickets: readonly TicketRecord[], durations: (t: TicketRecord) => TicketDurations): TicketSums =>
  sumsOfShares(tickets.map((t) => shareOf(t, durations(t))));
