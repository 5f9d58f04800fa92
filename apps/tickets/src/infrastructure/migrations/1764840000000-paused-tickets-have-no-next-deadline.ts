import { sqlMigration } from '@cs/persistence';

/**
 * A paused clock gives no next deadline (ADR 0022): tickets awaiting the customer, and the open
 * children of incidents never reopened, lose the one their last save stored, which passed while
 * their clocks stood still and put them in the overdue queue. Their next save sets it anew.
 */
export const PausedTicketsHaveNoNextDeadline1764840000000 = sqlMigration('PausedTicketsHaveNoNextDeadline1764840000000', {
  up: [
    `UPDATE tickets SET next_due_at = NULL
      WHERE next_due_at IS NOT NULL
        AND (status = 'awaiting_customer' OR (incident_id IS NOT NULL AND reopen_count = 0 AND status IN ('new', 'dispatched', 'in_progress')))`,
  ],
  down: [],
});
