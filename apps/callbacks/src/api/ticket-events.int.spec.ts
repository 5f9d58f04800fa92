import { randomUUID } from 'node:crypto';
import { TicketEscalatedV1 } from '@cs/contracts';
import { OutboxWriter, newEvent } from '@cs/messaging';
import { CalendarReplica, ConsumerStep, consumeInOneTransaction } from '@cs/platform';
import { ThrowawaySchema, throwawaySchema } from '@cs/testing';
import { CallbackWriter } from '../application/callback-writer';
import { CancelOnReopen } from '../application/cancel-on-reopen';
import { ReportMissedCallbacks } from '../application/report-missed-callbacks';
import { ScheduleAfterResolution } from '../application/schedule-after-resolution';
import { CallbackPolicyRepository } from '../infrastructure/callback-policy.repository';
import { CallbackTimerRepository } from '../infrastructure/callback-timer.repository';
import { CallbackRepository } from '../infrastructure/callback.repository';
import { MIGRATIONS } from '../infrastructure/migrations';
import { MissedCallbacksRepository } from '../infrastructure/missed-callbacks.repository';
import { QuestionnaireLinks } from '../infrastructure/questionnaire-links';
import { ticketCreatedEvent, ticketResolvedEvent } from '../testing/ticket-events';
import { TicketEventsController } from './ticket-events.controller';

let db: ThrowawaySchema;
let events: TicketEventsController;
const callbacks = new CallbackRepository();

const hours = (): [string, string][] => [['09:00', '18:00']];
const WEEKDAYS = { timezone: 'Asia/Shanghai', workingHours: { mon: hours(), tue: hours(), wed: hours(), thu: hours(), fri: hours(), sat: [], sun: [] }, holidays: [], workingDays: [] };

beforeAll(async () => {
  db = await throwawaySchema('callbacks_ticket_events', MIGRATIONS);
  const policies = new CallbackPolicyRepository();
  const missed = new MissedCallbacksRepository();
  const links = new QuestionnaireLinks({ questionnaire: { secret: 'a-test-secret-of-at-least-32-characters', baseUrl: 'https://cs.example.com', ttlSeconds: 3600 } });
  const writer = new CallbackWriter(callbacks, new CallbackTimerRepository(), links, missed, new OutboxWriter(db.schema, '/cs/callbacks'));
  const replica = new CalendarReplica(db.dataSource);
  events = new TicketEventsController(new ScheduleAfterResolution(callbacks, policies, replica, writer), new CancelOnReopen(callbacks, writer), new ReportMissedCallbacks(policies, missed), replica);
  await db.dataSource.transaction(async (tx) => {
    await replica.apply(tx, { calendarId: 'weekdays', version: 1, document: WEEKDAYS, at: new Date().toISOString() });
    await policies.replace(
      tx,
      [
        { id: 'complaint', name: 'complaint', match: { sections: ['complaint'] }, calendarId: 'weekdays', dueWorkingDays: 2, method: 'phone', attemptsAllowed: 3, retrySpacingMinutes: 60, assignTo: 'first_contact_owner', required: true },
        { id: 'major', name: 'major complaint', match: { sections: ['complaint'], grades: ['major'] }, calendarId: 'weekdays', dueWorkingDays: 1, method: 'phone', attemptsAllowed: 3, retrySpacingMinutes: 60, assignTo: 'project_pool', required: true },
      ],
      undefined,
    );
  });
});

afterAll(async () => {
  await db?.drop();
});

/**
 * A complaint opened by agent-9 and its resolution, as consumer steps; a schedule's ticket (周期工单)
 * when `scheduleId` is given; found a major complaint between the two when `major`.
 */
function openedAndResolved(o: { scheduleId?: string; major?: boolean } = {}): { ticketId: string; steps: ConsumerStep[] } {
  const { ticket, created } = ticketCreatedEvent({ ownerId: 'agent-9', createdAt: new Date('2026-12-01T01:00:00.000Z'), ...(o.scheduleId ? { scheduleId: o.scheduleId } : {}) });
  const escalated = newEvent(TicketEscalatedV1, {
    source: '/cs/tickets',
    subject: ticket.ticketId,
    data: { ticketId: ticket.ticketId, number: 'TK-20260930-000001', customerId: ticket.customerId, status: 'in_progress', projectCode: ticket.project, at: '2026-12-01T02:00:00.000Z', by: 'sup-1', level: 1, reason: 'major_complaint', notify: { roles: ['supervisor'] } },
  });
  const resolved = ticketResolvedEvent(ticket, new Date('2026-12-01T03:00:00.000Z'));
  const steps: ConsumerStep[] = [[created, (context) => events.ticketCreated(created, context)]];
  if (o.major) steps.push([escalated, (context) => events.ticketEscalated(escalated, context)]);
  steps.push([resolved, (context) => events.ticketResolved(resolved, context)]);
  return { ticketId: ticket.ticketId, steps };
}

const callbacksOf = async (ticketId: string) => (await callbacks.list(db.dataSource.manager, { limit: 200 }, undefined)).filter((c) => c.ticketId === ticketId);

describe('ticket events of one consumer transaction', () => {
  it('Given a ticket opened and resolved in one transaction, Then the resolution reads the ticket written before it: its callback goes to the ticket’s owner', async () => {
    const { ticketId, steps } = openedAndResolved();
    await consumeInOneTransaction(db.dataSource, steps);
    expect(await callbacksOf(ticketId)).toEqual([expect.objectContaining({ status: 'due', assignee: 'agent-9', policyId: 'complaint' })]);
  });

  it('Given a complaint opened, found major and resolved in one transaction, Then the major complaints’ policy calls it back: the escalation graded the ticket written before it', async () => {
    const { ticketId, steps } = openedAndResolved({ major: true });
    await consumeInOneTransaction(db.dataSource, steps);
    const [callback] = await callbacksOf(ticketId);
    expect(callback).toMatchObject({ status: 'due', policyId: 'major' });
    expect(callback?.assignee).toBeUndefined();
  });

  it('Given a schedule’s ticket (周期工单) opened and resolved in one transaction, Then nobody is called back', async () => {
    const { ticketId, steps } = openedAndResolved({ scheduleId: randomUUID() });
    await consumeInOneTransaction(db.dataSource, steps);
    expect(await callbacksOf(ticketId)).toEqual([]);
  });
});
