import { sqlMigration } from '@cs/persistence';

const TALLY_COLUMNS = [
  'received',
  'valid',
  'invalid',
  'out_of_scope',
  'dispatched',
  'resolved',
  'closed',
  'reopened',
  'escalated',
  'major_complaints',
  'extensions',
  'incident_children',
  'ever_resolved',
  'first_response_judged',
  'first_response_on_time',
  'resolution_judged',
  'resolution_on_time',
  'replied',
  'answered_from_knowledge',
  'consultations',
];

/**
 * The rollups of ADR 0039: what the tickets received each local day add up to, per project and
 * key of every grouping (`ticket_rollups`), and the bins of their working-minute durations per
 * local month and key of every grouping, all projects together (`ticket_duration_rollups`), so a
 * month is read as a few thousand sums instead of every ticket. Both tables are ledgers: a change
 * of a ticket appends its signed difference, and folding merges a cell's rows into one
 * (`folded`). `project` is the project code, '' for tickets of no project and '*' for the cells
 * of every project together.
 *
 * Each ticket row records what the rollups hold of it (`counted_*`, under which calendar
 * version; the bins let a period's other parts be summed from the rows), to take it away again
 * when the ticket changes. Rows counted by no calendar yet — every row this migration finds — are
 * counted by the rollup maintenance loop; until then figures are read ticket by ticket, as
 * before. The grade intake reported is copied onto the ticket's row, so escalations and major
 * complaints are read from one index.
 *
 * Rows deleted by hand (the loss a rebuild repairs) keep the rollups honest: a trigger files
 * each deleted row that was counted as a retraction, which the maintenance loop takes away from
 * the rollups (figures are read ticket by ticket meanwhile); emptying the table empties them.
 */
export const TicketRollups1764800000000 = sqlMigration('TicketRollups1764800000000', {
  up: [
    `ALTER TABLE ticket_facts
       ADD COLUMN grade text,
       ADD COLUMN counted_calendar_version integer,
       ADD COLUMN counted_day integer,
       ADD COLUMN counted_first_response bigint,
       ADD COLUMN counted_first_response_bin integer,
       ADD COLUMN counted_resolution bigint,
       ADD COLUMN counted_resolution_bin integer`,
    `UPDATE ticket_facts f SET grade = g.grade FROM ticket_contact_grades g WHERE g.ticket_id = f.ticket_id::text`,
    'CREATE INDEX ticket_facts_counted_idx ON ticket_facts (counted_calendar_version, opened_at)',
    // Holds every column the report's escalations table shows: read without visiting the tickets' rows.
    `CREATE INDEX ticket_facts_escalated_idx ON ticket_facts (opened_at, number)
       INCLUDE (ticket_id, project_code, item_code, owner_id, escalation_level, major_complaint, grade, resolved_at, reopened_at, closed_at)
       WHERE (escalation_level > 0 OR major_complaint OR grade = 'major') AND merged_into IS NULL`,
    `CREATE TABLE ticket_rollups (
       day       integer NOT NULL,
       project   text NOT NULL,
       dimension text NOT NULL,
       key       text NOT NULL,
       ${TALLY_COLUMNS.map((c) => `${c} integer NOT NULL DEFAULT 0`).join(',\n       ')},
       folded    boolean NOT NULL DEFAULT false
     )`,
    // Reads sum a dimension's cells of some projects over days; folding finds a cell's rows by all four.
    'CREATE INDEX ticket_rollups_cell_idx ON ticket_rollups (dimension, project, day, key)',
    'CREATE INDEX ticket_rollups_unfolded_idx ON ticket_rollups (day, project, dimension, key) WHERE NOT folded',
    `CREATE TABLE ticket_duration_rollups (
       month      integer NOT NULL,
       dimension  text NOT NULL,
       key        text NOT NULL,
       measure    text NOT NULL CHECK (measure IN ('first_response', 'resolution')),
       bin        integer NOT NULL,
       tickets    integer NOT NULL,
       hundredths bigint NOT NULL,
       folded     boolean NOT NULL DEFAULT false
     )`,
    'CREATE INDEX ticket_duration_rollups_cell_idx ON ticket_duration_rollups (dimension, month, key, measure, bin)',
    'CREATE INDEX ticket_duration_rollups_unfolded_idx ON ticket_duration_rollups (month, dimension, key, measure, bin) WHERE NOT folded',
    `CREATE TABLE ticket_fact_retractions (
       id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       row jsonb NOT NULL
     )`,
    `CREATE FUNCTION retract_deleted_ticket_facts() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       INSERT INTO ticket_fact_retractions (row) SELECT to_jsonb(gone) FROM gone WHERE gone.counted_day IS NOT NULL;
       RETURN NULL;
     END $$`,
    `CREATE FUNCTION empty_ticket_rollups() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       TRUNCATE ticket_rollups, ticket_duration_rollups, ticket_fact_retractions;
       RETURN NULL;
     END $$`,
    `CREATE TRIGGER ticket_facts_retract AFTER DELETE ON ticket_facts REFERENCING OLD TABLE AS gone
       FOR EACH STATEMENT EXECUTE FUNCTION retract_deleted_ticket_facts()`,
    'CREATE TRIGGER ticket_facts_emptied AFTER TRUNCATE ON ticket_facts FOR EACH STATEMENT EXECUTE FUNCTION empty_ticket_rollups()',
  ],
  down: [
    'DROP TRIGGER ticket_facts_emptied ON ticket_facts',
    'DROP TRIGGER ticket_facts_retract ON ticket_facts',
    'DROP FUNCTION empty_ticket_rollups()',
    'DROP FUNCTION retract_deleted_ticket_facts()',
    'DROP TABLE ticket_fact_retractions',
    'DROP TABLE ticket_duration_rollups',
    'DROP TABLE ticket_rollups',
    'DROP INDEX ticket_facts_escalated_idx',
    'DROP INDEX ticket_facts_counted_idx',
    `ALTER TABLE ticket_facts DROP COLUMN grade, DROP COLUMN counted_calendar_version, DROP COLUMN counted_day,
       DROP COLUMN counted_first_response, DROP COLUMN counted_first_response_bin, DROP COLUMN counted_resolution, DROP COLUMN counted_resolution_bin`,
  ],
});
