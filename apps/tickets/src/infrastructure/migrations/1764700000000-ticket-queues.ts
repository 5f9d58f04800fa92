import { sqlMigration } from '@cs/persistence';

/**
 * Indexes for the supervisor's queues (GET /v1/tickets filters and counts): by owner (首问责任人),
 * by handler, by grade and escalation, and the open tickets' deadlines for "overdue" and
 * "due within N minutes".
 */
export const TicketQueues1764700000000 = sqlMigration('TicketQueues1764700000000', {
  up: [
    'CREATE INDEX tickets_owner_idx ON tickets (owner_id, status)',
    'CREATE INDEX tickets_handler_idx ON tickets (handler, status) WHERE handler IS NOT NULL',
    'CREATE INDEX tickets_grade_idx ON tickets (grade, status)',
    'CREATE INDEX tickets_escalated_idx ON tickets (escalation_level, status) WHERE escalation_level > 0',
    `CREATE INDEX tickets_open_due_idx ON tickets (next_due_at) WHERE status IN ('new', 'dispatched', 'in_progress', 'awaiting_customer')`,
  ],
  down: [
    'DROP INDEX tickets_open_due_idx',
    'DROP INDEX tickets_escalated_idx',
    'DROP INDEX tickets_grade_idx',
    'DROP INDEX tickets_handler_idx',
    'DROP INDEX tickets_owner_idx',
  ],
});
