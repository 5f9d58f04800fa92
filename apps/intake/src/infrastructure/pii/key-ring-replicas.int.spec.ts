import { randomUUID } from 'node:crypto';
import { ThrowawaySchema, backendPid, eventually, sessionsWaitingOn, throwawaySchema } from '@cs/testing';
import { MIGRATIONS } from '../migrations';
import { KEY_RING_SILENT_AFTER_MS, KeyRingReplicas } from '.';

/** The replicas' announcements of their key rings, as several replicas make them at once. */
let db: ThrowawaySchema;
const replicas = new KeyRingReplicas();

beforeAll(async () => {
  db = await throwawaySchema('key_ring_replicas', MIGRATIONS, { poolSize: 4 });
});

afterAll(async () => {
  await db?.drop();
});

describe('an announcement of a key ring', () => {
  it('given another replica silent past the bound that is announcing itself at that moment (both back after Postgres was lost), then it neither waits for that replica nor deletes its row', async () => {
    const [returning, other] = [randomUUID(), randomUUID()];
    await db.dataSource.query(
      `INSERT INTO pii_key_ring_replicas (replica_id, host, active_key_id, started_at, seen_at)
       VALUES ($1, 'intake-a', 'k2', now() - interval '1 hour', now() - make_interval(secs => $2)), ($3, 'intake-b', 'k2', now() - interval '1 hour', now() - make_interval(secs => $2))`,
      [returning, (KEY_RING_SILENT_AFTER_MS + 5_000) / 1000, other],
    );
    // The other replica's own announcement, its row locked until it commits: had it pruned this
    // one's row as well, each statement would wait for the other, a deadlock.
    const announcing = db.dataSource.createQueryRunner();
    await announcing.connect();
    try {
      await announcing.startTransaction();
      await announcing.query('UPDATE pii_key_ring_replicas SET seen_at = now() WHERE replica_id = $1', [other]);
      const pid = await backendPid(announcing);

      const announced = replicas.announce(db.dataSource, { replicaId: returning, host: 'intake-a', activeKeyId: 'k2' }).then(() => 'announced' as const);
      const waited = eventually(async () => expect(await sessionsWaitingOn(db.dataSource, pid)).toBeGreaterThan(0), 30_000, 20).then(() => 'waited' as const);

      expect(await Promise.race([announced, waited])).toBe('announced');
      await announcing.commitTransaction();
    } finally {
      if (announcing.isTransactionActive) await announcing.rollbackTransaction();
      await announcing.release();
    }
    expect((await replicas.live(db.dataSource)).map((r) => r.host)).toEqual(['intake-a', 'intake-b']);
  }, 60_000);
});
