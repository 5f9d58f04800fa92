import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { scopedProjects } from '@cs/auth';
import { DomainError } from '@cs/ddd';
import { RequestValidationError, decodeKeysetCursor, encodeKeysetCursor } from '@cs/platform';
import { ContactFilter, ContactRepository } from '../infrastructure/contact.repository';
import { ContactView, presentContacts } from './contact-presentation';
import { AccessContext, scopeOf } from './pii-access';

export interface ContactQuery {
  readonly customerId?: string;
  readonly ticketId?: string;
  readonly cursor?: string;
  readonly limit: number;
}

/** Exactly one of customerId and ticketId: a contact list is always someone's or some matter's. */
function filterOf(query: ContactQuery): ContactFilter {
  if (query.customerId && !query.ticketId) return { customerId: query.customerId };
  if (query.ticketId && !query.customerId) return { ticketId: query.ticketId };
  throw new RequestValidationError(
    [{ field: query.customerId ? 'ticketId' : 'customerId', code: 'exactly_one_of', params: { fields: ['customerId', 'ticketId'] } }],
    'CONTACT.FILTER_REQUIRED',
  );
}

/**
 * 来电记录 — what customers said, read by the users who serve the contact's project (ADR 0006);
 * another project's contact is not found. Unmasked reads are logged in their transaction.
 */
@Injectable()
export class ReadContacts {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contacts: ContactRepository,
  ) {}

  async byId(id: string, access: AccessContext): Promise<ContactView> {
    return this.dataSource.transaction(async (tx) => {
      const contact = await this.contacts.findVisible(tx, id, scopedProjects(scopeOf(access)));
      if (!contact) throw new DomainError('CONTACT.NOT_FOUND', 'not_found', `contact ${id} not found`);
      return (await presentContacts(tx, [contact], access))[0]!;
    });
  }

  async list(query: ContactQuery, access: AccessContext): Promise<{ items: ContactView[]; nextCursor?: string }> {
    const filter = filterOf(query);
    const at = query.cursor ? decodeKeysetCursor(query.cursor, 'CONTACT.BAD_CURSOR') : undefined;
    const after = at ? { occurredAt: new Date(at.key), id: at.id } : undefined;
    return this.dataSource.transaction(async (tx) => {
      const found = await this.contacts.page(tx, filter, scopedProjects(scopeOf(access)), after, query.limit + 1);
      const page = found.slice(0, query.limit);
      const last = found.length > query.limit ? page[page.length - 1] : undefined;
      return {
        items: await presentContacts(tx, page, access),
        ...(last ? { nextCursor: encodeKeysetCursor({ key: last.occurredAt.toISOString(), id: last.id }) } : {}),
      };
    });
  }
}
