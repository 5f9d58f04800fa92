import { sqlMigration } from '@cs/persistence';

/**
 * An incident stands for a child from the join until the child is reopened (ADR 0037), so a
 * ticket keeps how many times it had been reopened when it joined. Children that joined before
 * this count their reopens recorded in the history up to their join; adding a column with no
 * default rewrites nothing, and the children are few.
 */
export const ReopensWhenJoined1765700000000 = sqlMigration('ReopensWhenJoined1765700000000', {
  up: [
    'ALTER TABLE tickets ADD COLUMN reopens_when_joined integer',
    `UPDATE tickets t SET reopens_when_joined = (
       SELECT count(*) FROM ticket_history h
        WHERE h.ticket_id = t.id AND h.action = 'reopen'
          AND h.id < (SELECT max(j.id) FROM ticket_history j WHERE j.ticket_id = t.id AND j.action = 'join_incident'))
      WHERE t.incident_id IS NOT NULL`,
  ],
  down: ['ALTER TABLE tickets DROP COLUMN reopens_when_joined'],
});
