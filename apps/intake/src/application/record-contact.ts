import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { ALL_PROJECTS, Principal, ProjectScope, canAccessProject, projectScopeOf, scopedProjects } from '@cs/auth';
import { Channel, ContactFollowedUpV1, ContactReceivedV1, GRADES, PRIORITIES, PromiseTier } from '@cs/contracts';
import { DomainError, presentProps } from '@cs/ddd';
import { OutboxWriter } from '@cs/messaging';
import { isUniqueViolation } from '@cs/persistence';
import { OUTBOX } from '@cs/platform';
import { AttachmentRef, validateAttachments } from '../domain/attachments';
import { contentSummary, validateNewContact } from '../domain/contact';
import { ContactRoute, routeContact, routedByOpenTickets } from '../domain/contact-routing';
import { UnitRelation, assertUnitNamesAPlace } from '../domain/customer';
import { maskName } from '../domain/masking';
import { normalizePhone } from '../domain/phone-number';
import { ContactRepository } from '../infrastructure/contact.repository';
import { newMatterPart, openTicketsOf, survivingTicket, ticketKnownIn } from '../infrastructure/known-tickets';
import { ActiveItems } from '../infrastructure/active-items';
import { ResolveCustomer } from './resolve-customer';

export interface RecordContactCommand {
  readonly channel: Channel;
  readonly direction?: 'inbound' | 'outbound';
  readonly content: string;
  readonly occurredAt?: Date;
  readonly customer: {
    readonly name?: string;
    readonly phone?: string;
    readonly email?: string;
    readonly projectCode?: string;
    readonly building?: string;
    readonly room?: string;
    readonly relation?: UnitRelation;
  };
  readonly itemCode?: string;
  readonly ticketId?: string;
  readonly attachments?: readonly AttachmentRef[];
  /** Set for gateway deliveries: the gateway's message id, unique per channel. */
  readonly externalId?: string;
  readonly promisedReply?: PromiseTier;
  readonly grade?: (typeof GRADES)[number];
  readonly priority?: (typeof PRIORITIES)[number];
}

export interface RecordedContact {
  readonly id: string;
  readonly customerId: string;
  readonly route: ContactRoute['kind'];
  readonly ticketId?: string;
}

function duplicateDelivery(externalId: string, contactId: string | undefined): DomainError {
  return new DomainError('CONTACT.DUPLICATE_DELIVERY', 'conflict', `message ${externalId} was already recorded`, undefined, presentProps({ contactId }));
}

/** Who recorded the contact: an agent (the first-contact owner) or a channel gateway. */
export type Recorder = { readonly kind: 'agent'; readonly principal: Principal } | { readonly kind: 'gateway'; readonly channel: Channel };

/**
 * Records a contact from any channel and announces it: a new matter as `contact.received`
 * (the tickets service opens a ticket), a follow-up as `contact.followed_up`. The customer,
 * the contact and the event commit together or not at all.
 */
@Injectable()
export class RecordContact {
  constructor(
    private readonly dataSource: DataSource,
    private readonly resolveCustomer: ResolveCustomer,
    private readonly contacts: ContactRepository,
    @Inject(OUTBOX) private readonly outbox: OutboxWriter,
    private readonly activeItems: ActiveItems<EntityManager>,
  ) {}

  async execute(command: RecordContactCommand, recorder: Recorder, now = new Date()): Promise<RecordedContact> {
    const occurredAt = command.occurredAt ?? now;
    const recordedBy = recorder.kind === 'agent' ? recorder.principal.sub : `gateway:${recorder.channel}`;
    validateNewContact({ channel: command.channel, content: command.content, occurredAt, recordedBy }, now);
    validateAttachments(command.attachments ?? []);
    assertUnitNamesAPlace(command.customer, 'CONTACT.PERSONAL_DATA', 'customer.');
    const phone = this.phoneOf(command);
    if (!phone && !command.customer.email) {
      throw new DomainError('CONTACT.CUSTOMER_UNIDENTIFIED', 'invalid', 'a phone or an email is needed to know the customer', 'customer.phone', undefined, {
        code: 'required',
      });
    }
    const projectCode = command.customer.projectCode;
    if (recorder.kind === 'agent' && projectCode && !canAccessProject(recorder.principal, projectCode)) {
      throw new DomainError('CONTACT.PROJECT_NOT_SERVED', 'forbidden', `you do not serve project ${projectCode}`, 'customer.projectCode');
    }

    // An agent acts within their projects. Gateways deliver for every project, but one naming a
    // project acts within it as its agent would: a caller known only to another project's record
    // starts one of their own there (ADR 0006), rather than joining that record and showing it here.
    const scope = recorder.kind === 'agent' ? projectScopeOf(recorder.principal) : projectCode ? { all: false as const, projects: [projectCode] } : ALL_PROJECTS;
    try {
      return await this.record(command, recorder, { occurredAt, recordedBy, phone, scope }, now);
    } catch (error) {
      // Two deliveries of one message at the same moment both pass the check before the write;
      // the index lets one in, and the other is the duplicate it is.
      if (command.externalId && isUniqueViolation(error, 'contacts_external_idx')) {
        throw duplicateDelivery(command.externalId, await this.contacts.findIdByExternalId(this.dataSource.manager, command.channel, command.externalId));
      }
      throw error;
    }
  }

  private record(
    command: RecordContactCommand,
    recorder: Recorder,
    { occurredAt, recordedBy, phone, scope }: { occurredAt: Date; recordedBy: string; phone: string | undefined; scope: ProjectScope },
    now: Date,
  ): Promise<RecordedContact> {
    const projectCode = command.customer.projectCode;
    return this.dataSource.transaction(async (tx) => {
      await this.checkReferences(tx, command, scope);
      if (command.externalId) {
        const existing = await this.contacts.findIdByExternalId(tx, command.channel, command.externalId);
        if (existing) throw duplicateDelivery(command.externalId, existing);
      }
      const unit = projectCode
        ? {
            projectCode,
            ...presentProps({ building: command.customer.building, room: command.customer.room }),
            relation: command.customer.relation ?? 'owner',
          }
        : undefined;
      const { customer, registered } = await this.resolveCustomer.resolve(
        tx,
        { name: command.customer.name, phone, email: command.customer.email, unit },
        scope,
        now,
      );
      // A ticket merged into another is followed up on the survivor.
      const namedTicket = command.ticketId ? await survivingTicket(tx, command.ticketId) : undefined;
      const routing = { customerId: customer.id, itemCode: command.itemCode, ticketId: namedTicket, projectCode };
      // A record this contact started has no tickets to follow up.
      const route = routeContact(routing, routedByOpenTickets(routing) && !registered ? await openTicketsOf(tx, customer.id, scopedProjects(scope)) : []);
      const id = randomUUID();
      // A new matter's ticket id is named here, so the matter is open to follow-ups at once.
      const named = route.kind === 'new_matter' ? ({ kind: 'new_matter', ticketId: randomUUID() } as const) : route;
      const contact = this.contacts.insertPart({
        id,
        customerId: customer.id,
        channel: command.channel,
        direction: command.direction ?? 'inbound',
        occurredAt,
        recordedBy,
        unit: unit ?? {},
        content: command.content,
        // The contact knows its matter either way, so a ticket's contacts can be read from here.
        ticketId: named.ticketId,
        route: route.kind,
        attachments: command.attachments ?? [],
        source: recorder.kind === 'agent' ? 'agent' : 'webhook',
        ...presentProps({ itemCode: command.itemCode, externalId: command.externalId }),
      });
      // Nothing reads them before the commit: they go in the statement that writes the events.
      await this.outbox.writeAtCommit(
        tx,
        named.kind === 'new_matter'
          ? [newMatterPart({ ticketId: named.ticketId, customerId: customer.id, itemCode: command.itemCode, projectCode, openedAt: now }), contact]
          : [contact],
      );
      await this.announce(tx, named, {
        id,
        customerId: customer.id,
        customerName: customer.name,
        command,
        occurredAt,
        recordedBy,
      });
      return { id, customerId: customer.id, route: route.kind, ...(route.kind === 'follow_up' ? { ticketId: route.ticketId } : {}) };
    });
  }

  private phoneOf(command: RecordContactCommand): string | undefined {
    if (!command.customer.phone) return undefined;
    const phone = normalizePhone(command.customer.phone);
    if (!phone) throw new DomainError('CONTACT.INVALID_PHONE', 'invalid', 'not a valid phone number', 'customer.phone', undefined, { code: 'invalid_phone' });
    return phone;
  }

  private async checkReferences(tx: EntityManager, command: RecordContactCommand, scope: ProjectScope): Promise<void> {
    if (command.itemCode && !(await this.activeItems.isActive(tx, command.itemCode))) {
      throw new DomainError('CONTACT.UNKNOWN_ITEM', 'invalid', `unknown or inactive catalogue item "${command.itemCode}"`, 'itemCode', undefined, {
        code: 'unknown_reference',
      });
    }
    if (command.ticketId && !(await ticketKnownIn(tx, command.ticketId, scopedProjects(scope)))) {
      throw new DomainError('CONTACT.UNKNOWN_TICKET', 'invalid', `unknown ticket ${command.ticketId}`, 'ticketId', undefined, { code: 'unknown_reference' });
    }
  }

  private async announce(
    tx: EntityManager,
    route: Exclude<ContactRoute, { kind: 'new_matter' }> | { readonly kind: 'new_matter'; readonly ticketId: string },
    c: { id: string; customerId: string; customerName: string; command: RecordContactCommand; occurredAt: Date; recordedBy: string },
  ): Promise<void> {
    const summary = contentSummary(c.command.content);
    // Keyed by the matter (its ticket's id), not the contact: a follow-up then shares a partition
    // with the contact that opened its matter and is never read before it.
    if (route.kind === 'follow_up') {
      await this.outbox.append(tx, ContactFollowedUpV1, route.ticketId, {
        contactId: c.id,
        ticketId: route.ticketId,
        customerId: c.customerId,
        channel: c.command.channel,
        occurredAt: c.occurredAt.toISOString(),
        recordedBy: c.recordedBy,
        reason: route.reason,
        summary,
      });
      return;
    }
    const { projectCode, building, room } = c.command.customer;
    await this.outbox.append(tx, ContactReceivedV1, route.ticketId, {
      contactId: c.id,
      ticketId: route.ticketId,
      customerId: c.customerId,
      customerNameMasked: maskName(c.customerName),
      channel: c.command.channel,
      direction: c.command.direction ?? 'inbound',
      occurredAt: c.occurredAt.toISOString(),
      recordedBy: c.recordedBy,
      unit: presentProps({ projectCode, building, room }),
      ...presentProps({ itemCode: c.command.itemCode }),
      summary,
      ...presentProps({ promisedReply: c.command.promisedReply, grade: c.command.grade, priority: c.command.priority }),
    });
  }
}
