import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ServiceConfig } from '@cs/config';
import { DomainError } from '@cs/ddd';
import { SERVICE_CONFIG } from '@cs/platform';
import type { WebhookKind } from '../domain/outbound-message';
import { DestinationRules, assertDeliverable } from '../domain/webhook-destination';
import { DeliveryStatus, WebhookDelivery, WebhookDeliveryRepository } from '../infrastructure/webhook-delivery.repository';
import { SubscriptionChanges, WebhookSubscription, WebhookSubscriptionRepository } from '../infrastructure/webhook-subscription.repository';
import { newSigningSecret } from '../infrastructure/webhook-signature';
import { decodeCursor, encodeCursor } from './cursor';

export interface NewSubscription {
  readonly name: string;
  readonly url: string;
  readonly eventTypes: readonly WebhookKind[];
  readonly projectCode?: string;
}

/** Who is changing subscriptions: their id, and the projects they serve (undefined: all). */
export interface SubscriptionAdmin {
  readonly sub: string;
  readonly projects?: readonly string[];
}

const notFound = (id: string) => new DomainError('WEBHOOK_SUBSCRIPTION.NOT_FOUND', 'not_found', `webhook subscription ${id} not found`);

/**
 * 外发通知 — the company's outgoing webhooks. A subscription of one project is managed by the
 * admins of that project; one of no project receives every project's notifications, so only an
 * admin serving every project may create it.
 */
@Injectable()
export class ManageWebhookSubscriptions {
  private readonly destinations: DestinationRules;

  constructor(
    private readonly dataSource: DataSource,
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly deliveries: WebhookDeliveryRepository,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    this.destinations = config.notifications.webhookDestinations;
  }

  /** The secret is returned here and never again. */
  async create(input: NewSubscription, admin: SubscriptionAdmin, now: Date = new Date()): Promise<{ subscription: WebhookSubscription; secret: string }> {
    if (admin.projects !== undefined) {
      if (input.projectCode === undefined) {
        throw new DomainError('WEBHOOK_SUBSCRIPTION.PROJECT_REQUIRED', 'forbidden', 'you serve only some projects: name one of them', 'projectCode');
      }
      if (!admin.projects.includes(input.projectCode)) {
        throw new DomainError('WEBHOOK_SUBSCRIPTION.PROJECT_NOT_SERVED', 'forbidden', `you do not serve project ${input.projectCode}`, 'projectCode');
      }
    }
    assertDeliverable(input.url, this.destinations);
    const subscription: WebhookSubscription = {
      id: randomUUID(),
      name: input.name,
      url: input.url,
      eventTypes: [...new Set(input.eventTypes)],
      ...(input.projectCode ? { projectCode: input.projectCode } : {}),
      active: true,
      createdBy: admin.sub,
      createdAt: now,
      updatedAt: now,
    };
    const secret = newSigningSecret();
    await this.dataSource.transaction((tx) => this.subscriptions.insert(tx, subscription, secret));
    return { subscription, secret };
  }

  list(admin: SubscriptionAdmin): Promise<WebhookSubscription[]> {
    return this.subscriptions.list(this.dataSource.manager, admin.projects);
  }

  async get(id: string, admin: SubscriptionAdmin): Promise<WebhookSubscription> {
    const found = await this.subscriptions.find(this.dataSource.manager, id, admin.projects);
    if (!found) throw notFound(id);
    return found;
  }

  async update(id: string, changes: SubscriptionChanges, admin: SubscriptionAdmin, now: Date = new Date()): Promise<WebhookSubscription> {
    // A JSON null leaves the URL as it is, as an absent one does (the repository keeps it).
    if (typeof changes.url === 'string') assertDeliverable(changes.url, this.destinations);
    const eventTypes = changes.eventTypes ? { eventTypes: [...new Set(changes.eventTypes)] } : {};
    const updated = await this.dataSource.transaction((tx) => this.subscriptions.update(tx, id, { ...changes, ...eventTypes }, admin.projects, now));
    if (!updated) throw notFound(id);
    return updated;
  }

  /** Gone at once, nothing sent for it after; its delivery log is purged later, in batches (PruneNotifications). */
  async remove(id: string, admin: SubscriptionAdmin, now: Date = new Date()): Promise<void> {
    if (!(await this.dataSource.transaction((tx) => this.subscriptions.delete(tx, id, admin.projects, now)))) throw notFound(id);
  }

  /** The delivery log, newest first: status, attempts, last answer and the next attempt. */
  async deliveryLog(
    id: string,
    query: { status?: DeliveryStatus; cursor?: string; limit: number },
    admin: SubscriptionAdmin,
  ): Promise<{ items: WebhookDelivery[]; nextCursor?: string }> {
    await this.get(id, admin);
    const beforeSeq = decodeCursor(query.cursor, 'WEBHOOK_SUBSCRIPTION.BAD_CURSOR');
    const rows = await this.deliveries.page(this.dataSource.manager, id, {
      limit: query.limit + 1,
      ...(query.status ? { status: query.status } : {}),
      ...(beforeSeq !== undefined ? { beforeSeq } : {}),
    });
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    return { items, ...(rows.length > query.limit && last ? { nextCursor: encodeCursor(last.seq) } : {}) };
  }
}
