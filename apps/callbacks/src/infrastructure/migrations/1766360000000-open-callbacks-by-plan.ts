import { onlineMigration } from '@cs/persistence';

/**
 * A plan's open callbacks, by plan, built while callbacks are written (ADR 0064): a run leaves
 * out the customers its plan still has an open callback for (ADR 0083), and stopping a plan
 * cancels its open callbacks. Without it each read every callback ever scheduled. By plan alone:
 * a run reads its plan's open callbacks once to leave their customers out.
 */
export const OpenCallbacksByPlan1766360000000 = onlineMigration('OpenCallbacksByPlan1766360000000', {
  up: [{ createIndex: 'callbacks_open_by_plan_idx', on: `ON callbacks (plan_id) WHERE status IN ('due', 'overdue')` }],
  down: [{ dropIndex: 'callbacks_open_by_plan_idx' }],
});
