import { createLogger } from '@cs/observability';
import { createServiceDataSource } from '@cs/persistence';
import { TcpRelay, adminUrl } from '@cs/testing';
import { openDataSource } from './open-data-source';

const silent = createLogger('open-data-source', 'silent');
let relay: TcpRelay;

beforeAll(async () => {
  relay = await TcpRelay.to(adminUrl());
});

afterAll(async () => {
  await relay.close();
});

describe('opening a data source at start-up', () => {
  it('waits for a Postgres that is not reachable yet, and is usable once it is', async () => {
    await relay.cut('refuse');
    setTimeout(() => void relay.restore(), 1_500);
    const dataSource = await openDataSource(() => createServiceDataSource({ url: relay.via(adminUrl()), schema: 'public' }), silent, 20_000);
    try {
      expect(await dataSource.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await dataSource.destroy();
    }
  });

  it('gives up once the wait is over', async () => {
    await relay.cut('refuse');
    try {
      const started = Date.now();
      await expect(openDataSource(() => createServiceDataSource({ url: relay.via(adminUrl()), schema: 'public' }), silent, 1_000)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await relay.restore();
    }
  });

  it('fails at once on an error waiting cannot mend, such as a wrong password', async () => {
    const wrong = new URL(adminUrl());
    wrong.password = 'not-the-password';
    const started = Date.now();
    await expect(openDataSource(() => createServiceDataSource({ url: wrong.toString(), schema: 'public' }), silent, 20_000)).rejects.toMatchObject({ code: '28P01' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
