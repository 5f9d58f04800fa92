import { randomUUID } from 'node:crypto';
import { DomainError } from '@cs/ddd';
import { OutboxWriter } from '@cs/messaging';
import { RedisClient, createRedisClient, destroyRedisClient } from '@cs/persistence';
import { createLogger } from '@cs/observability';
import { REDIS_LOSSES, ThrowawaySchema, eventually, newMobile, redisBehindRelayFor, rejectionOf, statementsWaitingForLocks, throwawaySchema } from '@cs/testing';
import { activeItemsOfIntake } from '../infrastructure/active-items';
import { ContactRepository } from '../infrastructure/contact.repository';
import { CustomerRepository } from '../infrastructure/customer.repository';
import { MIGRATIONS } from '../infrastructure/migrations';
import { throwawayPiiCodec } from '../infrastructure/pii/throwaway-pii-codec.support.spec';
import { ReceiveWebhook, SignedDelivery } from './receive-webhook';
import { RecordContact, RecordContactCommand } from './record-contact';
import { ResolveCustomer } from './resolve-customer';

let db: ThrowawaySchema;
let redis: RedisClient;
let customers: CustomerRepository;
let webhooks: ReceiveWebhook;
let recordContact: RecordContact;

const delivery = (): SignedDelivery => ({ channel: 'sms', secret: 'unused', rawBody: Buffer.alloc(0), deliveryId: `dlv-${randomUUID()}` });
const message = (phone: string): RecordContactCommand => ({ channel: 'sms', content: '3栋电梯停了', customer: { phone }, externalId: `msg-${randomUUID()}` });
const outcomeOf = (settled: PromiseSettledResult<unknown>) =>
  settled.status === 'fulfilled' ? 'recorded' : settled.reason instanceof DomainError ? settled.reason.code : String(settled.reason);

beforeAll(async () => {
  db = await throwawaySchema('intake_webhooks', MIGRATIONS);
  redis = createRedisClient(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379', 'intake-webhook-test');
  await redis.connect();
  const pii = throwawayPiiCodec();
  customers = new CustomerRepository(pii);
  const outbox = new OutboxWriter(db.schema, '/cs/intake');
  db.dataSource.subscribers.push(outbox.committed);
  recordContact = new RecordContact(db.dataSource, new ResolveCustomer(customers, outbox), new ContactRepository(pii), outbox, activeItemsOfIntake());
  webhooks = new ReceiveWebhook(recordContact, redis, createLogger('intake-webhook-test', 'silent'));
});

afterAll(async () => {
  if (redis) destroyRedisClient(redis);
  await db?.drop();
});

describe('a gateway’s delivery', () => {
  it('given a retry while the first attempt is still being recorded, then it is not refused as a replay: one of them records the message, the other is its duplicate', async () => {
    const [sent, phone] = [delivery(), newMobile()];
    const sms = message(phone);
    // Another contact from the phone, not committed yet, holds the first attempt inside its transaction.
    const other = db.dataSource.createQueryRunner();
    await other.connect();
    try {
      await other.startTransaction();
      await customers.lockPhonesAndEmails(other.manager, { phones: [`+86${phone}`] });
      // Sent ahead (ADR 0189): held once a statement after it is answered.
      await other.query('SELECT 1');
      const first = webhooks.receive(sent, sms);
      await eventually(async () => expect(await statementsWaitingForLocks(db.dataSource)).toBe(1));
      const retry = webhooks.receive(sent, sms);
      // Were the first attempt's process to die now, nothing would refuse the gateway's next retry.
      expect(await redis.exists(`intake:webhook:sms:${sent.deliveryId}`)).toBe(0);
      await other.commitTransaction();
      expect((await Promise.allSettled([first, retry])).map(outcomeOf).sort()).toEqual(['CONTACT.DUPLICATE_DELIVERY', 'recorded']);
    } finally {
      await other.release();
    }
    expect(((await db.dataSource.query('SELECT count(*)::int AS n FROM contacts WHERE external_id = $1', [sms.externalId])) as { n: number }[])[0]!.n).toBe(1);
  });

  it('given a delivery recorded, when it comes again, then it is refused as replayed, naming X-Delivery-Id', async () => {
    const [sent, sms] = [delivery(), message(newMobile())];
    await webhooks.receive(sent, sms);
    const replayed = await rejectionOf(webhooks.receive(sent, sms), DomainError);
    expect([replayed.code, replayed.kind, replayed.field]).toEqual(['WEBHOOK.REPLAYED', 'conflict', 'X-Delivery-Id']);
  });

  it('given a delivery refused for what it says, when it comes again corrected, then it is recorded', async () => {
    const sent = delivery();
    const refused = await rejectionOf(webhooks.receive(sent, { ...message(newMobile()), content: ' ' }), DomainError);
    expect(refused.code).toBe('CONTACT.EMPTY_CONTENT');
    expect((await webhooks.receive(sent, message(newMobile()))).route).toBe('new_matter');
  });
});

describe('a gateway’s delivery with Redis lost', () => {
  const lost = redisBehindRelayFor('intake-webhook-lost', (client) => new ReceiveWebhook(recordContact, client, createLogger('intake-webhook-test', 'silent')));
  const contactsOf = async (externalId: string) =>
    ((await db.dataSource.query('SELECT count(*)::int AS n FROM contacts WHERE external_id = $1', [externalId])) as { n: number }[])[0]!.n;

  it.each(REDIS_LOSSES)('given Redis %s, when a delivery comes, then its contact is recorded in time, its retry is refused as the message’s duplicate, and once Redis is back the next delivery is remembered again', async (_, mode) => {
    const [sent, sms] = [delivery(), message(newMobile())];
    await lost.relay.cut(mode);
    try {
      const started = Date.now();
      const recorded = await lost.subject.receive(sent, sms);
      // One or two of the watch's PINGs; the bound is the 2 s within which a lost dependency must answer.
      expect(Date.now() - started).toBeLessThan(2_500);
      expect(recorded.route).toBe('new_matter');
      const retried = await rejectionOf(lost.subject.receive(sent, sms), DomainError);
      expect([retried.code, retried.kind]).toEqual(['CONTACT.DUPLICATE_DELIVERY', 'conflict']);
      expect(await contactsOf(sms.externalId!)).toBe(1);
    } finally {
      await lost.relay.restore();
    }
    // The client reconnected by itself: a delivery is remembered in Redis and its replay refused as such.
    const after = await eventually(async () => {
      const next = delivery();
      await lost.subject.receive(next, message(newMobile()));
      expect(await redis.exists(`intake:webhook:sms:${next.deliveryId}`)).toBe(1);
      return next;
    }, 15_000, 200);
    expect((await rejectionOf(lost.subject.receive(after, message(newMobile())), DomainError)).code).toBe('WEBHOOK.REPLAYED');
  });
});
