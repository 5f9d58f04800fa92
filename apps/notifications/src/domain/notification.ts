import type { EventData, SlaBreachedV1, SlaWarningV1, TicketEscalatedV1 } from '@cs/contracts';
import type { Audience } from './audience';

/**
 * What a notification is about. A major complaint (重大投诉) is an escalation of its own kind, so
 * a company can point it at the leaders' channel without every other escalation.
 */
export const NOTIFICATION_KINDS = ['major_complaint', 'escalated', 'sla_warning', 'sla_breached'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface TicketRef {
  readonly id: string;
  readonly number: string;
  readonly status: string;
  readonly itemCode?: string;
  readonly projectCode?: string;
}

/** One event that must reach people, addressed to an audience. */
export interface Notification {
  readonly id: string;
  readonly kind: NotificationKind;
  readonly title: string;
  readonly ticket: TicketRef;
  readonly level?: number;
  readonly reason?: string;
  readonly clock?: string;
  readonly thresholdPercent?: number;
  readonly dueAt?: Date;
  readonly audience: Audience;
  readonly occurredAt: Date;
}

/** The ticket events that produce notifications, as their contracts define them. */
export type TicketAlert =
  | { readonly type: typeof TicketEscalatedV1.type; readonly data: EventData<typeof TicketEscalatedV1> }
  | { readonly type: typeof SlaWarningV1.type; readonly data: EventData<typeof SlaWarningV1> }
  | { readonly type: typeof SlaBreachedV1.type; readonly data: EventData<typeof SlaBreachedV1> };

const CLOCK_LABELS: Readonly<Record<string, string>> = { first_response: '首次响应', dispatch: '派单', resolution: '处理' };
const REASON_LABELS: Readonly<Record<string, string>> = {
  major_complaint: '重大投诉',
  sla_breached: '超时',
  breach_unresolved: '超时未解决',
  manual: '人工升级',
};

/** The notification an alert produces; the id is chosen by the caller so a redelivery finds the same one. */
export function notificationOf(id: string, alert: TicketAlert): Notification {
  const d = alert.data;
  const ticket: TicketRef = {
    id: d.ticketId,
    number: d.number,
    status: d.status,
    ...(d.itemCode ? { itemCode: d.itemCode } : {}),
    ...(d.projectCode ? { projectCode: d.projectCode } : {}),
  };
  const notify = d.notify;
  const audience: Audience = {
    roles: notify.roles,
    ...(notify.projectCode ?? d.projectCode ? { projectCode: notify.projectCode ?? d.projectCode } : {}),
    ...(notify.department ? { department: notify.department } : {}),
    userIds: notify.userIds ?? [],
  };
  const common = { id, ticket, audience, occurredAt: new Date(d.at) };
  switch (alert.type) {
    case 'ticket.escalated.v1': {
      const e = alert.data;
      const major = e.reason === 'major_complaint';
      return {
        ...common,
        kind: major ? 'major_complaint' : 'escalated',
        title: major ? `重大投诉 ${e.number}：已上报（第 ${e.level} 级）` : `工单 ${e.number} 升级至第 ${e.level} 级（${REASON_LABELS[e.reason] ?? e.reason}）`,
        level: e.level,
        reason: e.reason,
      };
    }
    case 'sla.warning.v1': {
      const e = alert.data;
      return {
        ...common,
        kind: 'sla_warning',
        title: `工单 ${e.number} 的${CLOCK_LABELS[e.clock] ?? e.clock}时限已过 ${e.thresholdPercent}%`,
        clock: e.clock,
        thresholdPercent: e.thresholdPercent,
        dueAt: new Date(e.dueAt),
      };
    }
    case 'sla.breached.v1': {
      const e = alert.data;
      return { ...common, kind: 'sla_breached', title: `工单 ${e.number} 的${CLOCK_LABELS[e.clock] ?? e.clock}时限已超时`, clock: e.clock, dueAt: new Date(e.dueAt) };
    }
  }
}
