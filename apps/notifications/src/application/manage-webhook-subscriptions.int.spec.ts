import { loadServiceConfig } from '@cs/config';
import { DomainError } from '@cs/ddd';
import { ThrowawaySchema, throwawaySchema } from '@cs/testing';
import { MIGRATIONS } from '../infrastructure/migrations';
import { WebhookDeliveryRepository } from '../infrastructure/webhook-delivery.repository';
import { SubscriptionChanges, WebhookSubscriptionRepository } from '../infrastructure/webhook-subscription.repository';
import { ManageWebhookSubscriptions } from './manage-webhook-subscriptions';

/** A deployment whose network lets notifications dial 443 only, as the shipped k8s manifests do. */
const config = loadServiceConfig('notifications', { NODE_ENV: 'test', NOTIFICATION_WEBHOOK_PORTS: '443' });
const everyProject = { sub: 'admin-1' };

let db: ThrowawaySchema;
let manage: ManageWebhookSubscriptions;

beforeAll(async () => {
  db = await throwawaySchema('notifications_subscriptions', MIGRATIONS);
  manage = new ManageWebhookSubscriptions(db.dataSource, new WebhookSubscriptionRepository(), new WebhookDeliveryRepository(), config);
});

afterAll(async () => {
  await db?.drop();
});

const refusal = (attempt: Promise<unknown>): Promise<unknown> =>
  attempt.then(
    () => 'accepted',
    (error: unknown) => (error instanceof DomainError ? { code: error.code, kind: error.kind, field: error.field } : error),
  );

describe('subscriptions the network could never deliver to', () => {
  it('are refused when made, naming the url, and nothing is stored', async () => {
    const made = refusal(manage.create({ name: 'sms', url: 'https://sms.example.com:8443/hook', eventTypes: ['sla_breached'] }, everyProject));
    expect(await made).toEqual({ code: 'WEBHOOK_SUBSCRIPTION.PORT_NOT_REACHABLE', kind: 'invalid', field: 'url' });
    expect(await manage.list(everyProject)).toEqual([]);
  });

  it('are refused when a subscription is repointed at one, which keeps its URL', async () => {
    const { subscription } = await manage.create({ name: 'sms', url: 'https://sms.example.com/hook', eventTypes: ['sla_breached'] }, everyProject);
    const repointed = refusal(manage.update(subscription.id, { url: 'http://sms.example.com/hook' }, everyProject));
    expect(await repointed).toEqual({ code: 'WEBHOOK_SUBSCRIPTION.PORT_NOT_REACHABLE', kind: 'invalid', field: 'url' });
    expect((await manage.get(subscription.id, everyProject)).url).toBe('https://sms.example.com/hook');
    expect((await manage.update(subscription.id, { url: 'https://sms.example.com:443/v2' }, everyProject)).url).toBe('https://sms.example.com:443/v2');
  });

  it('are refused when made or repointed at a private, loopback or link-local address, whatever the port', async () => {
    const made = refusal(manage.create({ name: 'metadata', url: 'https://169.254.169.254/latest/meta-data/', eventTypes: ['sla_breached'] }, everyProject));
    expect(await made).toEqual({ code: 'WEBHOOK_SUBSCRIPTION.ADDRESS_NOT_ALLOWED', kind: 'invalid', field: 'url' });
    const { subscription } = await manage.create({ name: 'sms', url: 'https://sms.example.com/hook', eventTypes: ['sla_breached'] }, everyProject);
    const repointed = refusal(manage.update(subscription.id, { url: 'https://10.0.0.7/hook' }, everyProject));
    expect(await repointed).toEqual({ code: 'WEBHOOK_SUBSCRIPTION.ADDRESS_NOT_ALLOWED', kind: 'invalid', field: 'url' });
    expect((await manage.get(subscription.id, everyProject)).url).toBe('https://sms.example.com/hook');
    expect((await manage.list(everyProject)).map((s) => s.url)).not.toContain('https://169.254.169.254/latest/meta-data/');
  });

  it("leave a subscription alone when a change sends the url as null, as the API's validation lets through", async () => {
    const { subscription } = await manage.create({ name: 'sms', url: 'https://sms.example.com/hook', eventTypes: ['sla_breached'] }, everyProject);
    const changes = JSON.parse('{"name": "renamed", "url": null}') as SubscriptionChanges;
    expect(await manage.update(subscription.id, changes, everyProject)).toMatchObject({ name: 'renamed', url: 'https://sms.example.com/hook' });
  });
});
