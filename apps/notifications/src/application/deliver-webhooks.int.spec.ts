import { randomUUID } from 'node:crypto';
import { loadServiceConfig } from '@cs/config';
import { createLogger } from '@cs/observability';
import { ThrowawaySchema, eventually, serialBelowDigitBoundary, throwawaySchema } from '@cs/testing';
import { MIGRATIONS } from '../infrastructure/migrations';
import { WebhookDeliveryRepository } from '../infrastructure/webhook-delivery.repository';
import { WebhookSubscriptionRepository } from '../infrastructure/webhook-subscription.repository';
import { WebhookReceiver } from '../testing/webhook-receiver';
import { DeliverWebhooks } from './deliver-webhooks';

const SECRET = 'whsec_delivery-test';
const BACKOFF_MS = 100;
/** The hanging receiver's worker gives up soon; the others' answers are never raced by a timeout on a stalled machine. */
const SHORT_TIMEOUT_MS = 300;
const configWithTimeout = (timeoutMs: number) =>
  loadServiceConfig('notifications', {
    NODE_ENV: 'test',
    NOTIFICATION_DELIVERY_MAX_ATTEMPTS: '3',
    NOTIFICATION_DELIVERY_BACKOFF_MS: String(BACKOFF_MS),
    NOTIFICATION_DELIVERY_TIMEOUT_MS: String(timeoutMs),
  });
const config = configWithTimeout(10_000);

let db: ThrowawaySchema;
let receiver: WebhookReceiver;
let base: string;
let worker: DeliverWebhooks;
const subscriptions = new WebhookSubscriptionRepository();

interface DeliveryRow {
  status: string;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  next_attempt_at: Date | null;
  delivered_at: Date | null;
}

async function deliveryTo(path: string, recordedAt?: Date): Promise<string> {
  const [id] = await deliveriesTo(path, 1, recordedAt);
  return id!;
}

/** `count` deliveries to one new subscription at `path`, oldest first, recorded by a replica whose clock reads `recordedAt`. */
async function deliveriesTo(path: string, count: number, recordedAt = new Date()): Promise<string[]> {
  const subscriptionId = randomUUID();
  const now = recordedAt;
  await db.dataSource.transaction(async (tx) => {
    await subscriptions.insert(
      tx,
      { id: subscriptionId, name: path, url: `${base}${path}`, eventTypes: ['major_complaint'], active: true, createdBy: 'admin', createdAt: now, updatedAt: now },
      SECRET,
    );
    for (let i = 0; i < count; i++) {
      const notificationId = randomUUID();
      await tx.query(
        `INSERT INTO notifications (id, source_event_id, kind, title, ticket_id, ticket_number, ticket_status, roles, occurred_at)
         VALUES ($1, $2, 'major_complaint', 't', $3, 'TK-20261008-000001', 'new', '{supervisor}', now())`,
        [notificationId, randomUUID(), randomUUID()],
      );
      await new WebhookDeliveryRepository().enqueueAll(tx, [{ notificationId, subscriptionId, eventType: 'major_complaint', payload: `{"path":"${path}"}` }], new Date(now.getTime() + i));
    }
  });
  const rows = (await db.dataSource.query('SELECT id::text FROM webhook_deliveries WHERE subscription_id = $1 ORDER BY seq', [subscriptionId])) as { id: string }[];
  return rows.map((r) => r.id);
}

async function delivery(id: string): Promise<DeliveryRow> {
  const [row] = (await db.dataSource.query(
    'SELECT status, attempts, last_status_code, last_error, next_attempt_at, delivered_at FROM webhook_deliveries WHERE id = $1',
    [id],
  )) as DeliveryRow[];
  return row!;
}

/** Runs the worker until the delivery leaves `pending`. */
async function settle(id: string): Promise<DeliveryRow> {
  return eventually(async () => {
    await worker.deliverDue();
    const row = await delivery(id);
    expect(row.status).not.toBe('pending');
    return row;
  }, 15_000, 50);
}

beforeAll(async () => {
  db = await throwawaySchema('notifications_delivery', MIGRATIONS);
  receiver = new WebhookReceiver(SECRET, { '/flaky': [503, 500, 200], '/down': [503], '/slow': ['hang'] });
  base = await receiver.start();
  worker = new DeliverWebhooks(db.dataSource, new WebhookDeliveryRepository(), createLogger('notifications', 'silent'), config);
});

afterAll(async () => {
  await worker?.beforeApplicationShutdown();
  await receiver?.stop();
  await db?.drop();
});

describe('the webhook delivery worker, against Postgres and a local receiver', () => {
  it('given a receiver that fails twice, then it retries after a doubling backoff and the third attempt delivers, signed', async () => {
    const id = await deliveryTo('/flaky');

    const row = await settle(id);

    expect(row).toMatchObject({ status: 'delivered', attempts: 3, last_status_code: 200 });
    expect(row.delivered_at).toBeInstanceOf(Date);
    const calls = receiver.received.filter((r) => r.path === '/flaky');
    expect(calls.map((c) => [c.valid, c.delivery, c.body])).toEqual([1, 2, 3].map(() => [true, id, '{"path":"/flaky"}']));
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(BACKOFF_MS);
    expect(calls[2]!.at - calls[1]!.at).toBeGreaterThanOrEqual(2 * BACKOFF_MS);
  });

  it('given a receiver that never answers 2xx, then after the last attempt the delivery has failed and is not tried again', async () => {
    const id = await deliveryTo('/down');

    const row = await settle(id);

    expect(row).toMatchObject({ status: 'failed', attempts: 3, last_status_code: 503, next_attempt_at: null });
    await worker.deliverDue();
    expect(receiver.received.filter((r) => r.path === '/down')).toHaveLength(3);
  });

  it('given a receiver that hangs, then the attempt times out and is retried later', async () => {
    const id = await deliveryTo('/slow');
    const impatient = new DeliverWebhooks(db.dataSource, new WebhookDeliveryRepository(), createLogger('notifications', 'silent'), configWithTimeout(SHORT_TIMEOUT_MS));
    const started = Date.now();

    await impatient.deliverDue();

    const row = await delivery(id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, last_status_code: null, last_error: `no answer within ${SHORT_TIMEOUT_MS} ms` });
    // Due one backoff after the attempt gave up, itself no sooner than the timeout after the start.
    const nextAttemptAt = row.next_attempt_at!.getTime();
    // A few ms of slack: the timeout runs on the event loop's clock, `started` on the wall clock.
    expect(nextAttemptAt).toBeGreaterThanOrEqual(started + SHORT_TIMEOUT_MS + BACKOFF_MS - 5);
    // Not attempted before it is due on the database's clock.
    await db.dataSource.query("UPDATE webhook_deliveries SET next_attempt_at = now() + interval '1 minute' WHERE id = $1", [id]);
    await impatient.deliverDue();
    expect(await delivery(id)).toMatchObject({ attempts: 1 });
    // Retired, so the next test's workers do not claim it and wait on the hanging receiver.
    await db.dataSource.query("UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL WHERE id = $1", [id]);
  });

  it('given a receiver that hangs with a backlog older than another subscription’s delivery, then one round takes a few of the backlog and the other delivery too', async () => {
    const backlog = await deliveriesTo('/slow', 30);
    const urgent = await deliveryTo('/ok');
    const impatient = new DeliverWebhooks(db.dataSource, new WebhookDeliveryRepository(), createLogger('notifications', 'silent'), configWithTimeout(SHORT_TIMEOUT_MS));

    await impatient.deliverDue();

    expect(await delivery(urgent)).toMatchObject({ status: 'delivered', attempts: 1 });
    const tried = (await db.dataSource.query('SELECT count(*)::int AS n FROM webhook_deliveries WHERE id = ANY($1) AND attempts > 0', [backlog])) as { n: number }[];
    expect(tried[0]!.n).toBe(4);
    await db.dataSource.query("UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL WHERE id = ANY($1)", [backlog]);
  });

  it('given a hanging receiver’s backlog while the worker runs, then it holds a few slots only, and a delivery due later to another subscription goes out at once', async () => {
    const running = new DeliverWebhooks(
      db.dataSource,
      new WebhookDeliveryRepository(),
      createLogger('notifications', 'silent'),
      // The hanging attempts outlast the test's reads (a round after they time out would claim more).
      loadServiceConfig('notifications', { NODE_ENV: 'test', NOTIFICATION_DELIVERY_POLL_MS: '50', NOTIFICATION_DELIVERY_TIMEOUT_MS: '6000', NOTIFICATION_DELIVERY_BACKOFF_MS: '60000' }),
    );
    const backlog = await deliveriesTo('/slow', 40);
    running.onApplicationBootstrap();
    try {
      // Several rounds while every attempt to the hanging receiver is still in flight.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const urgent = await deliveryTo('/ok');
      await eventually(async () => expect(await delivery(urgent)).toMatchObject({ status: 'delivered' }), 4_000, 50);
      const tried = (await db.dataSource.query('SELECT count(*)::int AS n FROM webhook_deliveries WHERE id = ANY($1) AND attempts > 0', [backlog])) as { n: number }[];
      expect(tried[0]!.n).toBeLessThan(8);
    } finally {
      await running.beforeApplicationShutdown();
      await db.dataSource.query("UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL WHERE id = ANY($1)", [backlog]);
    }
  });

  it('given a delivery in flight on one replica, when a replica whose clock runs a minute ahead claims, then it does not take it: the lease is the database’s time', async () => {
    const id = await deliveryTo('/slow');
    // Its attempt gives up soon and is not due again for a minute: a loaded machine stalling
    // before the second replica claims finds it leased or waiting, never rightly due again.
    const patient = loadServiceConfig('notifications', {
      NODE_ENV: 'test',
      NOTIFICATION_DELIVERY_TIMEOUT_MS: String(SHORT_TIMEOUT_MS),
      NOTIFICATION_DELIVERY_BACKOFF_MS: '60000',
    });
    const first = new DeliverWebhooks(db.dataSource, new WebhookDeliveryRepository(), createLogger('notifications', 'silent'), patient);
    const ahead = new DeliverWebhooks(db.dataSource, new WebhookDeliveryRepository(), createLogger('notifications', 'silent'), patient);
    const attemptsOf = () => receiver.received.filter((r) => r.delivery === id).length;
    const inFlight = first.deliverDue();
    try {
      await eventually(async () => expect(attemptsOf()).toBe(1), 10_000, 20);

      // Only the application's clock is set ahead; timers and the database's clock run on.
      jest.useFakeTimers({ now: Date.now() + 60_000, doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'performance', 'hrtime'] });
      try {
        await ahead.deliverDue();
      } finally {
        jest.useRealTimers();
      }
    } finally {
      await inFlight;
    }

    expect(attemptsOf()).toBe(1);
    expect(await delivery(id)).toMatchObject({ attempts: 1 });
    await db.dataSource.query("UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL WHERE id = $1", [id]);
  });

  it('given a delivery recorded by a replica whose clock runs an hour ahead, then the worker attempts it at once: it is due on the database’s clock', async () => {
    const id = await deliveryTo('/ahead', new Date(Date.now() + 3600_000));

    await worker.deliverDue();

    expect(await delivery(id)).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(receiver.received.filter((r) => r.delivery === id)).toHaveLength(1);
  });

  it('given a delivery whose last allowed attempt was cut off (its worker stopped, its lease ran out), then it fails without another attempt', async () => {
    const id = await deliveryTo('/cut-off');
    await db.dataSource.query("UPDATE webhook_deliveries SET attempts = 3, next_attempt_at = now() - interval '1 second' WHERE id = $1", [id]);

    await worker.deliverDue();

    expect(await delivery(id)).toMatchObject({ status: 'failed', attempts: 3, next_attempt_at: null, last_error: 'the last attempt was cut off (its worker stopped)' });
    expect(receiver.received.filter((r) => r.path === '/cut-off')).toEqual([]);
  });

  it('given a subscription to the machine itself where the deployment allows no such network, then no attempt reaches it', async () => {
    // Made where the receiver was allowed (this suite's config, as every test deployment's), delivered by one that allows none.
    const id = await deliveryTo('/inside');
    const strict = new DeliverWebhooks(
      db.dataSource,
      new WebhookDeliveryRepository(),
      createLogger('notifications', 'silent'),
      loadServiceConfig('notifications', { NODE_ENV: 'test', NOTIFICATION_WEBHOOK_ALLOWED_NETWORKS: 'none', NOTIFICATION_DELIVERY_MAX_ATTEMPTS: '1' }),
    );
    try {
      await strict.deliverDue();
    } finally {
      await strict.beforeApplicationShutdown();
    }

    expect(await delivery(id)).toMatchObject({ status: 'failed', attempts: 1, last_status_code: null, last_error: 'address not allowed (private, loopback or link-local)' });
    expect(receiver.received.filter((r) => r.path === '/inside')).toEqual([]);
  });

  it('given two workers at once, then each due delivery is attempted by one of them only', async () => {
    const ids = await Promise.all([1, 2, 3, 4].map(() => deliveryTo('/ok')));
    const other = new DeliverWebhooks(db.dataSource, new WebhookDeliveryRepository(), createLogger('notifications', 'silent'), config);

    const attempted = (await Promise.all([worker.deliverDue(), other.deliverDue()])).reduce((a, b) => a + b, 0);

    expect(attempted).toBeGreaterThanOrEqual(4);
    for (const id of ids) expect(await delivery(id)).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(receiver.received.filter((r) => ids.includes(r.delivery))).toHaveLength(4);
  });
});

describe('a subscription\'s delivery log', () => {
  it('given more deliveries than a page across a digit boundary of their numbers, when paging to the end, then every delivery comes once, newest first', async () => {
    await serialBelowDigitBoundary(db.dataSource, 'webhook_deliveries', 'seq');
    const subscriptionId = randomUUID();
    const notificationIds = Array.from({ length: 12 }, () => randomUUID());
    const now = new Date();
    const deliveries = new WebhookDeliveryRepository();
    for (const notificationId of notificationIds) {
      await db.dataSource.transaction(async (tx) => {
        if (notificationId === notificationIds[0]) {
          await subscriptions.insert(
            tx,
            { id: subscriptionId, name: 'log', url: `${base}/log`, eventTypes: ['major_complaint'], active: true, createdBy: 'admin', createdAt: now, updatedAt: now },
            SECRET,
          );
        }
        await tx.query(
          `INSERT INTO notifications (id, source_event_id, kind, title, ticket_id, ticket_number, ticket_status, roles, occurred_at)
           VALUES ($1, $2, 'major_complaint', 't', $3, 'TK-20261008-000001', 'new', '{supervisor}', now())`,
          [notificationId, randomUUID(), randomUUID()],
        );
        await deliveries.enqueueAll(tx, [{ notificationId, subscriptionId, eventType: 'major_complaint', payload: '{}' }], now);
      });
    }

    const seen: string[] = [];
    for (let page = await deliveries.page(db.dataSource.manager, subscriptionId, { limit: 5 }); page.length > 0; ) {
      seen.push(...page.map((d) => d.notificationId));
      page = await deliveries.page(db.dataSource.manager, subscriptionId, { limit: 5, beforeSeq: page[page.length - 1]!.seq });
    }
    expect(seen).toEqual([...notificationIds].reverse());
  });
});
