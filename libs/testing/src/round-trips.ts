import type { DataSource } from 'typeorm';
import { adminUrl } from './database';
import { TcpRelay } from './tcp-relay';
import { testDataSource } from './throwaway-schema';

/** How many round trips `work` made on the counted data source: the times its client sent and then waited for an answer. */
export type RoundTripsOf = (work: () => Promise<unknown>) => Promise<number>;

/**
 * `count` given a data source on `schema` as a service's pool makes it (statements sent ahead,
 * pipelined), of one connection, reached through a relay that counts its client's round trips,
 * and a way to count those `work` makes. The data source and the relay are closed after.
 */
export async function withRoundTripsCounted<T>(schema: string, count: (db: DataSource, roundTripsOf: RoundTripsOf) => Promise<T>): Promise<T> {
  const relay = await TcpRelay.to(adminUrl());
  const db = testDataSource({ schema, url: relay.via(adminUrl()), poolSize: 1 });
  try {
    await db.initialize();
    return await count(db, async (work) => {
      const before = relay.clientFlights;
      await work();
      return relay.clientFlights - before;
    });
  } finally {
    if (db.isInitialized) await db.destroy();
    await relay.close();
  }
}
