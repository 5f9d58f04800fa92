import { loadServiceConfig } from '@cs/config';
import { createKafka } from '@cs/messaging';
import { createLogger } from '@cs/observability';
import { consumeInOneTransaction } from '@cs/platform';
import { TcpRelay, ThrowawaySchema, adminUrl, testDataSource, throwawaySchema } from '@cs/testing';
import { MIGRATIONS } from '../infrastructure/migrations';
import { created, ticket } from '../testing/event-builders';
import { LiveProjection } from './live-projection';
import { RebuildProjections } from './rebuild-projections';

let db: ThrowawaySchema;

beforeAll(async () => {
  db = await throwawaySchema('reporting_live', MIGRATIONS);
});

afterAll(async () => {
  await db?.drop();
});

describe('a live flush', () => {
  it('travels in three round trips: the facts locked, the grades and the calendar together, then the running rebuild asked, then the commit (ADR 0191)', async () => {
    // The service's pool, reached through a relay that counts what the client sends between answers.
    const relay = await TcpRelay.to(adminUrl());
    const relayed = await testDataSource({ schema: db.schema, url: relay.via(adminUrl()), poolSize: 1 }).initialize();
    try {
      // Nothing here reaches Kafka: a flush asks the database alone whether a rebuild runs.
      const kafka = createKafka({ brokers: ['127.0.0.1:1'], clientId: 'live-projection-test' });
      const live = new LiveProjection(new RebuildProjections(relayed, kafka, createLogger('reporting', 'silent'), loadServiceConfig('reporting', { NODE_ENV: 'test' })));
      const opened = () => {
        const event = created(ticket({ itemCode: 'repair.public_area', projectCode: 'P001', channel: 'phone', ownerId: 'agent-1', openedAt: new Date().toISOString() }));
        return consumeInOneTransaction(relayed, [[event, (context) => live.add(event, context)]]);
      };
      // The first reads the calendar's document; the next finds it parsed, and reads its version alone.
      await opened();
      const before = relay.clientFlights;
      await opened();
      expect(relay.clientFlights - before).toBe(3);
      expect(await db.dataSource.query('SELECT count(*)::int AS n FROM ticket_facts')).toEqual([{ n: 2 }]);
    } finally {
      await relayed.destroy();
      await relay.close();
    }
  });
});
