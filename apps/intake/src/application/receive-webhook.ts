import { Inject, Injectable } from '@nestjs/common';
import { Channel } from '@cs/contracts';
import { DomainError } from '@cs/ddd';
import type { RedisClient } from '@cs/persistence';
import { REDIS } from '@cs/platform';
import { verifyWebhookSignature } from '../infrastructure/webhooks';
import { RecordContact, RecordContactCommand, RecordedContact } from './record-contact';

export interface SignedDelivery {
  readonly channel: Channel;
  readonly secret: string;
  readonly rawBody: Buffer;
  readonly signature?: string;
  readonly timestamp?: string;
  readonly deliveryId?: string;
}

const REPLAY_WINDOW_SECONDS = 24 * 60 * 60;

/**
 * A message from a channel gateway (email, SMS, WeChat…): authenticated by an HMAC over the
 * raw body, refused when stale or replayed, then recorded like any other contact.
 */
@Injectable()
export class ReceiveWebhook {
  constructor(
    private readonly recordContact: RecordContact,
    @Inject(REDIS) private readonly redis: RedisClient,
  ) {}

  authenticate(delivery: SignedDelivery, now = new Date()): void {
    const result = verifyWebhookSignature({
      secret: delivery.secret,
      rawBody: delivery.rawBody,
      signatureHeader: delivery.signature,
      timestampHeader: delivery.timestamp,
      now,
    });
    if (!result.ok) {
      throw new DomainError('WEBHOOK.SIGNATURE_REJECTED', 'forbidden', `signature rejected: ${result.reason}`, 'X-Signature');
    }
  }

  /** Call after `authenticate`: refuses a delivery id seen in the last day, then records the contact. */
  async receive(delivery: SignedDelivery, command: RecordContactCommand, now = new Date()): Promise<RecordedContact> {
    if (!delivery.deliveryId || !/^[\w.:-]{1,128}$/.test(delivery.deliveryId)) {
      throw new DomainError('WEBHOOK.DELIVERY_ID_REQUIRED', 'invalid', 'X-Delivery-Id is required', 'X-Delivery-Id');
    }
    const fresh = await this.redis.set(`intake:webhook:${delivery.channel}:${delivery.deliveryId}`, '1', {
      expiration: { type: 'EX', value: REPLAY_WINDOW_SECONDS },
      condition: 'NX',
    });
    if (fresh !== 'OK') {
      throw new DomainError('WEBHOOK.REPLAYED', 'conflict', `delivery ${delivery.deliveryId} was already received`, 'X-Delivery-Id');
    }
    try {
      return await this.recordContact.execute(command, { kind: 'gateway', channel: delivery.channel }, now);
    } catch (error) {
      // A delivery that was refused for its content may be corrected and sent again.
      await this.redis.del(`intake:webhook:${delivery.channel}:${delivery.deliveryId}`);
      throw error;
    }
  }
}
