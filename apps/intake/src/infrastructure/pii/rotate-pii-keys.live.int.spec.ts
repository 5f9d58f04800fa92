import { randomBytes, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import pino from 'pino';
import type { Logger } from '@cs/observability';
import { ThrowawaySchema, adminUrl, backendPid, eventually, sessionsWaitingOn, spawnTypeScript, throwawaySchema, watchProcess } from '@cs/testing';
import { AnnounceKeyRing } from '../../application/announce-key-ring';
import type { Customer } from '../../domain/customer';
import { eraseCustomer } from '../../domain/customer';
import { ContactRepository } from '../contact.repository';
import { CustomerRepository } from '../customer.repository';
import { MIGRATIONS } from '../migrations';
import { PiiCodec } from '../pii-codec';
import { BlindIndex, FieldCipher, KEY_RING_SILENT_AFTER_MS, KeyRingReplicas, loadPiiKeyRing, type PiiKeyRing } from '.';
import { PII_TABLES, rotatePiiKeys } from './rotate-pii-keys';
import { ROTATION_EXIT_CODES, rotationExitCode } from '../../cli/rotation-exit-code';

/**
 * The rotation beside what an operator and the service do to it: a Job's pod killed, a second
 * Job started, contacts, look-ups and erasures while it runs.
 */
const key = (): string => randomBytes(32).toString('base64');
const [k1, k2, blind] = [key(), key(), key()];
const KEYS_BEFORE = { PII_ENCRYPTION_KEYS: `k1:${k1}`, PII_ACTIVE_KEY_ID: 'k1', PII_BLIND_INDEX_KEY: blind };
/** Step 2 done: k2 added and active, k1 still read. */
const KEYS_DURING = { PII_ENCRYPTION_KEYS: `k1:${k1},k2:${k2}`, PII_ACTIVE_KEY_ID: 'k2', PII_BLIND_INDEX_KEY: blind };
const ring = (env: Record<string, string>): PiiKeyRing => loadPiiKeyRing({ NODE_ENV: 'test', ...env });
const codecOf = (keys: PiiKeyRing): PiiCodec => new PiiCodec(new FieldCipher(keys), new BlindIndex(keys));
/** The service before the switch (seeding k1 values) and after it (during the rotation). */
const before = new CustomerRepository(codecOf(ring(KEYS_BEFORE)));
const during = new CustomerRepository(codecOf(ring(KEYS_DURING)));
const contactsDuring = new ContactRepository(codecOf(ring(KEYS_DURING)));
const k2Only = new CustomerRepository(codecOf(ring({ ...KEYS_DURING, PII_ENCRYPTION_KEYS: `k2:${k2}` })));

const quiet = (onLine?: (line: Record<string, unknown>) => void): Logger =>
  pino({ level: 'info' }, { write: (text: string) => onLine?.(JSON.parse(text) as Record<string, unknown>) });

let db: ThrowawaySchema;

beforeAll(async () => {
  db = await throwawaySchema('pii_rotation_live', MIGRATIONS, { poolSize: 6 });
});

afterAll(async () => {
  await db?.drop();
});

/** `n` customers under k1, each with two phones and a contact saying something personal. */
async function seedCustomers(n: number, tag: string): Promise<Customer[]> {
  const customers: Customer[] = Array.from({ length: n }, (_, i) => ({
    id: randomUUID(),
    name: `王五 ${tag}${i}`,
    phones: [`+861390${tag.charCodeAt(0) % 10}${String(i).padStart(5, '0')}`, `+861370${tag.charCodeAt(0) % 10}${String(i).padStart(5, '0')}`],
    email: `wang.${tag}${i}@example.com`,
    address: `5栋 ${i}01`,
    birthDate: '1980-03-14',
    units: [{ projectCode: 'P001', building: '5', room: `${i}01`, relation: 'owner' }],
    tags: [],
    version: 1,
  }));
  await db.dataSource.transaction(async (tx) => {
    for (const customer of customers) await before.insert(tx, customer);
    await tx.query(
      `INSERT INTO contacts (id, customer_id, channel, direction, occurred_at, recorded_by, content_enc, route, source)
       SELECT gen_random_uuid(), c.id, 'phone', 'inbound', now(), 'agent-7', c.content, 'new_matter', 'agent' FROM unnest($1::uuid[], $2::text[]) AS c(id, content)`,
      [customers.map((c) => c.id), customers.map((c) => new FieldCipher(ring(KEYS_BEFORE)).encrypt(`${c.name}说电梯坏了`, 'contact.content'))],
    );
  });
  return customers;
}

/** How many stored values name each key, over every encrypted column. */
async function valuesByKey(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const t of PII_TABLES) {
    for (const c of t.columns) {
      const rows = (await db.dataSource.query(`SELECT split_part(${c.column}, '.', 2) AS key, count(*)::int AS n FROM ${t.table} WHERE ${c.column} IS NOT NULL GROUP BY 1`)) as {
        key: string;
        n: number;
      }[];
      for (const row of rows) counts[row.key] = (counts[row.key] ?? 0) + row.n;
    }
  }
  return counts;
}

async function readAll(repository: CustomerRepository, customers: readonly Customer[]): Promise<Customer[]> {
  return repository.findAllByIds(db.dataSource.manager, customers.map((c) => c.id));
}

const personal = ({ version: _v, ...customer }: Customer) => customer;

/** `rotate-pii-keys` as the Job's pod runs it, with intake's environment on the suite's schema. */
function rotationCommand(args: readonly string[], keys: Record<string, string> = KEYS_DURING) {
  const pod = spawnTypeScript('apps/intake/src/cli/rotate-pii-keys.ts', args, { NODE_ENV: 'test', DATABASE_URL: adminUrl(), DATABASE_SCHEMA: db.schema, LOG_LEVEL: 'info', ...keys });
  return { ...watchProcess(pod), kill: () => pod.kill('SIGKILL') };
}

async function clear(): Promise<void> {
  await db.dataSource.query('TRUNCATE contacts, customer_phones, customer_units, customers, pii_key_ring_replicas CASCADE');
}

describe('a rotation Job', () => {
  beforeEach(clear);

  it('given its pod killed -9 mid-way, then every value still opens under the keys the service holds, and the next pod finishes what is left', async () => {
    const customers = await seedCustomers(150, 'k');
    const rotation = rotationCommand(['--batch-size', '1']);
    await eventually(() => expect(rotation.output()).toContain('"event":"pii_rotation.batch"'), 60_000, 20);
    // The next batch may be open: its transaction dies with the connection.
    rotation.kill();
    expect((await rotation.ended).signal).toBe('SIGKILL');

    const midway = await valuesByKey();
    expect(midway['k1']).toBeGreaterThan(0);
    expect(midway['k2']).toBeGreaterThan(0);
    expect((await readAll(during, customers)).map(personal)).toEqual(customers.map(personal));

    const rerun = await rotationCommand(['--batch-size', '50']).ended;

    expect(rerun.code).toBe(0);
    expect(rerun.output).toContain('every value is under "k2"');
    expect(await valuesByKey()).toEqual({ k2: midway['k1']! + midway['k2']! });
    expect((await readAll(k2Only, customers)).map(personal)).toEqual(customers.map(personal));
  }, 120_000);

  it('given a second run started while the first runs, then each value is re-encrypted once, by one of them, and nothing is left', async () => {
    const customers = await seedCustomers(60, 't');
    const pending = (await valuesByKey())['k1']!;

    const [first, second] = await Promise.all([
      rotatePiiKeys(db.dataSource, ring(KEYS_DURING), { logger: quiet(), batchSize: 3 }),
      rotatePiiKeys(db.dataSource, ring(KEYS_DURING), { logger: quiet(), batchSize: 3 }),
    ]);

    expect(first.rotated + second.rotated).toBe(pending);
    expect(first.failed + second.failed).toBe(0);
    expect(await valuesByKey()).toEqual({ k2: pending });
    expect((await readAll(k2Only, customers)).map(personal)).toEqual(customers.map(personal));
  });
});

describe('what a rotation Job is not tried again for (its podFailurePolicy fails it on 2 and 3)', () => {
  beforeEach(clear);

  it('given a value no key of the ring decrypts, then the command re-encrypts the rest, names it and exits 3, and a rerun ends the same', async () => {
    const [foreign, ...others] = await seedCustomers(4, 'f');
    const k9 = { PII_ENCRYPTION_KEYS: `k9:${key()}`, PII_ACTIVE_KEY_ID: 'k9', PII_BLIND_INDEX_KEY: blind };
    await db.dataSource.query(`UPDATE customers SET email_enc = $2 WHERE id = $1`, [foreign!.id, new FieldCipher(ring(k9)).encrypt('someone@example.com', 'customer.email')]);

    const first = await rotationCommand([]).ended;
    const rerun = await rotationCommand([]).ended;

    expect(first.code).toBe(3);
    expect(first.output).toContain(`cannot decrypt customers.email_enc of row ${foreign!.id}: unknown_key`);
    expect(first.output).not.toContain('someone@example.com');
    expect(await valuesByKey()).toEqual({ k2: expect.any(Number), k9: 1 });
    expect((await readAll(k2Only, others)).map(personal)).toEqual(others.map(personal));
    expect(rerun.code).toBe(3);
  }, 120_000);

  it('given an active key the ring does not hold, then the command is refused before it reads anything: exit 2, every value as it was', async () => {
    await seedCustomers(2, 'r');
    const stored = await valuesByKey();

    const refused = await rotationCommand([], { ...KEYS_DURING, PII_ACTIVE_KEY_ID: 'k3' }).ended;

    expect(refused.code).toBe(2);
    expect(refused.output).toContain('PII_ACTIVE_KEY_ID');
    expect(await valuesByKey()).toEqual(stored);
  }, 60_000);
});

describe('the service while a rotation runs', () => {
  beforeEach(clear);

  it('given a contact holding its customer (a reference taken, not the row), then the rotation re-encrypts that customer rather than passing it by', async () => {
    const [held, ...others] = await seedCustomers(8, 'h');
    const contact = db.dataSource.createQueryRunner();
    await contact.connect();
    await contact.startTransaction();
    try {
      // A contact being written for the caller: its foreign key holds the customer (KEY SHARE).
      await contact.query(
        `INSERT INTO contacts (id, customer_id, channel, direction, occurred_at, recorded_by, route, source) VALUES ($1, $2, 'phone', 'inbound', now(), 'agent-7', 'new_matter', 'agent')`,
        [randomUUID(), held!.id],
      );

      const report = await rotatePiiKeys(db.dataSource, ring(KEYS_DURING), { logger: quiet(), batchSize: 3 });

      expect(report.columns.find((c) => c.column === 'name_enc')).toMatchObject({ rotated: 1 + others.length, remaining: 0 });
      await contact.commitTransaction();
    } finally {
      if (contact.isTransactionActive) await contact.rollbackTransaction();
      await contact.release();
    }
    expect((await readAll(k2Only, [held!])).map(personal)).toEqual([personal(held!)]);
  });

  it('given look-ups by phone, an edit and an erasure between its batches, then every caller is found, the edit and the erasure stay, and what is left opens under the new key alone', async () => {
    const customers = await seedCustomers(30, 'v');
    const [edited, erased] = [customers[3]!, customers[17]!];
    const lookups: Promise<unknown>[] = [];
    const misses: string[] = [];
    let batches = 0;
    const lookUpEveryCaller = async (): Promise<void> => {
      for (const customer of customers) {
        if (customer.id === erased.id) continue;
        const found = await during.findByPhone(db.dataSource.manager, customer.phones[1]!);
        if (!found.some((c) => c.id === customer.id)) misses.push(customer.id);
      }
    };
    const editAndErase = async (): Promise<void> => {
      await db.dataSource.transaction(async (tx) => {
        const current = await during.getById(tx, edited.id, true);
        await during.update(tx, { ...current, address: '6栋 1201' }, current.version);
      });
      await db.dataSource.transaction(async (tx) => {
        const current = await during.getById(tx, erased.id, true);
        await during.update(tx, eraseCustomer(current, new Date()), current.version);
        await contactsDuring.wipeContentOf(tx, erased.id);
      });
    };

    const report = await rotatePiiKeys(db.dataSource, ring(KEYS_DURING), {
      logger: quiet((line) => {
        if (line['event'] !== 'pii_rotation.batch') return;
        batches += 1;
        lookups.push(lookUpEveryCaller());
        if (batches === 2) lookups.push(editAndErase());
      }),
      batchSize: 4,
    });
    await Promise.all(lookups);
    const rest = await rotatePiiKeys(db.dataSource, ring(KEYS_DURING), { logger: quiet(), batchSize: 4 });

    expect(misses).toEqual([]);
    expect(report.failed + rest.failed).toBe(0);
    expect(rest.complete).toBe(true);
    const after = await readAll(k2Only, customers);
    expect(after.find((c) => c.id === edited.id)?.address).toBe('6栋 1201');
    expect(after.find((c) => c.id === erased.id)).toMatchObject({ name: '', phones: [], erasedAt: expect.any(Date) });
    expect(after.find((c) => c.id === erased.id)?.email).toBeUndefined();
    const [wiped] = (await db.dataSource.query('SELECT count(*)::int AS n FROM contacts WHERE customer_id = $1 AND content_enc IS NOT NULL', [erased.id])) as { n: number }[];
    expect(wiped!.n).toBe(0);
    const untouched = customers.filter((c) => c.id !== edited.id && c.id !== erased.id);
    expect((await readAll(k2Only, untouched)).map(personal)).toEqual(untouched.map(personal));
  });
});

describe('a rotation Job and the intake replicas writing meanwhile', () => {
  /** An intake replica as the service runs it, announcing its key ring on the suite's schema. */
  const replica = (env: Record<string, string>): AnnounceKeyRing => new AnnounceKeyRing(db.dataSource, new KeyRingReplicas(), ring(env), quiet());
  const announced = async (): Promise<{ activeKeyId: string }[]> => new KeyRingReplicas().live(db.dataSource);

  beforeEach(clear);

  it('given a replica still writing with k1, then the Job waits for it, refuses with exit 4 naming it, and re-encrypts nothing', async () => {
    await seedCustomers(3, 'o');
    const stored = await valuesByKey();
    const notRolled = replica(KEYS_BEFORE);
    await notRolled.announceOnce();

    const refused = await rotationCommand(['--wait-for-replicas', '1']).ended;

    expect(refused.code).toBe(4);
    expect(refused.output).toContain('"event":"pii_rotation.waiting_for_replicas"');
    expect(refused.output).toContain(`REFUSED: 1 intake replica(s) still write with another key: ${hostname()} (key "k1"`);
    expect(refused.output).toContain('PII_ACTIVE_KEY_ID=k2');
    expect(await valuesByKey()).toEqual(stored);
  }, 60_000);

  it('given the replica rolls onto k2 while the Job waits, then the Job re-encrypts everything and reports 0 remaining', async () => {
    const customers = await seedCustomers(5, 'w');
    const notRolled = replica(KEYS_BEFORE);
    await notRolled.announceOnce();
    // The Job looks at the replicas every 5 s unless told: the roll is seen at its next look.
    const rotation = rotationCommand(['--wait-for-replicas', '600', '--replica-check-ms', '200']);
    await eventually(() => expect(rotation.output()).toContain('"event":"pii_rotation.waiting_for_replicas"'), 60_000, 50);

    // The roll: the old pod withdraws as it shuts down, its replacement announces k2.
    await notRolled.onApplicationShutdown();
    await replica(KEYS_DURING).announceOnce();
    const ended = await rotation.ended;

    expect(ended.code).toBe(0);
    expect(ended.output).toMatch(/customers\.name_enc\s+rotated 5, failed 0, remaining 0/);
    expect(ended.output).toContain('every value is under "k2"');
    expect(await announced()).toEqual([expect.objectContaining({ activeKeyId: 'k2' })]);
    expect((await readAll(k2Only, customers)).map(personal)).toEqual(customers.map(personal));
  }, 120_000);

  it.each([[''], ['-1'], ['1.5'], ['3601'], ['ten']])('given --wait-for-replicas %p, then the Job refuses it with its usage (exit 2) and changes nothing', async (value) => {
    await seedCustomers(1, 'w');
    const ended = await rotationCommand(['--wait-for-replicas', value]).ended;

    expect(ended.code).toBe(ROTATION_EXIT_CODES.refused);
    expect(await valuesByKey()).toEqual({ k1: expect.any(Number) });
  }, 60_000);

  it.each([['99'], ['60001'], ['ten'], ['']])('given --replica-check-ms %p, then the Job refuses it with its usage (exit 2) and changes nothing', async (value) => {
    await seedCustomers(1, 'c');
    const ended = await rotationCommand(['--replica-check-ms', value]).ended;

    expect(ended.code).toBe(ROTATION_EXIT_CODES.refused);
    expect(await valuesByKey()).toEqual({ k1: expect.any(Number) });
  }, 60_000);

  it('given a replica on k1 silent for longer than the bound (a pod killed), then the Job goes ahead, and the next announcement prunes it', async () => {
    await seedCustomers(2, 's');
    await db.dataSource.query(
      `INSERT INTO pii_key_ring_replicas (replica_id, host, active_key_id, started_at, seen_at) VALUES ($1, 'intake-killed', 'k1', now() - interval '1 hour', now() - make_interval(secs => $2))`,
      [randomUUID(), (KEY_RING_SILENT_AFTER_MS + 5_000) / 1000],
    );

    const ended = await rotationCommand(['--wait-for-replicas', '0']).ended;
    await replica(KEYS_DURING).announceOnce();

    expect(ended.code).toBe(0);
    expect(await valuesByKey()).toEqual({ k2: expect.any(Number) });
    const [rows] = (await db.dataSource.query(`SELECT count(*)::int AS n FROM pii_key_ring_replicas WHERE host = 'intake-killed'`)) as { n: number }[];
    expect(rows!.n).toBe(0);
  }, 60_000);

  describe('given writes landing while the contacts are re-encrypted, after the customers were passed', () => {
    const lateCustomer = randomUUID();

    beforeEach(async () => {
      // Stands for a replica's write committed while the Job is on its last table: fired by the
      // Job's first update of contacts, once, whatever the timing.
      await db.dataSource.query(`CREATE TABLE late_writes (statement text NOT NULL, done boolean NOT NULL DEFAULT false)`);
      await db.dataSource.query(`
        CREATE FUNCTION ${db.schema}.write_late() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE late record;
        BEGIN
          FOR late IN UPDATE ${db.schema}.late_writes SET done = true WHERE NOT done RETURNING statement LOOP
            EXECUTE late.statement;
          END LOOP;
          RETURN NULL;
        END $$`);
      await db.dataSource.query(`CREATE TRIGGER write_late AFTER UPDATE ON contacts FOR EACH STATEMENT EXECUTE FUNCTION ${db.schema}.write_late()`);
    });

    afterEach(async () => {
      await db.dataSource.query(`DROP TABLE late_writes; DROP FUNCTION ${db.schema}.write_late() CASCADE`);
    });

    const lateWrite = async (statement: string): Promise<void> => {
      await db.dataSource.query('INSERT INTO late_writes (statement) VALUES ($1)', [statement]);
    };

    it('given a customer written under k1 meanwhile, then the Job counts it remaining and exits 1, and its retry re-encrypts it', async () => {
      await seedCustomers(6, 'l');
      const sealed = new FieldCipher(ring(KEYS_BEFORE)).encrypt('赵六', 'customer.name');
      await lateWrite(`INSERT INTO ${db.schema}.customers (id, name_enc) VALUES ('${lateCustomer}', '${sealed}')`);

      const first = await rotationCommand(['--batch-size', '2', '--wait-for-replicas', '0']).ended;
      const retry = await rotationCommand(['--wait-for-replicas', '0']).ended;

      expect(first.code).toBe(1);
      expect(first.output).toMatch(/customers\.name_enc\s+rotated 6, failed 0, remaining 1 \(k1: 1\)/);
      expect(first.output).toContain('1 value(s) still under other keys');
      expect(retry.code).toBe(0);
      expect(retry.output).toMatch(/customers\.name_enc\s+rotated 1, failed 0, remaining 0/);
      expect(await valuesByKey()).toEqual({ k2: expect.any(Number) });
    }, 120_000);

    it('given a replica with the old keys started meanwhile, then the Job ends with exit 4 naming it', async () => {
      await seedCustomers(3, 'm');
      await lateWrite(
        `INSERT INTO ${db.schema}.pii_key_ring_replicas (replica_id, host, active_key_id, started_at, seen_at) VALUES ('${randomUUID()}', 'intake-rolled-back', 'k1', now(), now())`,
      );

      const ended = await rotationCommand(['--wait-for-replicas', '0']).ended;

      expect(ended.code).toBe(4);
      expect(ended.output).toContain('intake-rolled-back (key "k1"');
      expect(ended.output).toContain('NOT complete');
    }, 60_000);

    it('given a replica with the old keys that writes while what is left is counted, then stops before the count ends, then the Job does not end complete', async () => {
      // A count over millions of rows takes a while: held here, on a last table read after the
      // snapshot was taken (a view whose rows wait, in the count's REPEATABLE READ transaction only,
      // for a lock the test holds).
      await seedCustomers(3, 'q');
      const rolledBack = randomUUID();
      await lateWrite(
        `INSERT INTO ${db.schema}.pii_key_ring_replicas (replica_id, host, active_key_id, started_at, seen_at) VALUES ('${rolledBack}', 'intake-rolled-back', 'k1', now(), now())`,
      );
      const gate = 815_158_001;
      await db.dataSource.query(`CREATE TABLE held_base (id uuid PRIMARY KEY, x_enc text)`);
      await db.dataSource.query(`INSERT INTO held_base VALUES ($1, 'v1.k2.held')`, [randomUUID()]);
      await db.dataSource.query(`
        CREATE FUNCTION ${db.schema}.held_in_snapshot() RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
        BEGIN
          IF current_setting('transaction_isolation') = 'repeatable read' THEN PERFORM pg_advisory_xact_lock_shared(${gate}); END IF;
          RETURN true;
        END $$`);
      await db.dataSource.query(`CREATE VIEW counted_last AS SELECT id, CASE WHEN ${db.schema}.held_in_snapshot() THEN x_enc END AS x_enc FROM held_base`);
      const holder = db.dataSource.createQueryRunner();
      await holder.connect();
      try {
        await holder.query('SELECT pg_advisory_lock($1)', [gate]);
        const holding = await backendPid(holder);
        const tables = [...PII_TABLES, { table: 'counted_last', key: 'id', keyType: 'uuid' as const, ref: 'id', columns: [{ column: 'x_enc', context: 'customer.name' as const }] }];
        const running = rotatePiiKeys(db.dataSource, ring(KEYS_DURING), { logger: quiet(), tables, waitForReplicasMs: 0 });
        await eventually(async () => expect(await sessionsWaitingOn(db.dataSource, holding)).toBe(1), 30_000, 20);

        // The snapshot is taken: the replica on k1 writes a customer, then shuts down and withdraws.
        const late: Customer = { id: randomUUID(), name: '赵七', phones: ['+8613900000777'], email: 'zhao.qi@example.com', address: '7栋 701', birthDate: '1975-07-07', units: [], tags: [], version: 1 };
        await db.dataSource.transaction((tx) => before.insert(tx, late));
        await new KeyRingReplicas().withdraw(db.dataSource, rolledBack);
        await holder.query('SELECT pg_advisory_unlock($1)', [gate]);
        const report = await running;

        expect(report.complete).toBe(false);
        expect(report.replicasBehind).toEqual([expect.objectContaining({ host: 'intake-rolled-back', activeKeyId: 'k1' })]);
        expect(rotationExitCode(report)).toBe(ROTATION_EXIT_CODES.replicasBehind);
        expect((await valuesByKey())['k1']).toBeGreaterThan(0);
      } finally {
        await holder.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
        await holder.release();
        await db.dataSource.query(`DROP VIEW counted_last; DROP TABLE held_base; DROP FUNCTION ${db.schema}.held_in_snapshot()`);
      }
    }, 60_000);
  });
});
