import type { CallbackScheduledV1, EventData, IncidentUpdatedV1, ReportGeneratedV1 } from '@cs/contracts';
import { NOTIFICATION_KINDS } from './notification';

/**
 * Messages that leave the company through its webhooks and are no staff alert: a questionnaire
 * link for a customer (回访问卷), handed to the SMS / e-mail gateway; an incident's progress
 * for each customer who called about it (群发事件进展通报), handed to the SMS / WeChat gateway; and a
 * periodic report (月报/周报) for its subscribers. None is shown in a staff inbox.
 */
export const OUTBOUND_MESSAGE_KINDS = ['callback_questionnaire', 'report_generated', 'incident_update'] as const;
export type OutboundMessageKind = (typeof OUTBOUND_MESSAGE_KINDS)[number];

/** Every kind a webhook subscription may ask for: staff alerts and outbound messages. */
export const WEBHOOK_KINDS = [...NOTIFICATION_KINDS, ...OUTBOUND_MESSAGE_KINDS] as const;
export type WebhookKind = (typeof WEBHOOK_KINDS)[number];

/** What the message is about, by the id its producer gave it. */
export interface MessageSubject {
  readonly type: 'callback' | 'report' | 'incident';
  readonly id: string;
}

/**
 * One message for the subscribers of its kind. `projectCode` scopes it like a notification: a
 * project's subscriptions and the unrestricted ones receive it; without one, only unrestricted
 * subscriptions do. `body` is what the receiver gets, and carries no personal data: a gateway
 * looks the customer's contact up by `customerId` itself.
 */
export interface OutboundMessage {
  readonly id: string;
  readonly kind: OutboundMessageKind;
  readonly title: string;
  readonly subject: MessageSubject;
  readonly projectCode?: string;
  readonly body: Readonly<Record<string, unknown>>;
  readonly occurredAt: Date;
}

/**
 * A questionnaire callback's link, to be sent to its customer; undefined for any other callback,
 * and for a link already expired when the event is handled — a consumer catching up on old
 * events (a new subscription to the topic reads it from the beginning) must not text customers
 * links the questionnaire page would refuse.
 */
export function questionnaireMessageOf(id: string, data: EventData<typeof CallbackScheduledV1>, now: Date): OutboundMessage | undefined {
  if (!data.questionnaire || new Date(data.questionnaire.expiresAt) <= now) return undefined;
  return {
    id,
    kind: 'callback_questionnaire',
    title: '回访问卷链接',
    subject: { type: 'callback', id: data.callbackId },
    ...(data.projectCode ? { projectCode: data.projectCode } : {}),
    body: {
      callbackId: data.callbackId,
      customerId: data.customerId,
      ...(data.projectCode ? { projectCode: data.projectCode } : {}),
      method: data.method,
      url: data.questionnaire.url,
      expiresAt: data.questionnaire.expiresAt,
    },
    occurredAt: new Date(data.at),
  };
}

const REPORT_TITLES: Readonly<Record<EventData<typeof ReportGeneratedV1>['kind'], string>> = { monthly: '月报', weekly: '周报' };

/**
 * A generated report for its subscribers: the period, where to fetch it and in which formats,
 * and the headline figures the event already made company-wide. Reports are company-wide, so
 * the message names no project and reaches unrestricted subscriptions only.
 */
export function reportMessageOf(id: string, data: EventData<typeof ReportGeneratedV1>): OutboundMessage {
  return {
    id,
    kind: 'report_generated',
    title: `${REPORT_TITLES[data.kind]} ${data.period}`,
    subject: { type: 'report', id: data.reportId },
    body: {
      reportId: data.reportId,
      reportKind: data.kind,
      period: data.period,
      from: data.from,
      to: data.to,
      generatedAt: data.generatedAt,
      url: data.url,
      formats: [...data.formats],
      // One path serves every format, chosen by the Accept header, so each link is that path and the type to ask for.
      links: data.formats.map((format) => ({ href: data.url, accept: format })),
      headline: { ...data.headline },
    },
    occurredAt: new Date(data.generatedAt),
  };
}

/**
 * An incident's update, one message per customer the tickets service named (each child's
 * customer once), keyed by the update's event and the customer so a redelivered event sends none
 * twice. The gateway looks each customer's phone or WeChat up by `customerId`.
 */
export function incidentUpdateMessagesOf(eventId: string, data: EventData<typeof IncidentUpdatedV1>, newId: () => string): { sourceId: string; message: OutboundMessage }[] {
  return data.recipients.map((recipient) => ({
    sourceId: `${eventId}/${recipient.customerId}`,
    message: {
      id: newId(),
      kind: 'incident_update',
      title: data.title,
      subject: { type: 'incident', id: data.incidentId },
      projectCode: data.projectCode,
      body: {
        incidentId: data.incidentId,
        number: data.number,
        updateId: data.updateId,
        sequence: data.sequence,
        customerId: recipient.customerId,
        ticketId: recipient.ticketId,
        projectCode: data.projectCode,
        ...(data.building ? { building: data.building } : {}),
        itemCode: data.itemCode,
        message: data.message,
        ...(data.expectedRestoreAt ? { expectedRestoreAt: data.expectedRestoreAt } : {}),
      },
      occurredAt: new Date(data.at),
    },
  }));
}

/** The body of every delivery of a message, with the same envelope as a notification's: id, kind, title, time. */
export function messagePayloadOf(m: OutboundMessage): string {
  return JSON.stringify({ id: m.id, kind: m.kind, title: m.title, ...m.body, occurredAt: m.occurredAt.toISOString() });
}
