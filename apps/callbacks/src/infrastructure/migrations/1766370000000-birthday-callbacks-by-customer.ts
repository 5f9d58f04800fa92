import { onlineMigration } from '@cs/persistence';

/**
 * A merge gives the duplicate's birthday callbacks (which plan greeted them in which year) to the
 * survivor: found by customer, built while birthdays are written (ADR 0064). The key leads with
 * the plan, so without it a merge read every birthday ever greeted.
 */
export const BirthdayCallbacksByCustomer1766370000000 = onlineMigration('BirthdayCallbacksByCustomer1766370000000', {
  up: [{ createIndex: 'birthday_callbacks_customer_idx', on: 'ON birthday_callbacks (customer_id)' }],
  down: [{ dropIndex: 'birthday_callbacks_customer_idx' }],
});
