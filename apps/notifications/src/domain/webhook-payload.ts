import { publicAudience } from './audience';
import type { Notification } from './notification';

/**
 * A notification as JSON, the same for a webhook receiver as for the inbox: what happened to
 * which ticket or incident and who inside the company should hear of it. Events carry no personal data,
 * and neither does this: no customer, and no user ids, only roles, project and department.
 */
export function notificationJson(n: Notification) {
  return {
    id: n.id,
    kind: n.kind,
    title: n.title,
    ...(n.ticket ? { ticket: { ...n.ticket } } : { incident: { ...n.incident } }),
    ...(n.level !== undefined ? { level: n.level } : {}),
    ...(n.reason !== undefined ? { reason: n.reason } : {}),
    ...(n.clock !== undefined ? { clock: n.clock } : {}),
    ...(n.thresholdPercent !== undefined ? { thresholdPercent: n.thresholdPercent } : {}),
    ...(n.dueAt ? { dueAt: n.dueAt.toISOString() } : {}),
    audience: publicAudience(n.audience),
    occurredAt: n.occurredAt.toISOString(),
  };
}

/** The body of every delivery of a notification; stored once, so each retry sends the same bytes. */
export function webhookPayloadOf(n: Notification): string {
  return JSON.stringify(notificationJson(n));
}
