/**
 * SQL: the search rows of the answers as in force at the instant in `at` (a placeholder or
 * `now()`), in the columns of `answer_search`. An answer's version in force is its indexed one,
 * or the latest of its held versions (ADR 0080) whose start has come by then when that is newer:
 * chosen by its start at the read, so a version is in force from its start to the instant, not
 * from the pass of the loop that moves it into `answer_search`. Its feedback counts are the
 * answer's, kept on the indexed row. Whether the version is within its effective period is
 * still the reader's to ask.
 *
 * `of`: only the answer whose id that SQL expression holds (a column of an outer query), looked
 * up by its key in each branch. Postgres then runs the lookup per answer it is asked for; a
 * condition only on the rows' `answer_id` outside lets it read every version in force once and
 * hash them, for each statement (ADR 0146).
 */
export function answersInForceAt(at: string, of?: string): string {
  const startedHeld = (alias: string) => `SELECT 1 FROM answer_search_scheduled ${alias} WHERE ${alias}.answer_id = i.answer_id AND ${alias}.effective_from <= ${at}`;
  const indexedOf = of === undefined ? '' : ` AND i.answer_id = ${of}`;
  const heldOf = of === undefined ? '' : ` AND h.answer_id = ${of}`;
  return `(
    SELECT i.answer_id, i.version, i.document, i.projects, i.item_code, i.effective_from, i.effective_to, i.helped, i.not_helped, i.used
      FROM answer_search i
     WHERE NOT EXISTS (${startedHeld('h')} AND h.version > i.version)${indexedOf}
    UNION ALL
    SELECT h.answer_id, h.version, h.document, h.projects, h.item_code, h.effective_from, h.effective_to, i.helped, i.not_helped, i.used
      FROM answer_search_scheduled h JOIN answer_search i ON i.answer_id = h.answer_id AND i.version < h.version
     WHERE h.effective_from <= ${at} AND NOT EXISTS (${startedHeld('l')} AND l.version > h.version)${heldOf}
  )`;
}
