import { sqlMigration } from '@cs/persistence';

/**
 * 群发事件 in the read model: the incident a ticket joined, and one row per incident with what
 * its events told — declared, dispatched, resolved and whether it breached — so a fault many
 * customers called about counts once where the work is measured.
 */
export const IncidentFacts1764500000000 = sqlMigration('IncidentFacts1764500000000', {
  up: [
    'ALTER TABLE ticket_facts ADD COLUMN incident_id uuid',
    'CREATE INDEX ticket_facts_incident_idx ON ticket_facts (incident_id) WHERE incident_id IS NOT NULL',
    `CREATE TABLE incident_facts (
       incident_id   uuid PRIMARY KEY,
       number        text NOT NULL,
       project_code  text NOT NULL,
       building      text,
       section_code  text NOT NULL,
       item_code     text NOT NULL,
       title         text NOT NULL,
       department    text,
       declared_at   timestamptz NOT NULL,
       dispatched_at timestamptz,
       resolved_at   timestamptz,
       breached      boolean
     )`,
    'CREATE INDEX incident_facts_declared_idx ON incident_facts (declared_at)',
  ],
  down: ['DROP TABLE incident_facts', 'DROP INDEX ticket_facts_incident_idx', 'ALTER TABLE ticket_facts DROP COLUMN incident_id'],
});
