import { randomBytes, randomUUID } from 'node:crypto';
import pino from 'pino';
import type { Logger } from '@cs/observability';
import { ThrowawaySchema, throwawaySchema } from '@cs/testing';
import { MIGRATIONS } from '../migrations';
import { FieldCipher, loadPiiKeyRing, type PiiKeyRing } from '.';
import type { PiiField } from '../pii-codec';
import { PII_TABLES, rotatePiiKeys, type PiiRotationReport } from './rotate-pii-keys';

const key = (): string => randomBytes(32).toString('base64');
const [k1, k2, blind] = [key(), key(), key()];
const ring = (keys: string, active: string): PiiKeyRing =>
  loadPiiKeyRing({ NODE_ENV: 'test', PII_ENCRYPTION_KEYS: keys, PII_ACTIVE_KEY_ID: active, PII_BLIND_INDEX_KEY: blind });
const k1Only = ring(`k1:${k1}`, 'k1');
const k1AndK2 = ring(`k1:${k1},k2:${k2}`, 'k2');
const k2Only = ring(`k2:${k2}`, 'k2');
const BATCH = 7;

/** Every encrypted cell, as (table, column, row key) → ciphertext. */
type Cells = Map<string, string | null>;

interface Captured {
  readonly logger: Logger;
  readonly lines: Record<string, unknown>[];
}

/** A logger whose JSON lines the test can read, optionally reacting to each one. */
function captureLogs(onLine?: (line: Record<string, unknown>) => void): Captured {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, {
    write(text: string) {
      const line = JSON.parse(text) as Record<string, unknown>;
      lines.push(line);
      onLine?.(line);
    },
  });
  return { logger, lines };
}

let db: ThrowawaySchema;
/** The plaintext behind each non-NULL cell, written under k1 by the seed. */
const plaintexts = new Map<string, string>();
const contexts = new Map<string, PiiField>();

const cellId = (table: string, column: string, rowKey: string): string => `${table}.${column}:${rowKey}`;

async function cells(): Promise<Cells> {
  const all: Cells = new Map();
  for (const t of PII_TABLES) {
    const rows = (await db.dataSource.query(`SELECT ${t.key}::text AS key, ${t.columns.map((c) => c.column).join(', ')} FROM ${t.table}`)) as Record<
      string,
      string | null
    >[];
    for (const row of rows) for (const c of t.columns) all.set(cellId(t.table, c.column, row['key']!), row[c.column] ?? null);
  }
  return all;
}

async function blindIndexes(): Promise<unknown[]> {
  return db.dataSource.query(
    `SELECT id::text AS ref, name_idx AS idx FROM customers
     UNION ALL SELECT phone_idx, customer_id::text FROM customer_phones ORDER BY 1, 2`,
  );
}

const countsOf = (report: PiiRotationReport, field: 'rotated' | 'pending' | 'remaining' | 'failed'): Record<string, number> =>
  Object.fromEntries(report.columns.map((c) => [`${c.table}.${c.column}`, c[field]]));

/** Seeds `n` customers (with phones and contacts) encrypted with `cipher`; every third has NULL optional fields. */
async function seed(cipher: FieldCipher, n: number, tag: string): Promise<void> {
  const seal = (table: string, column: string, rowKey: string, context: PiiField, value: string | null): string | null => {
    if (value === null) return null;
    plaintexts.set(cellId(table, column, rowKey), value);
    contexts.set(cellId(table, column, rowKey), context);
    return cipher.encrypt(value, context);
  };
  for (let i = 0; i < n; i += 1) {
    const id = randomUUID();
    const sparse = i % 3 === 0;
    await db.dataSource.query('INSERT INTO customers (id, name_enc, name_idx, email_enc, address_enc, birth_date_enc) VALUES ($1, $2, $3, $4, $5, $6)', [
      id,
      seal('customers', 'name_enc', id, 'customer.name', `张三 ${tag}${i}`),
      `name-idx-${tag}${i}`,
      seal('customers', 'email_enc', id, 'customer.email', sparse ? null : `zhang.${tag}${i}@example.com`),
      seal('customers', 'address_enc', id, 'customer.address', sparse ? null : `3栋 ${i}02 ${tag}`),
      seal('customers', 'birth_date_enc', id, 'customer.birth_date', sparse ? null : `19${String(50 + (i % 50))}-0${1 + (i % 9)}-1${i % 10}`),
    ]);
    for (let p = 0; p < (sparse ? 1 : 2); p += 1) {
      const phoneIdx = `phone-idx-${tag}${i}-${p}`;
      const phoneRow = randomUUID();
      await db.dataSource.query('INSERT INTO customer_phones (id, phone_idx, customer_id, phone_enc, position) VALUES ($1, $2, $3, $4, $5)', [
        phoneRow,
        phoneIdx,
        id,
        seal('customer_phones', 'phone_enc', phoneRow, 'customer.phone', `+86138${String(i).padStart(4, '0')}${p}${tag.length}00`),
        p,
      ]);
    }
    const contactId = randomUUID();
    await db.dataSource.query(
      `INSERT INTO contacts (id, customer_id, channel, direction, occurred_at, recorded_by, content_enc, attachments_enc, route, source)
       VALUES ($1, $2, 'phone', 'inbound', now(), 'agent-7', $3, $4, 'new_matter', 'agent')`,
      [
        contactId,
        id,
        seal('contacts', 'content_enc', contactId, 'contact.content', sparse ? null : `3栋电梯停在${i}楼 ${tag}`),
        seal('contacts', 'attachments_enc', contactId, 'contact.attachments', sparse ? null : JSON.stringify([{ name: `张三${i}-身份证.jpg`, type: 'image/jpeg', sizeBytes: 1200, uri: `https://files.example.com/${tag}${i}.jpg` }])),
      ],
    );
  }
}

function expectAllUnder(all: Cells, keyId: string): void {
  for (const value of all.values()) if (value !== null) expect(value.startsWith(`v1.${keyId}.`)).toBe(true);
}

function expectDecryptsToSeed(all: Cells, keys: PiiKeyRing): void {
  const cipher = new FieldCipher(keys);
  for (const [id, value] of all) {
    expect(value === null ? null : cipher.decrypt(value, contexts.get(id)!)).toBe(plaintexts.get(id) ?? null);
  }
}

beforeAll(async () => {
  db = await throwawaySchema('pii_rotation', MIGRATIONS, { poolSize: 3 });
});

afterAll(async () => {
  await db?.drop();
});

describe('rotatePiiKeys', () => {
  let seeded: Cells;
  let k2Native: Cells;
  let indexesBefore: unknown[];
  let rotatedByInterruptedRun = 0;

  beforeAll(async () => {
    await seed(new FieldCipher(k1Only), 20, 'a');
    // Written after the switch to k2 (step 2): must be left exactly as it is.
    const before = await cells();
    await seed(new FieldCipher(k1AndK2), 2, 'n');
    seeded = await cells();
    k2Native = new Map([...seeded].filter(([id]) => !before.has(id)));
    indexesBefore = await blindIndexes();
  });

  it('covers every encrypted column the migrations create', async () => {
    const columns = (await db.dataSource.query(
      `SELECT table_name || '.' || column_name AS name FROM information_schema.columns
        WHERE table_schema = $1 AND column_name LIKE '%\\_enc' ORDER BY 1`,
      [db.schema],
    )) as { name: string }[];

    expect(columns.map((c) => c.name)).toEqual(PII_TABLES.flatMap((t) => t.columns.map((c) => `${t.table}.${c.column}`)).sort());
  });

  it('given k1 values, when dry-run with k2 active, then it counts them by key id and changes nothing', async () => {
    const report = await rotatePiiKeys(db.dataSource, k1AndK2, { logger: captureLogs().logger, dryRun: true, batchSize: BATCH });

    expect(countsOf(report, 'pending')).toEqual({
      'customers.name_enc': 20,
      'customers.email_enc': 13,
      'customers.address_enc': 13,
      'customers.birth_date_enc': 13,
      'customer_phones.phone_enc': 33,
      'contacts.content_enc': 13,
      'contacts.attachments_enc': 13,
    });
    expect(report.columns.find((c) => c.column === 'phone_enc')?.pendingByKeyId).toEqual({ k1: 33 });
    expect(report).toMatchObject({ dryRun: true, rotated: 0, remaining: 118, complete: false });
    expect(await cells()).toEqual(seeded);
  });

  it('given a run interrupted after its first batch, when stopped, then that batch stays committed and the rest is untouched', async () => {
    const controller = new AbortController();
    const { logger } = captureLogs((line) => {
      if (line['event'] === 'pii_rotation.batch') controller.abort();
    });

    const report = await rotatePiiKeys(db.dataSource, k1AndK2, { logger, batchSize: BATCH, signal: controller.signal });

    expect(report).toMatchObject({ interrupted: true, complete: false });
    expect(report.columns.map((c) => c.table)).toEqual(['customers', 'customers', 'customers', 'customers']);
    const after = await cells();
    const changed = [...after].filter(([id, value]) => seeded.get(id) !== value);
    expect(new Set(changed.map(([id]) => id.split(':')[1])).size).toBe(BATCH);
    expect(report.rotated).toBe(changed.length);
    rotatedByInterruptedRun = report.rotated;
    expectDecryptsToSeed(after, k1AndK2);
  });

  describe('given the rest of the k1 values', () => {
    let report: PiiRotationReport;
    let logs: Record<string, unknown>[];
    let rotated: Cells;

    beforeAll(async () => {
      const captured = captureLogs();
      logs = captured.lines;
      report = await rotatePiiKeys(db.dataSource, k1AndK2, { logger: captured.logger, batchSize: BATCH });
      rotated = await cells();
    });

    it('when the job runs with k2 active, then every ciphertext names k2', () => {
      expect(report).toMatchObject({ interrupted: false, failed: 0, remaining: 0, complete: true });
      expect(report.rotated).toBe(118 - rotatedByInterruptedRun);
      expectAllUnder(rotated, 'k2');
    });

    it('then each value decrypts to the same plaintext with the same context, and NULLs stay NULL', () => {
      expect([...rotated.keys()].sort()).toEqual([...seeded.keys()].sort());
      for (const [id, value] of seeded) expect(rotated.get(id) === null).toBe(value === null);
      expectDecryptsToSeed(rotated, k1AndK2);
    });

    it('then k1 is no longer needed: a ring holding only k2 decrypts everything', () => {
      expectDecryptsToSeed(rotated, k2Only);
    });

    it('then values already under k2 and the blind indexes are left as they were', async () => {
      for (const [id, value] of k2Native) expect(rotated.get(id)).toBe(value);
      expect(await blindIndexes()).toEqual(indexesBefore);
      expect(indexesBefore).toHaveLength(22 + 36);
    });

    it('then progress is logged as JSON per batch and per column, with no personal data', () => {
      expect(logs.filter((l) => l['event'] === 'pii_rotation.batch').length).toBeGreaterThan(3);
      expect(logs.find((l) => l['event'] === 'pii_rotation.column_done' && l['column'] === 'phone_enc')).toMatchObject({
        table: 'customer_phones',
        remaining: 0,
        activeKeyId: 'k2',
      });
      const text = JSON.stringify(logs);
      for (const plaintext of plaintexts.values()) expect(text).not.toContain(plaintext);
      for (const ciphertext of seeded.values()) if (ciphertext) expect(text).not.toContain(ciphertext);
    });

    it('when it runs again, then it rotates nothing', async () => {
      const again = await rotatePiiKeys(db.dataSource, k1AndK2, { logger: captureLogs().logger, batchSize: BATCH });

      expect(again).toMatchObject({ rotated: 0, failed: 0, remaining: 0, complete: true });
      expect(await cells()).toEqual(rotated);
    });
  });

  it('given a row locked by live traffic, when the job runs, then it skips that row instead of waiting and reports it as remaining', async () => {
    await seed(new FieldCipher(k1Only), 3, 'l');
    const [locked] = (await db.dataSource.query(
      `SELECT id::text AS id FROM customers WHERE name_enc LIKE 'v1.k1.%' ORDER BY id LIMIT 1`,
    )) as { id: string }[];
    const traffic = db.dataSource.createQueryRunner();
    await traffic.connect();
    await traffic.startTransaction();
    try {
      await traffic.query('SELECT 1 FROM customers WHERE id = $1 FOR UPDATE', [locked!.id]);

      const report = await rotatePiiKeys(db.dataSource, k1AndK2, { logger: captureLogs().logger, batchSize: BATCH });

      expect(report.columns.find((c) => c.column === 'name_enc')).toMatchObject({ rotated: 2, remaining: 1, remainingByKeyId: { k1: 1 } });
      expect(report.complete).toBe(false);
    } finally {
      await traffic.rollbackTransaction();
      await traffic.release();
    }

    const rerun = await rotatePiiKeys(db.dataSource, k1AndK2, { logger: captureLogs().logger, batchSize: BATCH });

    expect(countsOf(rerun, 'rotated')).toMatchObject({ 'customers.name_enc': 1, 'customer_phones.phone_enc': 0, 'contacts.content_enc': 0 });
    expect(rerun.complete).toBe(true);
    expectDecryptsToSeed(await cells(), k2Only);
  });

  it('given a value that does not decrypt, when the job runs, then it is reported by row id and left as it is while the rest rotates', async () => {
    const id = randomUUID();
    const cipher = new FieldCipher(k1Only);
    // A name ciphertext copied into the email column: authentic, but sealed for another context.
    const misplaced = cipher.encrypt('李四', 'customer.name');
    await db.dataSource.query('INSERT INTO customers (id, name_enc, email_enc) VALUES ($1, $2, $3)', [id, cipher.encrypt('李四', 'customer.name'), misplaced]);
    const { logger, lines } = captureLogs();

    const report = await rotatePiiKeys(db.dataSource, k1AndK2, { logger, batchSize: BATCH });

    const email = report.columns.find((c) => c.column === 'email_enc');
    expect(email).toMatchObject({ rotated: 0, failed: 1, remaining: 1, failures: [{ ref: id, reason: 'authentication_failed', keyId: 'k1' }] });
    expect(report.columns.find((c) => c.column === 'name_enc')).toMatchObject({ rotated: 1, failed: 0, remaining: 0 });
    expect(report).toMatchObject({ failed: 1, complete: false });
    const [row] = (await db.dataSource.query('SELECT name_enc, email_enc FROM customers WHERE id = $1', [id])) as { name_enc: string; email_enc: string }[];
    expect(row?.email_enc).toBe(misplaced);
    expect(new FieldCipher(k2Only).decrypt(row!.name_enc, 'customer.name')).toBe('李四');
    expect(lines.find((l) => l['event'] === 'pii_rotation.failure')).toMatchObject({ id, reason: 'authentication_failed' });
    expect(JSON.stringify(lines)).not.toContain('李四');
  });
});
