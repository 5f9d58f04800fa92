import { readerWithin, Reader } from '../domain/audience';
import type { InboxMark } from '../domain/inbox-mark';
import { audienceCondition } from './audience-condition';

/**
 * A notifications row `n` the mark covers: given its stream id up to the mark, and reaching the
 * reader as they were when they marked. NULL, not FALSE, for some rows the mark does not cover (a
 * stream id still to come; a handler's notification of no department): test it IS TRUE or IS NOT TRUE.
 */
function covered(mark: InboxMark, params: unknown[]): string {
  params.push(mark.upTo);
  return `(n.feed_seq <= $${params.length} AND ${audienceCondition(mark.reader, params)})`;
}

/** A row `n` one of the marks covers. */
export function coveredByAnyCondition(marks: readonly InboxMark[], params: unknown[]): string {
  if (marks.length === 0) return 'FALSE';
  return `(${marks.map((mark) => `${covered(mark, params)} IS TRUE`).join(' OR ')})`;
}

/**
 * When the reader read `n`, as a column: their own read mark (`r`, joined by the caller) or, for
 * one their marks cover, the time of the earliest that does (`readByMarks` of the domain).
 */
export function readAtColumn(marks: readonly InboxMark[], params: unknown[]): string {
  if (marks.length === 0) return 'r.read_at';
  return `COALESCE(r.read_at, ${readByMarksColumn(marks, params)})`;
}

/** When the marks read `n`, as a column: the time of the earliest that covers it; NULL if none does. */
export function readByMarksColumn(marks: readonly InboxMark[], params: unknown[]): string {
  if (marks.length === 0) return 'NULL::timestamptz';
  const byMarks = marks.map((mark) => {
    const condition = covered(mark, params);
    params.push(mark.at);
    return `CASE WHEN ${condition} THEN $${params.length}::timestamptz END`;
  });
  return `LEAST(${byMarks.join(', ')})`;
}

/**
 * A row `n` none of the reader's marks covers. While the reader reaches no more than when they
 * made one of them (the usual case), that is a notification given its stream id after that mark
 * or none yet: the stream ids' index and the index of those waiting for one find them, so what is
 * unread is read from what came since, not from the whole inbox; the marks reaching further are
 * checked on those alone.
 */
export function uncoveredCondition(reader: Reader, marks: readonly InboxMark[], params: unknown[]): string {
  if (marks.length === 0) return 'TRUE';
  const conditions: string[] = [];
  const within = marks.filter((mark) => readerWithin(reader, mark.reader)).map((mark) => mark.upTo);
  const since = within.length > 0 ? Math.max(...within) : undefined;
  if (since !== undefined) {
    params.push(since);
    conditions.push(`(n.feed_seq > $${params.length} OR n.feed_seq IS NULL)`);
  }
  for (const mark of marks) if (since === undefined || mark.upTo > since) conditions.push(`${covered(mark, params)} IS NOT TRUE`);
  return `(${conditions.join(' AND ')})`;
}

/** A row `n` the reader may see and has not read: not marked singly by them (`$1` their id) nor covered by their marks. */
export function unreadCondition(reader: Reader, marks: readonly InboxMark[], params: unknown[]): string {
  return `${audienceCondition(reader, params)} AND ${uncoveredCondition(reader, marks, params)}
    AND NOT EXISTS (SELECT 1 FROM notification_reads r WHERE r.notification_id = n.id AND r.user_id = $1)`;
}
