import type { Logger } from '@cs/observability';
import type { RedisClient } from '@cs/persistence';
import { ReceiveWebhook } from './receive-webhook';
import type { RecordContact, RecordContactCommand } from './record-contact';

/** A Redis whose connection is gone: every command fails as node-redis fails it then. */
const closed = () => Promise.reject(Object.assign(new Error('The client is closed'), { name: 'ClientClosedError' }));
const lostRedis = { exists: closed, set: closed } as unknown as RedisClient;

describe('ReceiveWebhook while Redis is lost', () => {
  it('given many deliveries, then each is recorded and the outage is logged once, not twice per delivery', async () => {
    const warn = jest.fn();
    const logger = { warn } as unknown as Logger;
    let recorded = 0;
    const recordContact = { execute: async () => ({ id: `contact-${(recorded += 1)}`, customerId: 'customer-1', route: 'new' }) } as unknown as RecordContact;
    const webhook = new ReceiveWebhook(recordContact, lostRedis, logger);

    for (let delivery = 1; delivery <= 20; delivery += 1) {
      const answer = await webhook.receive(
        { channel: 'sms', secret: 's', rawBody: Buffer.from('{}'), deliveryId: `delivery-${delivery}` },
        {} as RecordContactCommand,
      );
      expect(answer.id).toBe(`contact-${delivery}`);
    }

    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[1]).toContain('Redis is not answering');
  });
});
