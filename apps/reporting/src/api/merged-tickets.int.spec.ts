import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DEV_JWT_SECRET, signDevToken } from '@cs/auth';
import { TicketMergedV1 } from '@cs/contracts';
import { KpisController } from './kpis.controller';
import { created, delivered, onTicket, ticket } from '../testing/event-builders';
import { ReportingTestApp, reportingTestApp } from '../testing/reporting-test-app';
import { projectEvent } from '../application/project-event';
import { SummarizeTickets } from '../application/summarize-tickets';

/** 工单合并 — one customer's matter raised twice, the duplicate merged into the survivor: counted once. */
const survivor = ticket({ itemCode: 'repair.public_area', projectCode: 'P001', channel: 'phone', ownerId: 'agent-a', openedAt: '2026-12-01T02:00:00.000Z' });
const duplicate = ticket({ itemCode: 'repair.own_unit', projectCode: 'P001', channel: 'wechat', ownerId: 'agent-b', openedAt: '2026-12-01T03:00:00.000Z' });
const merged = delivered(TicketMergedV1, duplicate.id, {
  ...onTicket(duplicate, '2026-12-01T04:00:00.000Z'),
  status: 'closed',
  mergedTicketId: duplicate.id,
  survivorTicketId: survivor.id,
  survivorNumber: survivor.number,
  contactsMoved: 1,
});

let reporting: ReportingTestApp;
let app: NestFastifyApplication;

beforeAll(async () => {
  reporting = await reportingTestApp('reporting_merged', [created(survivor), created(duplicate), merged], [KpisController]);
  ({ app } = reporting);
});

afterAll(async () => {
  await reporting?.close();
});

async function get(url: string): Promise<Record<string, unknown>> {
  const token = await signDevToken({ roles: 'manager', sub: 'manager-1' }, DEV_JWT_SECRET);
  const response = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  expect(response.statusCode).toBe(200);
  return response.json<Record<string, unknown>>();
}

describe('a ticket merged into another', () => {
  it('given two tickets and one merged into the other, when the month is read, then the matter is received once, under the survivor', async () => {
    const kpis = await get('/v1/kpis?from=2026-12&groupBy=agent');
    expect(kpis['total']).toMatchObject({ received: 1 });
    expect((kpis['groups'] as { key: string }[]).map((g) => g.key)).toEqual(['agent-a']);
    const summary = await new SummarizeTickets(reporting.db.dataSource).execute({ from: new Date('2026-12-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z') }, undefined);
    expect(summary).toMatchObject({ ticketsOpened: 1, byChannel: { phone: 1 } });
  });

  it('given the merged ticket’s ticket.created delivered again (a replay), then it still counts once', async () => {
    await reporting.db.dataSource.transaction((tx) => projectEvent(created(duplicate), tx));
    expect((await get('/v1/kpis?from=2026-12'))['total']).toMatchObject({ received: 1 });
  });
});
