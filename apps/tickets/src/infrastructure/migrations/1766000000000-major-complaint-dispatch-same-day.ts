import { quoteLiteral, sqlMigration } from '@cs/persistence';

/** The shipped default for major complaints as it was seeded before this (frozen here: the domain's default has moved on). */
export const SEEDED_MAJOR_COMPLAINT_POLICY = {
  id: 'complaint-major',
  name: '重大投诉：立即上报，2个工作小时内派单，1个工作日内处理',
  match: { sections: ['complaint'], grades: ['major'] },
  targets: {
    dispatch: { amount: 2, unit: 'hours', basis: 'working' },
    first_response: { amount: 2, unit: 'hours', basis: 'working' },
    resolution: { amount: 1, unit: 'days', basis: 'working' },
  },
  warnAt: [75, 90],
  escalateToManagerAfter: { amount: 2, unit: 'hours', basis: 'working' },
  calendarId: 'default',
};

const SAME_DAY_NAME = '重大投诉：立即上报，当日且2个工作小时内派单，1个工作日内处理';

/**
 * A major complaint received within two working hours of closing was due for dispatch the next
 * morning, while a general one was due the same day. The seeded default, where a company left it
 * as shipped, is dispatched by the close of the day as well (a new policy version: tickets opened
 * after it follow it). A policy a company changed stays as it is.
 */
export const MajorComplaintDispatchSameDay1766000000000 = sqlMigration('MajorComplaintDispatchSameDay1766000000000', {
  up: [
    `WITH changed AS (
       UPDATE sla_policies
          SET document = jsonb_set(jsonb_set(document, '{targets,dispatch,byCloseOfDay}', 'true'), '{name}', to_jsonb(${quoteLiteral(SAME_DAY_NAME)}::text))
        WHERE id = 'complaint-major' AND document = ${quoteLiteral(JSON.stringify(SEEDED_MAJOR_COMPLAINT_POLICY))}::jsonb
       RETURNING 1)
     UPDATE sla_policies_version SET version = version + 1 WHERE EXISTS (SELECT 1 FROM changed)`,
  ],
  // A new version again: a client holding the changed list's ETag must not overwrite the old one unseen.
  down: [
    `WITH reverted AS (
       UPDATE sla_policies SET document = ${quoteLiteral(JSON.stringify(SEEDED_MAJOR_COMPLAINT_POLICY))}::jsonb
        WHERE id = 'complaint-major'
          AND document = jsonb_set(jsonb_set(${quoteLiteral(JSON.stringify(SEEDED_MAJOR_COMPLAINT_POLICY))}::jsonb, '{targets,dispatch,byCloseOfDay}', 'true'), '{name}', to_jsonb(${quoteLiteral(SAME_DAY_NAME)}::text))
       RETURNING 1)
     UPDATE sla_policies_version SET version = version + 1 WHERE EXISTS (SELECT 1 FROM reverted)`,
  ],
});
