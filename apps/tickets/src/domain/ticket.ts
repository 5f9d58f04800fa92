import type { PromiseTier, TicketChannel } from '@cs/contracts';
import { presentProps } from '@cs/ddd';
import type { ItemPlace } from './catalogue';
import type { ApprovedReply, RequestedOpinion } from './complaint-research';
import type { SlaClock } from './sla-clock';
import type { SuggestionHandling } from './suggestion';
import type { Grade, Lifecycle, Priority } from './ticket-lifecycle';

export type { TicketStatus } from './ticket-lifecycle';

export interface TicketUnit {
  readonly projectCode?: string;
  readonly building?: string;
  readonly room?: string;
}

/** 工单 — what the call center owes a customer for one matter, from first contact to close. */
export interface Ticket extends Lifecycle {
  readonly id: string;
  readonly number: string;
  readonly contactId: string;
  readonly customerId: string;
  /** Masked (张*): tickets never hold a customer's personal data. */
  readonly customerName: string;
  readonly channel: TicketChannel;
  readonly sectionCode?: string;
  readonly itemCode?: string;
  readonly unit: TicketUnit;
  /**
   * Where the record must say the matter happened, as the catalogue asked of its item when the
   * ticket was classified; absent for a ticket classified before catalogues said it (its item's
   * section decides, `defaultPlace`) or of no item.
   */
  readonly recordPlace?: ItemPlace;
  /** 首问责任人 — the agent who first received the matter owns it until it is closed. */
  readonly ownerId: string;
  readonly priority: Priority;
  readonly promisedReply?: PromiseTier;
  /** 催办次数 — contacts about this matter after the one that opened it. */
  readonly repeatContactCount: number;
  readonly policyId?: string;
  readonly clocks: readonly SlaClock[];
  /** The unified answer (统一答复) an invalid matter was explained with. */
  readonly unifiedAnswerId?: string;
  /** 建议 — present once a suggestion's handling began. */
  readonly suggestion?: SuggestionHandling;
  /** Opinions asked while researching a complaint's answer, in the order asked. */
  readonly opinions?: readonly RequestedOpinion[];
  readonly approvedReply?: ApprovedReply;
  /** 群发事件 — the incident this ticket is a child of: its clocks stop, and it is resolved with it. */
  readonly incidentId?: string;
  /** How many times it had been reopened when it joined its incident: reopened since, it is handled on its own again (ADR 0037). */
  readonly reopensWhenJoined?: number;
  /** 周期工单 — the schedule occurrence that opened it, when no customer did. */
  readonly origin?: ScheduledOrigin;
  /** 工单合并 — the ticket this duplicate was merged into; a merged ticket is closed and read-only. */
  readonly mergedInto?: string;
  /** When the customer raised the matter; SLA clocks count from here. */
  readonly occurredAt: Date;
  readonly createdAt: Date;
  readonly version: number;
}

/** A recurring schedule's occurrence: `occurrenceOn` is the day its rule named (YYYY-MM-DD). */
export interface ScheduledOrigin {
  readonly kind: 'schedule';
  readonly scheduleId: string;
  readonly occurrenceOn: string;
}

/** 重大投诉 — a complaint graded major. */
export const isMajorComplaint = (t: Pick<Ticket, 'grade' | 'sectionCode'> | undefined): boolean => t?.grade === 'major' && t.sectionCode === 'complaint';

/** The catalogue section is the first part of an item code: `repair.public_area` → `repair`. */
export function sectionOf(itemCode: string | undefined): string | undefined {
  return itemCode?.split('.')[0];
}

export function openTicket(init: {
  id: string;
  number: string;
  contactId: string;
  customerId: string;
  customerName: string;
  channel: TicketChannel;
  itemCode?: string;
  recordPlace?: ItemPlace;
  unit: TicketUnit;
  ownerId: string;
  grade?: Grade;
  priority?: Priority;
  promisedReply?: PromiseTier;
  occurredAt?: Date;
  origin?: ScheduledOrigin;
  at: Date;
}): Ticket {
  const sectionCode = sectionOf(init.itemCode);
  return {
    id: init.id,
    number: init.number,
    contactId: init.contactId,
    customerId: init.customerId,
    customerName: init.customerName,
    channel: init.channel,
    ...presentProps({ itemCode: init.itemCode, sectionCode }),
    ...(init.itemCode && init.recordPlace ? { recordPlace: init.recordPlace } : {}),
    unit: init.unit,
    ownerId: init.ownerId,
    status: 'new',
    validity: 'pending',
    grade: init.grade ?? 'general',
    priority: init.priority ?? 'normal',
    ...presentProps({ promisedReply: init.promisedReply, origin: init.origin }),
    reopenCount: 0,
    extensionCount: 0,
    escalationLevel: 0,
    repeatContactCount: 0,
    clocks: [],
    occurredAt: init.occurredAt && init.occurredAt < init.at ? init.occurredAt : init.at,
    createdAt: init.at,
    version: 1,
  };
}
