/** A ticket of the customer's that intake knows of, from the tickets service's events. */
export interface KnownTicket {
  readonly ticketId: string;
  readonly customerId: string;
  readonly itemCode?: string;
  readonly projectCode?: string;
  readonly open: boolean;
  readonly openedAt: Date;
}

export type ContactRoute =
  | { readonly kind: 'new_matter' }
  | { readonly kind: 'follow_up'; readonly ticketId: string; readonly reason: 'ticket_named' | 'same_item_open_ticket' };

/**
 * New matter or follow-up (催办/查询)? A contact that names a ticket follows it up; so does one
 * from the same customer about the same catalogue item (and the same project, when the contact
 * names one) while one of their tickets for it is still open (the most recent, if several).
 * Everything else opens a new matter.
 */
export function routeContact(
  contact: { readonly customerId: string; readonly itemCode?: string; readonly ticketId?: string; readonly projectCode?: string },
  customerTickets: readonly KnownTicket[],
): ContactRoute {
  if (contact.ticketId) return { kind: 'follow_up', ticketId: contact.ticketId, reason: 'ticket_named' };
  if (!routedByOpenTickets(contact)) return { kind: 'new_matter' };
  const open = customerTickets
    .filter((t) => t.open && t.customerId === contact.customerId && t.itemCode === contact.itemCode)
    .filter((t) => !contact.projectCode || !t.projectCode || t.projectCode === contact.projectCode)
    .sort((a, b) => b.openedAt.getTime() - a.openedAt.getTime());
  return open[0] ? { kind: 'follow_up', ticketId: open[0].ticketId, reason: 'same_item_open_ticket' } : { kind: 'new_matter' };
}

/** Whether routing looks at the customer's open tickets: a contact naming its ticket, or about no item, never does. */
export function routedByOpenTickets(contact: { readonly itemCode?: string; readonly ticketId?: string }): boolean {
  return !contact.ticketId && Boolean(contact.itemCode);
}
