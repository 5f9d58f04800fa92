import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUrl, MaxLength, MinLength, ValidateBy } from 'class-validator';
import { WEBHOOK_KINDS, WebhookKind } from '../domain/outbound-message';
import { DELIVERY_STATUSES, DeliveryStatus, WebhookDelivery } from '../infrastructure/webhook-delivery.repository';
import type { WebhookSubscription } from '../infrastructure/webhook-subscription.repository';
import { PageQuery } from './notification.dto';

const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };
/**
 * An http(s) URL that the URL standard also reads: validator's `isURL` lets through host names
 * the WHATWG parser refuses (`https://xn--a.com/`, `https://⒈.com/`), which the deliveries could
 * never reach. Both named `isUrl`, so either refusal reads as one `invalid_format` naming the field.
 */
function WebhookUrl(): PropertyDecorator {
  return applyDecorators(
    IsUrl(URL_OPTIONS),
    ValidateBy({ name: 'isUrl', validator: { validate: (value: unknown) => typeof value === 'string' && URL.canParse(value), defaultMessage: () => 'not a URL' } }),
    MaxLength(2000),
  );
}
const DELIVERABLE =
  'receives a signed POST per notification. 422 for a URL this deployment cannot deliver to: plain http in production (WEBHOOK_SUBSCRIPTION.HTTPS_REQUIRED), or a port outside those its network opens (WEBHOOK_SUBSCRIPTION.PORT_NOT_REACHABLE; 443 in the shipped k8s manifests), or a host given as a private, loopback or link-local address outside the networks the deployment allows (WEBHOOK_SUBSCRIPTION.ADDRESS_NOT_ALLOWED), or a user name or password in the URL (WEBHOOK_SUBSCRIPTION.CREDENTIALS_IN_URL). A host name resolving only to such addresses is refused at each attempt, the delivery failing with "address not allowed"';

export class CreateWebhookSubscriptionDto {
  @ApiProperty({ example: '企业微信 · 领导群', maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @ApiProperty({ format: 'uri', maxLength: 2000, example: 'https://gateway.example.com/cs/notifications', description: DELIVERABLE })
  @WebhookUrl()
  url!: string;

  @ApiProperty({
    enum: WEBHOOK_KINDS,
    isArray: true,
    example: ['major_complaint', 'sla_breached'],
    description:
      'staff alerts about a ticket (major_complaint, escalated, sla_warning, sla_breached) or an incident, 群发事件 (incident_escalated, incident_sla_warning, incident_sla_breached: the body names `incident`, not `ticket`), or outbound messages: callback_questionnaire (a customer’s questionnaire link, for an SMS / e-mail gateway), incident_update (an incident’s progress, once per customer who called about it, for an SMS / WeChat gateway) and report_generated (月报/周报)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_KINDS.length)
  @IsIn(WEBHOOK_KINDS, { each: true })
  eventTypes!: WebhookKind[];

  @ApiPropertyOptional({ example: 'P001', description: 'only this project’s notifications and questionnaire links; without it, every project’s, and the company-wide reports (admins serving every project only)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  projectCode?: string;
}

export class UpdateWebhookSubscriptionDto {
  @ApiPropertyOptional({ example: '钉钉 · 工程部', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ format: 'uri', maxLength: 2000, example: 'https://gateway.example.com/cs/v2/notifications', description: DELIVERABLE })
  @IsOptional()
  @WebhookUrl()
  url?: string;

  @ApiPropertyOptional({ enum: WEBHOOK_KINDS, isArray: true, example: ['major_complaint'] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_KINDS.length)
  @IsIn(WEBHOOK_KINDS, { each: true })
  eventTypes?: WebhookKind[];

  @ApiPropertyOptional({ example: false, description: 'a paused subscription gets no new deliveries and its pending ones wait' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class WebhookSubscriptionView {
  @ApiProperty({ format: 'uuid', example: '9a7c1d2e-5b3f-4e6a-8c0d-1f2e3a4b5c6d' }) id!: string;
  @ApiProperty({ example: '企业微信 · 领导群' }) name!: string;
  @ApiProperty({ format: 'uri', example: 'https://gateway.example.com/cs/notifications' }) url!: string;
  @ApiProperty({ enum: WEBHOOK_KINDS, isArray: true, example: ['major_complaint', 'sla_breached'] }) eventTypes!: WebhookKind[];
  @ApiPropertyOptional({ example: 'P001' }) projectCode?: string;
  @ApiProperty({ example: true }) active!: boolean;
  @ApiProperty({ example: 'admin-1' }) createdBy!: string;
  @ApiProperty({ format: 'date-time', example: '2026-10-01T01:00:00.000Z' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', example: '2026-10-01T01:00:00.000Z' }) updatedAt!: string;

  static of(s: WebhookSubscription): WebhookSubscriptionView {
    return {
      id: s.id,
      name: s.name,
      url: s.url,
      eventTypes: [...s.eventTypes],
      ...(s.projectCode ? { projectCode: s.projectCode } : {}),
      active: s.active,
      createdBy: s.createdBy,
      createdAt: s.createdAt.toISOString(),
      updatedAt: s.updatedAt.toISOString(),
    };
  }
}

export class CreatedWebhookSubscriptionView extends WebhookSubscriptionView {
  @ApiProperty({
    example: 'whsec_3q2-7wVh0bX9kQy6tN1uR4mE8sJ5cL0aZ2dF7gH9iK1',
    description: 'signs every delivery (`X-CS-Signature`); shown only in this answer, so store it now',
  })
  secret!: string;
}

export class WebhookSubscriptionList {
  @ApiProperty({ type: [WebhookSubscriptionView] }) items!: WebhookSubscriptionView[];
}

export class DeliveryLogQuery extends PageQuery {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES, example: 'failed' })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;
}

export class WebhookDeliveryView {
  @ApiProperty({ format: 'uuid', description: 'also sent as `X-CS-Delivery`, for receivers to drop repeats', example: '2c4e6a8b-0d1f-4a3c-9e5b-7d9f1b3d5f7a' })
  id!: string;
  @ApiProperty({ format: 'uuid', description: 'the notification, or outbound message (questionnaire link, report), delivered', example: '6d1f0a9e-3c1b-4f7a-8f0e-2b9d5c4a7e11' })
  notificationId!: string;
  @ApiProperty({ enum: WEBHOOK_KINDS, example: 'major_complaint' }) eventType!: WebhookKind;
  @ApiProperty({ enum: DELIVERY_STATUSES, example: 'pending' }) status!: DeliveryStatus;
  @ApiProperty({ example: 2 }) attempts!: number;
  @ApiPropertyOptional({ format: 'date-time', description: 'pending: when it is tried next', example: '2026-10-08T02:16:00.000Z' }) nextAttemptAt?: string;
  @ApiPropertyOptional({ format: 'date-time', example: '2026-10-08T02:15:30.000Z' }) lastAttemptAt?: string;
  @ApiPropertyOptional({ description: 'HTTP status of the last answer', example: 503 }) lastStatusCode?: number;
  @ApiPropertyOptional({ description: 'why the last attempt got no answer', example: 'no answer within 5000 ms' }) lastError?: string;
  @ApiPropertyOptional({ format: 'date-time', example: '2026-10-08T02:16:01.000Z' }) deliveredAt?: string;
  @ApiProperty({ format: 'date-time', example: '2026-10-08T02:15:00.000Z' }) createdAt!: string;

  static of(d: WebhookDelivery): WebhookDeliveryView {
    return {
      id: d.id,
      notificationId: d.notificationId,
      eventType: d.eventType,
      status: d.status,
      attempts: d.attempts,
      ...(d.status === 'pending' && d.nextAttemptAt ? { nextAttemptAt: d.nextAttemptAt.toISOString() } : {}),
      ...(d.lastAttemptAt ? { lastAttemptAt: d.lastAttemptAt.toISOString() } : {}),
      ...(d.lastStatusCode !== undefined ? { lastStatusCode: d.lastStatusCode } : {}),
      ...(d.lastError !== undefined ? { lastError: d.lastError } : {}),
      ...(d.deliveredAt ? { deliveredAt: d.deliveredAt.toISOString() } : {}),
      createdAt: d.createdAt.toISOString(),
    };
  }
}

export class WebhookDeliveryPage {
  @ApiProperty({ type: [WebhookDeliveryView] }) items!: WebhookDeliveryView[];
  @ApiPropertyOptional({ description: 'pass as `cursor` for the next (older) page', example: 'czEx' }) nextCursor?: string;
}
