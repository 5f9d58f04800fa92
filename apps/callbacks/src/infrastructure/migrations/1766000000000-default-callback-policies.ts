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

const SEEDED = `SELECT id, position, document FROM (VALUES
      ${rows}) AS d(id, position, document)`;

/**
 * An install that never set its callback policies (the list still empty at its first version)
 * scheduled no callback at all. It gets the defaults, as a new version: a client holding the
 * empty list's ETag is refused rather than replacing them unseen. A list a company emptied on
 * purpose (a later version) stays empty.
 *
 * A ticket remembers whether its last resolution found a policy; those resolved before the
 * defaults arrived, with no callback, are not reported missed when they close.
 */
export const DefaultCallbackPolicies1766000000000 = sqlMigration('DefaultCallbackPolicies1766000000000', {
  up: [
    'ALTER TABLE followed_tickets ADD COLUMN resolved_without_policy boolean NOT NULL DEFAULT false',
    `WITH seeded AS (
       INSERT INTO callback_policies (id, position, document)
       ${SEEDED}
        WHERE NOT EXISTS (SELECT 1 FROM callback_policies) AND (SELECT version FROM callback_policies_version) = 1
       RETURNING 1),
     versioned AS (UPDATE callback_policies_version SET version = version + 1 WHERE EXISTS (SELECT 1 FROM seeded) RETURNING 1)
     UPDATE followed_tickets f SET resolved_without_policy = true
      WHERE EXISTS (SELECT 1 FROM seeded) AND f.status = 'resolved' AND NOT EXISTS (SELECT 1 FROM callbacks c WHERE c.ticket_id = f.ticket_id)`,
  ],
  // Only the defaults as seeded, nobody having changed the list since, are taken back.
  down: [
    `WITH seeded AS (${SEEDED}),
          untouched AS (
            SELECT 1 WHERE (SELECT version FROM callback_policies_version) = 2
              AND (SELECT count(*) FROM callback_policies) = (SELECT count(*) FROM seeded)
              AND NOT EXISTS (SELECT 1 FROM callback_policies p WHERE NOT EXISTS (SELECT 1 FROM seeded s WHERE s.id = p.id AND s.document = p.document))),
          removed AS (DELETE FROM callback_policies WHERE EXISTS (SELECT 1 FROM untouched) RETURNING 1)
     UPDATE callback_policies_version SET version = 1 WHERE EXISTS (SELECT 1 FROM removed)`,
    'ALTER TABLE followed_tickets DROP COLUMN resolved_without_policy',
  ],
});
