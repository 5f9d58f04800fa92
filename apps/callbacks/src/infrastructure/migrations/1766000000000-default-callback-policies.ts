import { quoteLiteral, sqlMigration } from '@cs/persistence';
import type { CallbackPolicy } from '../../domain/callback-policy';

/**
 * The callbacks the regulations ask for, as they stood when this shipped: after a complaint is
 * handled within 3 working days, a repair within 1, a value-added service within 2, by phone,
 * three tries an hour apart, by the agent who first took the matter (首问责任人). A company
 * edits its own through `PUT /v1/callback-policies`.
 */
const DEFAULTS: readonly CallbackPolicy[] = [
  { id: 'complaint', name: '投诉处理完毕3个工作日内回访', match: { sections: ['complaint'] }, dueWorkingDays: 3 },
  { id: 'repair', name: '报修完成后1个工作日内回访', match: { sections: ['repair'] }, dueWorkingDays: 1 },
  { id: 'value-added', name: '增值服务完成后2个工作日内回访', match: { sections: ['value_added'] }, dueWorkingDays: 2 },
].map((p) => ({ ...p, calendarId: 'default', method: 'phone', attemptsAllowed: 3, retrySpacingMinutes: 60, assignTo: 'first_contact_owner', required: true }));

const rows = DEFAULTS.map((p, i) => `(${quoteLiteral(p.id)}, ${i}, ${quoteLiteral(JSON.stringify(p))}::jsonb)`).join(',\n      ');

/**
 * An install that never set its callback policies (the list still empty at its first version)
 * scheduled no callback at all. It gets the defaults, as a new version: a client holding the
 * empty list's ETag is refused rather than replacing them unseen. A list a company emptied on
 * purpose (a later version) stays empty.
 */
export const DefaultCallbackPolicies1766000000000 = sqlMigration('DefaultCallbackPolicies1766000000000', {
  up: [
    `WITH seeded AS (
       INSERT INTO callback_policies (id, position, document)
       SELECT id, position, document FROM (VALUES
      ${rows}) AS d(id, position, document)
        WHERE NOT EXISTS (SELECT 1 FROM callback_policies) AND (SELECT version FROM callback_policies_version) = 1
       RETURNING 1)
     UPDATE callback_policies_version SET version = version + 1 WHERE EXISTS (SELECT 1 FROM seeded)`,
  ],
  // Only the defaults nobody has changed since are taken back.
  down: [
    `WITH unchanged AS (SELECT 1 FROM callback_policies_version WHERE version = 2),
          removed AS (DELETE FROM callback_policies WHERE EXISTS (SELECT 1 FROM unchanged) RETURNING 1)
     UPDATE callback_policies_version SET version = 1 WHERE EXISTS (SELECT 1 FROM removed)`,
  ],
});
