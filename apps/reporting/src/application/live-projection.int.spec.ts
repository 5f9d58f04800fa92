import { loadServiceConfig } from '@cs/config';
import { createKafka } from '@cs/messaging';
import { createLogger } from '@cs/observability';
import { consumeInOneTransaction } from '@cs/platform';
import { ThrowawaySchema, throwawaySchema, withRoundTripsCounted } from '@cs/testing';
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
    const trips = await withRoundTripsCounted(db.schema, async (relayed, roundTripsOf) => {
      // Nothing here reaches Kafka: a flush asks the database alone whether a rebuild runs.
      const kafka = createKafka({ brokers: ['127.0.0.1:1'], clientId: 'live-projection-test' });
      const live = new LiveProjection(new RebuildProjections(relayed, kafka, createLogger('reporting', 'silent'), loadServiceConfig('reporting', { NODE_ENV: 'test' })));
      const opened = () => {
        const event = created(ticket({ itemCode: 'repair.public_area', projectCode: 'P001', channel: 'phone', ownerId: 'agent-1', openedAt: new Date().toISOString() }));
        return consumeInOneTransaction(relayed, [[event, (context) => live.add(event, context)]]);
      };
      // The first reads the calendar's document; the next finds it parsed, and reads its version alone.
      await opened();
      return roundTripsOf(opened);
    });
    expect(trips).toBe(3);
    expect(await db.dataSource.query('SELECT count(*)::int AS n FROM ticket_facts')).toEqual([{ n: 2 }]);
  });
});
