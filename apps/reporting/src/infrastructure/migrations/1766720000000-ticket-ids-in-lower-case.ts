import { sqlMigration } from '@cs/persistence';

/** A UUID written in any case, as the request validators took it. */
const UUID = `'^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$'`;

/**
 * Praise naming its ticket, and spot checks of a ticket or a callback, kept the id as sent until
 * every UUID field was taken in lower case: one sent in capitals was listed under an id no other
 * record carries. Those stored so are lowered; a target that is not a UUID keeps its text. Both
 * tables are written by hand by quality staff, so one statement each holds them a moment. Nothing
 * to undo: lower case is what every record says.
 */
export const TicketIdsInLowerCase1766720000000 = sqlMigration('TicketIdsInLowerCase1766720000000', {
  up: [
    `UPDATE praise SET ticket_id = lower(ticket_id) WHERE ticket_id ~ ${UUID} AND ticket_id <> lower(ticket_id)`,
    `UPDATE spot_checks SET target_id = lower(target_id) WHERE target_id ~ ${UUID} AND target_id <> lower(target_id)`,
  ],
  down: [],
});
