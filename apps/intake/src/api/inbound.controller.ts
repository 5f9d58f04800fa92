import { Body, Controller, HttpCode, Inject, Param, Post, Req, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiHeader, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Public } from '@cs/auth';
import { RateLimit } from '@cs/platform';
import { Channel } from '@cs/contracts';
import { ReceiveWebhook } from '../application/receive-webhook';
import { toContactCommand } from './contact-command';
import { InboundMessageDto, RecordedContactDto } from './contact.dto';
import { RawBodyRequest, WEBHOOK_SECRETS, WebhookSecrets, WebhookSignatureGuard, header } from './webhook-signature.guard';

/** Webhooks of the channel gateways (email, SMS, WeChat, …), authenticated by signature, not by token. */
@ApiTags('inbound')
@Controller('v1/inbound')
export class InboundController {
  constructor(
    private readonly webhooks: ReceiveWebhook,
    @Inject(WEBHOOK_SECRETS) private readonly secrets: WebhookSecrets,
  ) {}

  @Post(':channel')
  @Public()
  @HttpCode(202)
  @UseGuards(WebhookSignatureGuard)
  @RateLimit({
    bucket: (request) => `webhook:${(request.params as { channel?: string }).channel ?? 'unknown'}`,
    // Deliveries per channel and minute before a gateway is told to slow down (429).
    limit: (config) => config.webhooks.perChannelPerMinute,
    windowSeconds: 60,
  })
  @ApiOperation({
    summary: 'Receive a message from a channel gateway',
    description:
      'X-Signature: sha256=<hex HMAC-SHA256 of "<X-Timestamp>.<raw body>"> with the channel’s secret; X-Timestamp within 5 minutes; X-Delivery-Id unique per delivery. ' +
      'A delivery id whose message was recorded in the last 24 hours is 409 `WEBHOOK.REPLAYED`; a retry while the first attempt is still being recorded waits for it, and is 409 `CONTACT.DUPLICATE_DELIVERY` once that attempt has recorded the message (recorded either way), or records it if that attempt failed. ' +
      'While Redis is lost, delivery ids are neither checked nor remembered: a replay is refused by its message id instead, 409 `CONTACT.DUPLICATE_DELIVERY`.',
  })
  @ApiParam({ name: 'channel', enum: ['email', 'sms', 'wechat', 'qq', 'web_chat', 'social'] })
  @ApiHeader({ name: 'X-Signature', required: true })
  @ApiHeader({ name: 'X-Timestamp', required: true })
  @ApiHeader({ name: 'X-Delivery-Id', required: true })
  @ApiAcceptedResponse({ type: RecordedContactDto })
  async receive(
    @Param('channel') channel: Channel,
    @Body() body: InboundMessageDto,
    @Req() request: RawBodyRequest,
  ): Promise<RecordedContactDto> {
    return this.webhooks.receive(
      {
        channel,
        secret: this.secrets[channel]!,
        rawBody: request.rawBody ?? Buffer.alloc(0),
        deliveryId: header(request, 'X-Delivery-Id'),
      },
      toContactCommand(body, channel, { externalId: body.messageId }),
    );
  }
}
