import { readerWithin, Reader } from '../domain/audience';
import type { InboxMark } from '../domain/inbox-mark';
import { audienceCondition } from './audience-condition';

/**
 * A notifications row `n` the reader's mark covers: given its stream id up to the mark, and
 * reaching the reader as they were when they marked.
 */
function covered(mark: InboxMark, params: unknown[]): string {
  params.push(mark.upTo);
  return `(n.feed_seq <= $${params.length} AND ${audienceCondition(mark.reader, params)})`;
}

/**
 * When the reader read `n`, as a column: their own read mark (`r`, joined by the caller) or, for
 * one their mark covers, the mark's time.
 */
export function readAtColumn(mark: InboxMark | undefined, params: unknown[]): string {
  if (!mark) return 'r.read_at';
  const condition = covered(mark, params);
  params.push(mark.at);
  return `COALESCE(r.read_at, CASE WHEN ${condition} THEN $${params.length}::timestamptz END)`;
}

/**
 * A row `n` the reader's mark does not cover. While the reader reaches no more than when they
 * marked (the usual case), that is a notification given its stream id after the mark or none yet:
 * the stream ids' index and the index of those waiting for one find them, so what is unread is
 * read from what came since the mark, not from the whole inbox.
 */
export function uncoveredCondition(reader: Reader, mark: InboxMark | undefined, params: unknown[]): string {
  if (!mark) return 'TRUE';
  params.push(mark.upTo);
  const since = `n.feed_seq > $${params.length} OR n.feed_seq IS NULL`;
  if (readerWithin(reader, mark.reader)) return `(${since})`;
  // IS NOT TRUE, not NOT: the audience is NULL, not FALSE, for a handler's notification of no
  // department, and such a row, unread in the list (not covered), must be unread here too.
  return `(${since} OR ${audienceCondition(mark.reader, params)} IS NOT TRUE)`;
}

/** A row `n` the reader may see and has not read: not marked singly by them (`$1` their id) nor covered by their mark. */
export function unreadCondition(reader: Reader, mark: InboxMark | undefined, params: unknown[]): string {
  return `${audienceCondition(reader, params)} AND ${uncoveredCondition(reader, mark, params)}
    AND NOT EXISTS (SELECT 1 FROM notification_reads r WHERE r.notification_id = n.id AND r.user_id = $1)`;
}
