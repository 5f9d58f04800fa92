import { Inject, Injectable } from '@nestjs/common';
import { Channel } from '@cs/contracts';
import { DomainError } from '@cs/ddd';
import type { Logger } from '@cs/observability';
import type { RedisClient } from '@cs/persistence';
import { LOGGER, OutageWarning, REDIS, isDependencyFailure } from '@cs/platform';
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
  /** Every delivery meets the outage twice (the check, the remembering): one line per interval, not two per delivery. */
  private readonly outage: OutageWarning;

  constructor(
    private readonly recordContact: RecordContact,
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.outage = new OutageWarning(logger, 'webhook: delivery ids neither checked nor remembered, Redis is not answering; the message id still refuses a replay');
  }

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

  /**
   * Call after `authenticate`: refuses a delivery id whose contact was recorded in the last day,
   * else records the contact. The id is remembered only once the contact has committed: a retry
   * while the first attempt is still being recorded goes on to the record, where the index of
   * the gateway's message ids lets one in and answers the other CONTACT.DUPLICATE_DELIVERY, and
   * an attempt that fails, or dies with its process, leaves nothing behind to refuse the next.
   */
  async receive(delivery: SignedDelivery, command: RecordContactCommand, now = new Date()): Promise<RecordedContact> {
    if (!delivery.deliveryId || !/^[\w.:-]{1,128}$/.test(delivery.deliveryId)) {
      throw new DomainError('WEBHOOK.DELIVERY_ID_REQUIRED', 'invalid', 'X-Delivery-Id is required', 'X-Delivery-Id');
    }
    const key = `intake:webhook:${delivery.channel}:${delivery.deliveryId}`;
    if (await this.remembered(key)) {
      throw new DomainError('WEBHOOK.REPLAYED', 'conflict', `delivery ${delivery.deliveryId} was already received`, 'X-Delivery-Id');
    }
    const recorded = await this.recordContact.execute(command, { kind: 'gateway', channel: delivery.channel }, now);
    await this.remember(key);
    return recorded;
  }

  /**
   * Whether the delivery id was recorded in the window. Without Redis it is taken as new: the
   * contacts' unique index on the gateway's message id still refuses a replay (the signature
   * covers the body, so a replayed delivery carries the same message id), and a contact is
   * never refused for a store that only speeds its refusal up.
   */
  private async remembered(key: string): Promise<boolean> {
    try {
      return (await this.redis.exists(key)) > 0;
    } catch (error: unknown) {
      if (!isDependencyFailure(error)) throw error;
      this.outage.warn(error);
      return false;
    }
  }

  /** The contact has committed: not remembering its delivery id (Redis lost meanwhile) must not make its answer a failure. */
  private async remember(key: string): Promise<void> {
    try {
      await this.redis.set(key, '1', { expiration: { type: 'EX', value: REPLAY_WINDOW_SECONDS } });
    } catch (error: unknown) {
      if (!isDependencyFailure(error)) throw error;
      this.outage.warn(error);
    }
  }
}
