import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, presentProps, versionConflict } from '@cs/ddd';
import { redactOptional } from '@cs/privacy';
import type { Ticket } from '../domain/ticket';
import { Actor, assertMayDo, canSee } from '../domain/ticket-access';
import type { TicketEvent } from '../domain/ticket-events';
import { evolveAll } from '../domain/ticket-evolve';
import { decideMerge } from '../domain/ticket-merge';
import type { HistoryAction } from '../domain/history-actions';
import type { SlaPolicy } from '../domain/sla-policy';
import type { CalendarLookup } from '../domain/ticket-sla';
import { SlaPolicyRepository } from '../infrastructure/sla-policy.repository';
import { moveContacts } from '../infrastructure/ticket-contacts';
import { TicketRepository } from '../infrastructure/ticket.repository';
import { CALENDAR_SOURCE, CalendarSource, policiesAndCalendarsOf } from './calendar-source';
import { TicketWriter } from './ticket-writer';

/** 工单合并 — which duplicate to fold into the survivor, at which of its versions, and why. */
export interface MergeCommand {
  readonly ticketId: string;
  readonly ticketVersion?: number;
  readonly reason?: string;
}

const staleVersion = (ticket: Ticket, expected: number, field?: string) =>
  versionConflict('TICKET.VERSION_CONFLICT', `ticket ${ticket.number} is at version ${ticket.version}, not ${expected}; reload it`, ticket.version, field);

/**
 * Merges a duplicate into the survivor in one transaction: both rows locked (in id order, so
 * two merges of the same pair never deadlock), the rule decided, the duplicate's contacts
 * moved, each ticket saved with its history entry, and `ticket.merged` written to the outbox.
 */
@Injectable()
export class MergeTickets {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tickets: TicketRepository,
    private readonly policies: SlaPolicyRepository,
    private readonly writer: TicketWriter,
    @Inject(CALENDAR_SOURCE) private readonly calendarSource: CalendarSource,
  ) {}

  async execute(survivorId: string, actor: Actor, command: MergeCommand, expectedVersion?: number, now = new Date()): Promise<Ticket> {
    return this.dataSource.transaction(async (tx) => {
      const locked = new Map<string, Ticket | undefined>();
      for (const id of [survivorId, command.ticketId].sort()) locked.set(id, await this.tickets.find(tx, id, true));
      const survivor = locked.get(survivorId);
      const duplicate = locked.get(command.ticketId);
      if (!survivor || !canSee(actor, survivor)) throw new DomainError('TICKET.NOT_FOUND', 'not_found', `ticket ${survivorId} not found`);
      // The duplicate is named in the body: one the caller may not see is as unknown as a made-up id.
      if (!duplicate || !canSee(actor, duplicate)) {
        throw new DomainError('TICKET.UNKNOWN_TICKET', 'invalid', `unknown ticket ${command.ticketId}`, 'ticketId', undefined, { code: 'unknown_reference' });
      }
      assertMayDo(actor, survivor, 'merge');
      assertMayDo(actor, duplicate, 'merge');
      if (expectedVersion !== undefined && expectedVersion !== survivor.version) throw staleVersion(survivor, expectedVersion);
      if (command.ticketVersion !== undefined && command.ticketVersion !== duplicate.version) throw staleVersion(duplicate, command.ticketVersion, 'ticketVersion');
      const decision = decideMerge(survivor, duplicate, presentProps({ reason: redactOptional(command.reason) }), { at: now, by: actor.sub });
      if (decision instanceof DomainError) throw decision;
      // As a command's change counts (policiesAndCalendarsOf): the survivor's timers are planned
      // again, by the calendars as this transaction sees them, not as this replica's cache last did.
      const counting = await policiesAndCalendarsOf(this.policies, this.calendarSource, tx, [survivor, duplicate]);
      await moveContacts(tx, duplicate.id, survivor.id);
      const [merged] = decision.merged;
      await this.save(tx, duplicate, decision.merged, 'merged_into', { survivorId: survivor.id, survivorNumber: survivor.number, ...details(merged) }, now, counting);
      await this.tickets.markMerged(tx, duplicate.id, survivor.id);
      const [mergedIn] = decision.survivor;
      return this.save(tx, survivor, decision.survivor, 'merge', { mergedTicketId: duplicate.id, mergedNumber: duplicate.number, ...details(mergedIn) }, now, counting);
    });
  }

  private async save(
    tx: EntityManager,
    before: Ticket,
    events: readonly TicketEvent[],
    action: HistoryAction,
    historyDetails: object,
    now: Date,
    { policies, calendars }: { policies: ReadonlyMap<string, SlaPolicy>; calendars: CalendarLookup },
  ): Promise<Ticket> {
    const policy = before.policyId ? policies.get(before.policyId) : undefined;
    const after = evolveAll(before, events) ?? before;
    return this.writer.save(tx, before, after, events, { calendars, policy, now, history: { actor: events[0]?.by ?? 'system', action, details: historyDetails } });
  }
}

/** What both history entries say of the merge besides the other ticket. */
function details(event: { readonly contacts: number; readonly reason?: string }): object {
  return { contacts: event.contacts, ...presentProps({ reason: event.reason }) };
}
