import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Channel } from '@cs/contracts';
import { DomainError } from '@cs/ddd';
import { ReceiveWebhook } from '../application/receive-webhook';

export const WEBHOOK_SECRETS = Symbol('WEBHOOK_SECRETS');
export type WebhookSecrets = Readonly<Partial<Record<Channel, string>>>;

/** A request Nest parsed with `rawBody: true`: the signature covers the bytes as sent. */
export type RawBodyRequest = FastifyRequest & { rawBody?: Buffer };

export function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** Checks a gateway's HMAC signature before the body is even validated. */
@Injectable()
export class WebhookSignatureGuard implements CanActivate {
  constructor(
    private readonly webhooks: ReceiveWebhook,
    @Inject(WEBHOOK_SECRETS) private readonly secrets: WebhookSecrets,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<RawBodyRequest>();
    const channel = (request.params as { channel?: string }).channel as Channel;
    // Own keys only: `constructor` or `toString` would find the object's prototype.
    const secret = Object.hasOwn(this.secrets, channel) ? this.secrets[channel] : undefined;
    if (typeof secret !== 'string' || secret === '') {
      throw new DomainError('WEBHOOK.UNKNOWN_CHANNEL', 'not_found', `no gateway is configured for channel "${channel}"`, 'channel');
    }
    this.webhooks.authenticate({
      channel,
      secret,
      rawBody: request.rawBody ?? Buffer.alloc(0),
      signature: header(request, 'X-Signature'),
      timestamp: header(request, 'X-Timestamp'),
    });
    return true;
  }
}
