import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { scopedProjects } from '@cs/auth';
import { selectTogether } from '@cs/persistence';
import { RequestValidationError, onOneConnection } from '@cs/platform';
import type { CustomerView } from '../domain/customer';
import { DeskTicket, deadlineStateAt } from '../domain/desk-ticket';
import { normalizePhone } from '../domain/phone-number';
import { ContactRepository } from '../infrastructure/contact.repository';
import { CustomerRepository } from '../infrastructure/customer.repository';
import { KnownCallback, latestCallbacksOf } from '../infrastructure/known-callbacks';
import { openTicketsForDesk } from '../infrastructure/known-tickets';
import { ContactView, presentContacts } from './contact-presentation';
import { AccessContext, presentCustomers, scopeOf } from './pii-access';
import { visibleCustomers } from './read-customers';

/** How much history the desk shows per customer. */
export const DESK_HISTORY = 5;

/** One customer holding the calling phone, with what the agent needs before saying hello. */
export interface CallerCard {
  readonly customer: CustomerView;
  readonly openTickets: readonly DeskTicket[];
  readonly lastContacts: readonly ContactView[];
  readonly lastCallbacks: readonly KnownCallback[];
}

/**
 * 来电弹屏 — who is calling: the customers holding the phone that the agent may see (one record
 * per project team, ADR 0006), each with their open tickets and deadlines, last contacts and last
 * callbacks. On the path of every incoming call, so it reads in two statements whatever the
 * history's length — the phone's customers, then their tickets, contacts and callbacks together
 * (`selectTogether`: a round trip each was most of what these small indexed reads cost) — on one
 * connection without a transaction's two extra round trips; unmasked personal data is logged as
 * for any read.
 */
@Injectable()
export class LookUpCaller {
  constructor(
    private readonly dataSource: DataSource,
    private readonly customers: CustomerRepository,
    private readonly contacts: ContactRepository,
  ) {}

  async byPhone(rawPhone: string, access: AccessContext, now = new Date()): Promise<CallerCard[]> {
    const phone = normalizePhone(rawPhone);
    // A malformed query, not a business refusal: 400 like any other bad query parameter.
    if (!phone) throw new RequestValidationError([{ field: 'phone', code: 'invalid_phone' }], 'CUSTOMER.INVALID_PHONE');
    const scope = scopeOf(access);
    const projects = scopedProjects(scope);
    return onOneConnection(this.dataSource, async (tx) => {
      const found = visibleCustomers(await this.customers.findByPhone(tx, phone), scope);
      if (found.length === 0) return [];
      const ids = found.map((c) => c.id);
      const params: unknown[] = [];
      const history = await selectTogether(
        tx,
        {
          tickets: openTicketsForDesk(params, ids, projects),
          contacts: this.contacts.latestOf(params, ids, projects, DESK_HISTORY),
          callbacks: latestCallbacksOf(params, ids, projects, DESK_HISTORY),
        },
        params,
      );
      const views = await presentCustomers(tx, found, access);
      const contacts = await presentContacts(tx, history.contacts, access);
      const { tickets, callbacks } = history;
      return views.map((customer) => ({
        customer,
        openTickets: tickets
          .filter((t) => t.customerId === customer.id)
          .map(({ customerId: _customerId, ...t }) => ({ ...t, slaState: deadlineStateAt(t, now) })),
        lastContacts: contacts.filter((c) => c.customerId === customer.id),
        lastCallbacks: callbacks.filter((c) => c.customerId === customer.id),
      }));
    });
  }
}
