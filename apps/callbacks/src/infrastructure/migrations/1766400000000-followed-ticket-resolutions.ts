import { sqlMigration } from '@cs/persistence';

/**
 * When a followed ticket's current resolution was made, so the pickup of a resolution's held
 * callback (ADR 0116) can tell that resolution still stands (ADR 0124). A trigger ends it whenever
 * the ticket leaves resolved and closed, so a reopening a replica of the release before handles
 * ends it too: that release knows nothing of held callbacks and leaves them in place. Added with no
 * default, the column rewrites nothing; only tickets a callback is held for are filled, with the
 * start the hold counts from, while they are still resolved or closed.
 */
export const FollowedTicketResolutions1766400000000 = sqlMigration('FollowedTicketResolutions1766400000000', {
  up: [
    'ALTER TABLE followed_tickets ADD COLUMN resolved_at timestamptz',
    `CREATE FUNCTION followed_ticket_resolution_ends() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       NEW.resolved_at := NULL;
       RETURN NEW;
     END $$`,
    `CREATE TRIGGER followed_tickets_resolution_ends BEFORE UPDATE OF status ON followed_tickets
       FOR EACH ROW WHEN (NEW.status NOT IN ('resolved', 'closed')) EXECUTE FUNCTION followed_ticket_resolution_ends()`,
    `UPDATE followed_tickets f SET resolved_at = h.due_from FROM held_callbacks h
      WHERE h.ticket_id = f.ticket_id AND h.plan_id IS NULL AND f.status IN ('resolved', 'closed')`,
  ],
  down: ['DROP TRIGGER followed_tickets_resolution_ends ON followed_tickets', 'DROP FUNCTION followed_ticket_resolution_ends()', 'ALTER TABLE followed_tickets DROP COLUMN resolved_at'],
});
