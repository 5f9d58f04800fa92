import { randomUUID } from 'node:crypto';
import { Body, Controller, Inject, Post, Res } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { loadServiceConfig } from '@cs/config';
import { DomainError } from '@cs/ddd';
import { OutboxWriter, messagingTablesMigration } from '@cs/messaging';
import { createLogger } from '@cs/observability';
import type { RedisClient } from '@cs/persistence';
import { ThrowawaySchema, buildHttpTestApp, closeServiceRedis, eventually, openServiceRedis, throwawaySchema } from '@cs/testing';
import { ProblemDetailsFilter } from '../../problem/problem.filter';
import { LOGGER, OUTBOX, REDIS, SERVICE_CONFIG } from '../../tokens';
import { attachRouteInterceptors } from '../route-interceptors';
import { IdempotencyCommitLog, idempotencyAnswersMigration, idempotencyCommitsMigration } from './idempotency-commit-log';
import { IdempotencyCommitPruning } from './idempotency-commit-pruning';
import { idempotencySlot } from './idempotency-slot';
import { beginAttempt } from './idempotent-attempt';
import { idempotencyProviders } from './providers';

/**
 * A command's Idempotency-Key recorded in its own transaction (ADR 0070), on real Postgres and
 * Redis: a retry finds it when Redis lost the record or freed the key after a 5xx.
 */
const service = `int-idem-commits-${randomUUID().slice(0, 8)}`;
let db: ThrowawaySchema;
let outbox: OutboxWriter;
let redis: RedisClient;
let app: NestFastifyApplication;
const calls = { orders: 0, readOnly: 0, quiet: 0 };

interface OrderBody {
  readonly id: string;
  readonly loseAnswer?: boolean;
  /** For /orders/gated: refuse by the order's own rule, without writing, once it exists. */
  readonly refuseIfPlaced?: boolean;
}

/** The handlers of /orders/gated waiting to go on, by order id, in the order they came in. */
const gates = new Map<string, (() => void)[]>();
const waitingAt = (id: string) => gates.get(id)?.length ?? 0;

@Controller('orders')
class OrdersController {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @Post()
  async place(@Body() body: OrderBody, @Res({ passthrough: true }) reply: FastifyReply): Promise<{ id: string; placedAt: string }> {
    calls.orders += 1;
    await this.dataSource.transaction((tx) => tx.query(`INSERT INTO ${db.schema}.orders (id) VALUES ($1)`, [body.id]));
    // The commit happened; the answer does not get back (a failure building it, a dropped response).
    if (body.loseAnswer) throw new Error('answer lost after the commit');
    void reply.header('location', `/orders/${body.id}`).header('etag', `"${randomUUID()}"`);
    // What only the first answer holds: a retry that ran again could not give it.
    return { id: body.id, placedAt: `${new Date().toISOString()} ${randomUUID()}` };
  }

  /** Waits until the test lets it go on, so attempts at one key can be interleaved. */
  @Post('gated')
  async gated(@Body() body: OrderBody, @Res({ passthrough: true }) reply: FastifyReply): Promise<{ id: string; placedAt: string }> {
    await new Promise<void>((resolve) => gates.set(body.id, [...(gates.get(body.id) ?? []), resolve]));
    return this.dataSource.transaction(async (tx) => {
      const [placed] = await tx.query<{ n: string }[]>(`SELECT count(*) AS n FROM ${db.schema}.orders WHERE id = $1`, [body.id]);
      if (body.refuseIfPlaced && Number(placed!.n) > 0) throw new DomainError('ORDER.PLACED', 'conflict', 'this order was placed already');
      await tx.query(`INSERT INTO ${db.schema}.orders (id) VALUES ($1)`, [body.id]);
      void reply.header('location', `/orders/${body.id}`);
      return { id: body.id, placedAt: `${new Date().toISOString()} ${randomUUID()}` };
    });
  }

  /** Waits as /orders/gated does, then answers without writing (a draft, a preview): nothing records the key. */
  @Post('gated-quiet')
  async gatedQuiet(@Body() body: OrderBody): Promise<{ id: string; answeredAt: string }> {
    calls.quiet += 1;
    await new Promise<void>((resolve) => gates.set(body.id, [...(gates.get(body.id) ?? []), resolve]));
    return { id: body.id, answeredAt: `${new Date().toISOString()} ${randomUUID()}` };
  }

  @Post('read-only')
  async readOnly(@Body() body: OrderBody): Promise<never> {
    calls.readOnly += 1;
    await this.dataSource.transaction((tx) => tx.query(`SELECT count(*) FROM ${db.schema}.orders WHERE id = $1`, [body.id]));
    throw new Error('failed after a read');
  }

  @Post('twice')
  async twice(@Body() body: OrderBody): Promise<{ id: string }> {
    await this.dataSource.transaction((tx) => tx.query(`INSERT INTO ${db.schema}.orders (id) VALUES ($1)`, [body.id]));
    await this.dataSource.transaction((tx) => tx.query(`INSERT INTO ${db.schema}.orders (id) VALUES ($1)`, [body.id]));
    return { id: body.id };
  }

  /** Writes only what it holds for the commit, as intake's contact does: the key must see that write. */
  @Post('held')
  async held(@Body() body: OrderBody): Promise<{ id: string }> {
    await this.dataSource.transaction(async (tx) => {
      outbox.committed.holdWrite(tx.queryRunner!, [(bind) => `INSERT INTO ${db.schema}.orders (id) VALUES (${bind(body.id)})`]);
    });
    return { id: body.id };
  }

  /** Answers at once and leaves a write behind, which is not the command. */
  @Post('later')
  later(@Body() body: OrderBody): { id: string } {
    setTimeout(() => void this.dataSource.transaction((tx) => tx.query(`INSERT INTO ${db.schema}.orders (id) VALUES ($1)`, [body.id])), 100);
    return { id: body.id };
  }
}

beforeAll(async () => {
  db = await throwawaySchema('idem_commits', [messagingTablesMigration(1763900000000), idempotencyCommitsMigration(1765900000000), idempotencyAnswersMigration(1766900000000)]);
  await db.dataSource.query(`CREATE TABLE ${db.schema}.orders (id text NOT NULL, n bigserial)`);
  outbox = new OutboxWriter(db.schema, `/test/${service}`);
  db.dataSource.subscribers.push(outbox.committed);
  redis = await openServiceRedis(service);
  app = await buildHttpTestApp({
    controllers: [OrdersController],
    providers: [
      { provide: REDIS, useValue: redis },
      { provide: LOGGER, useValue: createLogger(service, 'silent') },
      { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      { provide: DataSource, useValue: db.dataSource },
      { provide: OUTBOX, useValue: outbox },
      { provide: SERVICE_CONFIG, useValue: loadServiceConfig('intake', { NODE_ENV: 'test', DATABASE_SCHEMA: db.schema }) },
      ...idempotencyProviders({ service }),
      IdempotencyCommitLog,
    ],
    beforeCreate: attachRouteInterceptors,
  });
});

afterAll(async () => {
  await app?.close();
  await closeServiceRedis(redis, service);
  await db?.drop();
});

const post = (url: string, body: OrderBody, key?: string) =>
  app.getHttpAdapter().getInstance().inject({ method: 'POST', url, payload: body, headers: key === undefined ? {} : { 'idempotency-key': key } });
const slotOf = (url: string, key: string) => idempotencySlot(service, { kind: 'anonymous', route: `POST ${url}` }, key);
/** A command carried out under `key`, whose record Redis then loses; its answer. */
async function carriedOutThenLost(url: string, body: OrderBody, key: string) {
  const first = await post(url, body, key);
  expect(first.statusCode).toBe(201);
  await redis.del(slotOf(url, key).redisKey);
  return first;
}
const ordersWith = async (id: string) => Number((await db.dataSource.query<{ n: string }[]>(`SELECT count(*) AS n FROM ${db.schema}.orders WHERE id = $1`, [id]))[0]!.n);
const recorded = async (url: string, key: string) =>
  Number((await db.dataSource.query<{ n: string }[]>(`SELECT count(*) AS n FROM ${db.schema}.idempotency_commits WHERE key_digest = $1`, [slotOf(url, key).digest]))[0]!.n);

describe('an Idempotency-Key recorded in the command’s transaction', () => {
  it('given a command that committed but answered 500, when retried, then it is not carried out again: 409 IDEMPOTENCY.ALREADY_APPLIED, each time, before its handler runs', async () => {
    const key = randomUUID();
    const id = randomUUID();
    const first = await post('/orders', { id, loseAnswer: true }, key);
    expect(first.statusCode).toBe(500);

    const before = calls.orders;
    for (const retry of [await post('/orders', { id, loseAnswer: true }, key), await post('/orders', { id, loseAnswer: true }, key)]) {
      expect(retry.statusCode).toBe(409);
      expect(retry.headers['content-type']).toContain('application/problem+json');
      expect(retry.json()).toMatchObject({ code: 'IDEMPOTENCY.ALREADY_APPLIED' });
    }
    expect(calls.orders).toBe(before);
    expect(await ordersWith(id)).toBe(1);
  });

  it('given Redis lost the record of a command that succeeded, when retried, then the first answer is replayed, its status and headers, and the command is not run again', async () => {
    const key = randomUUID();
    const id = randomUUID();
    const first = await carriedOutThenLost('/orders', { id }, key);

    const before = calls.orders;
    const retry = await post('/orders', { id }, key);
    expect(retry.statusCode).toBe(201);
    expect(retry.json()).toEqual(first.json());
    expect(retry.headers['idempotency-replayed']).toBe('true');
    expect(retry.headers['location']).toBe(first.headers['location']);
    expect(retry.headers['etag']).toBe(first.headers['etag']);
    expect(calls.orders).toBe(before);
    expect(await ordersWith(id)).toBe(1);
    // And again: the row answers each retry Redis cannot.
    expect((await post('/orders', { id }, key)).json()).toEqual(first.json());
  });

  it('given the answer kept on the row, then it is sealed: neither the answer nor the key is in clear', async () => {
    const key = `order-${randomUUID()}`;
    const id = randomUUID();
    expect((await post('/orders', { id }, key)).statusCode).toBe(201);
    const [row] = await db.dataSource.query<{ answer: string }[]>(`SELECT answer FROM ${db.schema}.idempotency_commits WHERE key_digest = $1`, [slotOf('/orders', key).digest]);
    expect(row!.answer).toMatch(/^\{"v":2,"iv":"[^"]+","data":"[^"]+"\}$/);
    expect(row!.answer).not.toContain(id);
    expect(row!.answer).not.toContain(key);
  });

  it('given Redis lost the record, when the key is sent with another body, then it is refused as reused and nothing runs', async () => {
    const key = randomUUID();
    const id = randomUUID();
    await carriedOutThenLost('/orders', { id }, key);

    const before = calls.orders;
    const other = await post('/orders', { id: randomUUID() }, key);
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({ code: 'IDEMPOTENCY.KEY_REUSED' });
    expect(calls.orders).toBe(before);
    expect(await ordersWith(id)).toBe(1);
  });

  it('given a row without an answer (the process died between the commit and its write), when retried, then 409 IDEMPOTENCY.ALREADY_APPLIED before the handler runs', async () => {
    const key = randomUUID();
    const id = randomUUID();
    await carriedOutThenLost('/orders', { id }, key);
    await db.dataSource.query(`UPDATE ${db.schema}.idempotency_commits SET answer = NULL WHERE key_digest = $1`, [slotOf('/orders', key).digest]);

    const before = calls.orders;
    const retry = await post('/orders', { id }, key);
    expect(retry.statusCode).toBe(409);
    expect(retry.json()).toMatchObject({ code: 'IDEMPOTENCY.ALREADY_APPLIED' });
    expect(calls.orders).toBe(before);
    expect(await ordersWith(id)).toBe(1);
  });

  it('given a row older than the record’s lifetime, not yet forgotten, then its answer is not replayed', async () => {
    const key = randomUUID();
    const id = randomUUID();
    await carriedOutThenLost('/orders', { id }, key);
    await db.dataSource.query(`UPDATE ${db.schema}.idempotency_commits SET committed_at = now() - interval '25 hours' WHERE key_digest = $1`, [slotOf('/orders', key).digest]);

    const retry = await post('/orders', { id }, key);
    expect(retry.headers['idempotency-replayed']).toBeUndefined();
    expect(await ordersWith(id)).toBe(1);
  });

  it('given another caller (another route) with the same key, then it gets nothing of the first answer: its own command runs', async () => {
    const key = randomUUID();
    const id = randomUUID();
    await carriedOutThenLost('/orders', { id }, key);

    const other = await post('/orders/twice', { id }, key);
    expect(other.statusCode).toBe(201);
    expect(other.headers['idempotency-replayed']).toBeUndefined();
    expect(other.json()).toEqual({ id });
  });

  describe.each([
    ['refused at its commit (409 IDEMPOTENCY.ALREADY_APPLIED)', {}, 'IDEMPOTENCY.ALREADY_APPLIED'],
    ['refused by the rule the first run met', { refuseIfPlaced: true }, 'ORDER.PLACED'],
  ] as const)('given Redis lost the record while the first attempt ran, and a retry that raced it was %s', (_case, refusal, code) => {
    it('when retried again, then the first answer is replayed from its row, not the racing retry’s refusal', async () => {
      const key = randomUUID();
      const body = { id: randomUUID(), ...refusal };
      const first = post('/orders/gated', body, key);
      await eventually(() => expect(waitingAt(body.id)).toBe(1), 10_000, 20);
      await redis.del(slotOf('/orders/gated', key).redisKey);
      const racing = post('/orders/gated', body, key);
      await eventually(() => expect(waitingAt(body.id)).toBe(2), 10_000, 20);

      gates.get(body.id)![0]!();
      const answer = await first;
      expect(answer.statusCode).toBe(201);
      gates.get(body.id)![1]!();
      const raced = await racing;
      expect(raced.statusCode).toBe(409);
      expect(raced.json()).toMatchObject({ code });

      const retry = await post('/orders/gated', body, key);
      expect(retry.statusCode).toBe(201);
      expect(retry.json()).toEqual(answer.json());
      expect(retry.headers['idempotency-replayed']).toBe('true');
      expect(await ordersWith(body.id)).toBe(1);
    });
  });

  it('given an answer that wrote nothing, when whether another attempt committed cannot be read, then the answer is still kept: a retry is replayed, not run again', async () => {
    const key = randomUUID();
    const body = { id: randomUUID() };
    const first = post('/orders/gated-quiet', body, key);
    await eventually(() => expect(waitingAt(body.id)).toBe(1), 10_000, 20);
    // The commits table cannot be read while the answer is kept (as with a database lost then).
    await db.dataSource.query(`ALTER TABLE ${db.schema}.idempotency_commits RENAME TO idempotency_commits_away`);
    try {
      gates.get(body.id)![0]!();
      expect((await first).statusCode).toBe(201);
    } finally {
      await db.dataSource.query(`ALTER TABLE ${db.schema}.idempotency_commits_away RENAME TO idempotency_commits`);
    }
    const answered = calls.quiet;

    const retry = await post('/orders/gated-quiet', body, key);

    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotency-replayed']).toBe('true');
    expect(retry.json()).toEqual((await first).json());
    expect(calls.quiet).toBe(answered);
  });

  it('given a command that writes only what it holds for the commit, then its key is recorded too', async () => {
    const key = randomUUID();
    const id = randomUUID();
    await carriedOutThenLost('/orders/held', { id }, key);
    expect(await recorded('/orders/held', key)).toBe(1);

    const retry = await post('/orders/held', { id }, key);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotency-replayed']).toBe('true');
    expect(await ordersWith(id)).toBe(1);
  });

  it('given an attempt that only read before failing, then nothing is recorded and a retry runs the command', async () => {
    const key = randomUUID();
    const id = randomUUID();
    const before = calls.readOnly;
    expect((await post('/orders/read-only', { id }, key)).statusCode).toBe(500);
    expect(await recorded('/orders/read-only', key)).toBe(0);
    expect((await post('/orders/read-only', { id }, key)).statusCode).toBe(500);
    expect(calls.readOnly - before).toBe(2);
  });

  it('given an attempt that commits two transactions, then the second is not refused by the first’s record', async () => {
    const key = randomUUID();
    const id = randomUUID();
    expect((await post('/orders/twice', { id }, key)).statusCode).toBe(201);
    expect(await ordersWith(id)).toBe(2);
    expect(await recorded('/orders/twice', key)).toBe(1);
  });

  it('given work the handler left behind, when it commits after the answer, then it does not record the key', async () => {
    const key = randomUUID();
    const id = randomUUID();
    expect((await post('/orders/later', { id }, key)).statusCode).toBe(201);
    await eventually(async () => expect(await ordersWith(id)).toBe(1), 5_000, 50);
    expect(await recorded('/orders/later', key)).toBe(0);
  });

  it('given no Idempotency-Key, then nothing is recorded and every request runs', async () => {
    const id = randomUUID();
    const [before] = await db.dataSource.query<{ n: string }[]>(`SELECT count(*) AS n FROM ${db.schema}.idempotency_commits`);
    expect((await post('/orders', { id })).statusCode).toBe(201);
    expect((await post('/orders', { id })).statusCode).toBe(201);
    expect(await ordersWith(id)).toBe(2);
    const [after] = await db.dataSource.query<{ n: string }[]>(`SELECT count(*) AS n FROM ${db.schema}.idempotency_commits`);
    expect(after!.n).toBe(before!.n);
  });

  it('given two transactions of one attempt recording the key at once, then the one that waited for the other is not refused', async () => {
    const log = app.get(IdempotencyCommitLog);
    const first = db.dataSource.createQueryRunner();
    const second = db.dataSource.createQueryRunner();
    const id = randomUUID();
    try {
      await beginAttempt(randomUUID(), async () => {
        await first.startTransaction();
        await second.startTransaction();
        await first.query(`INSERT INTO ${db.schema}.orders (id) VALUES ($1)`, [id]);
        await second.query(`INSERT INTO ${db.schema}.orders (id) VALUES ($1)`, [id]);
        await log.recordIn(first);
        // Waits on the first's uncommitted record, which its snapshot will not show once committed.
        const waiting = log.recordIn(second);
        await new Promise((resolve) => setTimeout(resolve, 200));
        await first.commitTransaction();
        await expect(waiting).resolves.toBeUndefined();
        await second.commitTransaction();
      }).started;
    } finally {
      await Promise.all([first.release(), second.release()]);
    }
    expect(await ordersWith(id)).toBe(2);
  });

  it('forgets keys once their Redis record would have expired, and keeps the younger ones', async () => {
    const log = app.get(IdempotencyCommitLog);
    const pruning = new IdempotencyCommitPruning(log, { service, ttlSeconds: 3_600, inProgressTtlSeconds: 60 }, createLogger(service, 'silent'));
    const old = randomUUID();
    const young = randomUUID();
    await db.dataSource.query(
      `INSERT INTO ${db.schema}.idempotency_commits (key_digest, attempt, committed_at) VALUES ($1, $3, now() - interval '2 hours'), ($2, $3, now() - interval '30 minutes')`,
      [old, young, randomUUID()],
    );
    expect(await pruning.pruneOnce()).toBe(false);
    const left = await db.dataSource.query<{ key_digest: string }[]>(`SELECT key_digest FROM ${db.schema}.idempotency_commits WHERE key_digest = ANY($1)`, [[old, young]]);
    expect(left.map((r) => r.key_digest)).toEqual([young]);
  });
});
