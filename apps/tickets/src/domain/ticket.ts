import type { Channel } from '@cs/contracts';

export type TicketStatus = 'new' | 'dispatched' | 'in_progress' | 'awaiting_customer' | 'resolved' | 'closed';

export interface TicketUnit {
  readonly projectCode?: string;
  readonly building?: string;
  readonly room?: string;
}

/** 工单 — what the call center owes a customer for one matter, from first contact to close. */
export interface Ticket {
  readonly id: string;
  readonly number: string;
  readonly contactId: string;
  readonly customerId: string;
  readonly channel: Channel;
  readonly sectionCode?: string;
  readonly itemCode?: string;
  readonly unit: TicketUnit;
  /** 首问责任人 — the agent who first received the matter owns it until it is closed. */
  readonly ownerId: string;
  readonly status: TicketStatus;
  readonly createdAt: Date;
}

/** The catalogue section is the first part of an item code: `repair.public_area` → `repair`. */
export function sectionOf(itemCode: string | undefined): string | undefined {
  return itemCode?.split('.')[0];
}

export function openTicket(init: {
  id: string;
  number: string;
  contactId: string;
  customerId: string;
  channel: Channel;
  itemCode?: string;
  unit: TicketUnit;
  ownerId: string;
  at: Date;
}): Ticket {
  const sectionCode = sectionOf(init.itemCode);
  return {
    id: init.id,
    number: init.number,
    contactId: init.contactId,
    customerId: init.customerId,
    channel: init.channel,
    ...(init.itemCode ? { itemCode: init.itemCode } : {}),
    ...(sectionCode ? { sectionCode } : {}),
    unit: init.unit,
    ownerId: init.ownerId,
    status: 'new',
    createdAt: init.at,
  };
}
