import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentScope, CurrentUser, Principal, ProjectScope, Roles, ScopedByProject, scopedProjects } from '@cs/auth';
import { uuidParam } from '@cs/platform';
import { ManageWebhookSubscriptions, SubscriptionAdmin } from '../application/manage-webhook-subscriptions';
import {
  CreateWebhookSubscriptionDto,
  CreatedWebhookSubscriptionView,
  DeliveryLogQuery,
  UpdateWebhookSubscriptionDto,
  WebhookDeliveryPage,
  WebhookDeliveryView,
  WebhookSubscriptionList,
  WebhookSubscriptionView,
} from './webhook-subscription.dto';

function adminOf(user: Principal, scope: ProjectScope): SubscriptionAdmin {
  const projects = scopedProjects(scope);
  return { sub: user.sub, ...(projects ? { projects } : {}) };
}

/**
 * 外发通知 — webhooks a company points at its WeCom / DingTalk / SMS gateway. Each delivery is
 * a POST signed with the subscription's secret (`X-CS-Signature: t=…,v1=…`, see the README),
 * retried with backoff until it is answered 2xx or runs out of attempts.
 */
@ApiTags('webhook-subscriptions')
@Roles('admin')
@ScopedByProject()
@Controller('v1/webhook-subscriptions')
export class WebhookSubscriptionsController {
  constructor(private readonly manage: ManageWebhookSubscriptions) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Subscribe a URL to kinds of notifications; the answer carries the signing secret, shown only this once' })
  @ApiCreatedResponse({ type: CreatedWebhookSubscriptionView })
  async create(
    @Body() body: CreateWebhookSubscriptionDto,
    @CurrentUser() user: Principal,
    @CurrentScope() scope: ProjectScope,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CreatedWebhookSubscriptionView> {
    const { subscription, secret } = await this.manage.create(body, adminOf(user, scope));
    void reply.header('location', `/v1/webhook-subscriptions/${subscription.id}`).header('cache-control', 'no-store');
    return { ...WebhookSubscriptionView.of(subscription), secret };
  }

  @Get()
  @ApiOperation({ summary: 'The subscriptions of your projects (every one, if you serve every project)' })
  @ApiOkResponse({ type: WebhookSubscriptionList })
  async list(@CurrentUser() user: Principal, @CurrentScope() scope: ProjectScope): Promise<WebhookSubscriptionList> {
    return { items: (await this.manage.list(adminOf(user, scope))).map(WebhookSubscriptionView.of) };
  }

  @Get(':id')
  @ApiOkResponse({ type: WebhookSubscriptionView })
  @ApiOperation({ summary: 'One subscription: its URL, kinds and whether it is active (never the secret)' })
  async get(@Param('id', uuidParam('id')) id: string, @CurrentUser() user: Principal, @CurrentScope() scope: ProjectScope): Promise<WebhookSubscriptionView> {
    return WebhookSubscriptionView.of(await this.manage.get(id, adminOf(user, scope)));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Rename, repoint, change the kinds, or pause (active=false) a subscription' })
  @ApiOkResponse({ type: WebhookSubscriptionView })
  async update(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: UpdateWebhookSubscriptionDto,
    @CurrentUser() user: Principal,
    @CurrentScope() scope: ProjectScope,
  ): Promise<WebhookSubscriptionView> {
    return WebhookSubscriptionView.of(await this.manage.update(id, body, adminOf(user, scope)));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a subscription with its delivery log; pending deliveries are not sent' })
  @ApiNoContentResponse({ description: 'removed' })
  async remove(@Param('id', uuidParam('id')) id: string, @CurrentUser() user: Principal, @CurrentScope() scope: ProjectScope): Promise<void> {
    await this.manage.remove(id, adminOf(user, scope));
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'The delivery log, newest first: status, attempts, last answer and next attempt' })
  @ApiOkResponse({ type: WebhookDeliveryPage })
  async deliveries(
    @Param('id', uuidParam('id')) id: string,
    @Query() query: DeliveryLogQuery,
    @CurrentUser() user: Principal,
    @CurrentScope() scope: ProjectScope,
  ): Promise<WebhookDeliveryPage> {
    const page = await this.manage.deliveryLog(id, { status: query.status, cursor: query.cursor, limit: query.limit ?? 50 }, adminOf(user, scope));
    return { items: page.items.map(WebhookDeliveryView.of), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }
}
