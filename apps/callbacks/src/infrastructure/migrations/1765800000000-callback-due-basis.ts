import { onlineMigration, sqlMigration } from '@cs/persistence';

const BASIS = ['due_calendar_id', 'due_calendar_version', 'due_from', 'due_working_days'];

/**
 * How a callback's due time was counted (ADR 0069): so many working days from a moment by a
 * business calendar at a version, so a newer version of that calendar counts it again. All four
 * or none: a due time not counted by a calendar has none. Callbacks scheduled before keep their
 * due times (how many working days they were given is not recorded).
 *
 * The columns are added without a default, which rewrites nothing. The check is added NOT VALID:
 * it holds for every row written from now on, and the rows already there hold NULL in all four,
 * which it accepts, so validating them would only scan the table under its lock.
 */
export const CallbackDueBasis1765800000000 = sqlMigration('CallbackDueBasis1765800000000', {
  up: [
    `ALTER TABLE callbacks ADD COLUMN due_calendar_id text, ADD COLUMN due_calendar_version integer,
       ADD COLUMN due_from timestamptz, ADD COLUMN due_working_days integer`,
    `ALTER TABLE callbacks ADD CONSTRAINT callbacks_due_basis_check
       CHECK (num_nulls(${BASIS.join(', ')}) IN (0, 4) AND (due_working_days IS NULL OR due_working_days >= 0)) NOT VALID`,
  ],
  down: ['ALTER TABLE callbacks DROP CONSTRAINT callbacks_due_basis_check', `ALTER TABLE callbacks ${BASIS.map((c) => `DROP COLUMN ${c}`).join(', ')}`],
});

/** What the walk after a calendar change reads: the callbacks still due by a calendar, by its version. Built while callbacks are written (ADR 0064). */
export const CallbackDueRecountIndex1765810000000 = onlineMigration('CallbackDueRecountIndex1765810000000', {
  up: [{ createIndex: 'callbacks_due_by_calendar_idx', on: `ON callbacks (due_calendar_id, due_calendar_version) WHERE status = 'due' AND due_calendar_id IS NOT NULL` }],
  down: [{ dropIndex: 'callbacks_due_by_calendar_idx' }],
});
