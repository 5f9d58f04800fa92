import type { EventData, IncidentEscalatedV1, IncidentSlaBreachedV1, IncidentSlaWarningV1, SlaBreachedV1, SlaClockKind, SlaWarningV1, TicketEscalatedV1 } from '@cs/contracts';
import { presentProps } from '@cs/ddd';
import type { Audience } from './audience';

/**
 * What a notification is about. A major complaint (重大投诉) is an escalation of its own kind, so
 * a company can point it at the leaders' channel without every other escalation. An incident's
 * (群发事件) escalations, warnings and breaches are kinds of their own: they name no ticket, so a
 * subscriber reading `ticket` from every `sla_breached`, or counting tickets' breaches, must not
 * receive them unasked (ADR 0040 keeps their events apart for the same reason).
 */
export const NOTIFICATION_KINDS = [
  'major_complaint',
  'escalated',
  'sla_warning',
  'sla_breached',
  'incident_escalated',
  'incident_sla_warning',
  'incident_sla_breached',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface TicketRef {
  readonly id: string;
  readonly number: string;
  readonly status: string;
  readonly itemCode?: string;
  readonly projectCode?: string;
}

/** 群发事件 — an incident always has its project and catalogue item. */
export interface IncidentRef {
  readonly id: string;
  readonly number: string;
  readonly status: string;
  readonly itemCode: string;
  readonly projectCode: string;
}

/** A notification is about one ticket or one incident, never both. */
export type NotificationSubject = { readonly ticket: TicketRef; readonly incident?: undefined } | { readonly incident: IncidentRef; readonly ticket?: undefined };

interface NotificationFields {
  readonly id: string;
  readonly kind: NotificationKind;
  readonly title: string;
  readonly level?: number;
  readonly reason?: string;
  readonly clock?: string;
  readonly thresholdPercent?: number;
  readonly dueAt?: Date;
  readonly audience: Audience;
  readonly occurredAt: Date;
}

/** One event that must reach people, addressed to an audience. */
export type Notification = NotificationFields & NotificationSubject;

type AlertOf<Definition extends { readonly type: string }> = { readonly type: Definition['type']; readonly data: EventData<Definition> };

/** The ticket events that produce notifications, as their contracts define them. */
export type TicketAlert = AlertOf<typeof TicketEscalatedV1> | AlertOf<typeof SlaWarningV1> | AlertOf<typeof SlaBreachedV1>;
/** The incident's own SLA timers' events (ADR 0040), addressed as the ticket's are. */
export type IncidentAlert = AlertOf<typeof IncidentEscalatedV1> | AlertOf<typeof IncidentSlaWarningV1> | AlertOf<typeof IncidentSlaBreachedV1>;
export type Alert = TicketAlert | IncidentAlert;

/** The kind of each event; an escalation's reason may still make it a major complaint. */
const KIND_OF: Readonly<Record<Alert['type'], NotificationKind>> = {
  'ticket.escalated.v1': 'escalated',
  'sla.warning.v1': 'sla_warning',
  'sla.breached.v1': 'sla_breached',
  'incident.escalated.v1': 'incident_escalated',
  'incident.sla.warning.v1': 'incident_sla_warning',
  'incident.sla.breached.v1': 'incident_sla_breached',
};

/** Every event type that becomes a notification, for the transport to subscribe to. */
export const ALERT_TYPES: readonly string[] = Object.keys(KIND_OF);

const CLOCK_LABELS: Readonly<Record<SlaClockKind, string>> = { first_response: '首次响应', dispatch: '派单', on_site: '上门', resolution: '处理' };
const REASON_LABELS: Readonly<Record<string, string>> = {
  major_complaint: '重大投诉',
  sla_breached: '超时',
  breach_unresolved: '超时未解决',
  manual: '人工升级',
};

function subjectOf(data: Alert['data']): NotificationSubject {
  if ('incidentId' in data) {
    return { incident: { id: data.incidentId, number: data.number, status: data.status, itemCode: data.itemCode, projectCode: data.projectCode } };
  }
  return { ticket: { id: data.ticketId, number: data.number, status: data.status, ...presentProps({ itemCode: data.itemCode, projectCode: data.projectCode }) } };
}

/** Whom the event names; its subject's project applies when the event names none. */
function audienceOf(notify: Alert['data']['notify'], projectCode: string | undefined): Audience {
  return { roles: notify.roles, ...presentProps({ projectCode: notify.projectCode ?? projectCode, department: notify.department }), userIds: notify.userIds ?? [] };
}

/** The notification an alert produces; the id is chosen by the caller so a redelivery finds the same one. */
export function notificationOf(id: string, alert: Alert): Notification {
  const d = alert.data;
  const subject = subjectOf(d);
  const about = subject.incident ? `群发事件 ${d.number}` : `工单 ${d.number}`;
  const common = { id, ...subject, audience: audienceOf(d.notify, d.projectCode), occurredAt: new Date(d.at) };
  switch (alert.type) {
    case 'ticket.escalated.v1':
    case 'incident.escalated.v1': {
      const e = alert.data;
      const major = e.reason === 'major_complaint';
      return {
        ...common,
        kind: major ? 'major_complaint' : KIND_OF[alert.type],
        title: major ? `重大投诉 ${e.number}：已上报（第 ${e.level} 级）` : `${about} 升级至第 ${e.level} 级（${REASON_LABELS[e.reason] ?? e.reason}）`,
        level: e.level,
        reason: e.reason,
      };
    }
    case 'sla.warning.v1':
    case 'incident.sla.warning.v1': {
      const e = alert.data;
      return {
        ...common,
        kind: KIND_OF[alert.type],
        title: `${about} 的${CLOCK_LABELS[e.clock] ?? e.clock}时限已过 ${e.thresholdPercent}%`,
        clock: e.clock,
        thresholdPercent: e.thresholdPercent,
        dueAt: new Date(e.dueAt),
      };
    }
    case 'sla.breached.v1':
    case 'incident.sla.breached.v1': {
      const e = alert.data;
      return { ...common, kind: KIND_OF[alert.type], title: `${about} 的${CLOCK_LABELS[e.clock] ?? e.clock}时限已超时`, clock: e.clock, dueAt: new Date(e.dueAt) };
    }
  }
}
