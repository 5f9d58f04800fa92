import { DomainError } from '@cs/ddd';

/** Which URLs a subscription may deliver to, as the deployment allows (config: notifications.webhookDestinations). */
export interface DestinationRules {
  /** Deliveries carry questionnaire links and what a ticket is about: production sends them over TLS only. */
  readonly httpsOnly: boolean;
  /** The ports the network lets the service reach; none named: any. */
  readonly ports?: readonly number[];
}

const DEFAULT_PORTS: Readonly<Record<string, number>> = { 'https:': 443, 'http:': 80 };

/**
 * Refuses a subscription URL its deliveries could never take: one the deployment's network does
 * not let the service reach would otherwise be accepted and then fail every attempt, as
 * "connection timed out", until its admin read the log. `field` is the request field it came in.
 */
export function assertDeliverable(url: string, rules: DestinationRules, field = 'url'): void {
  const parsed = new URL(url);
  if (rules.httpsOnly && parsed.protocol !== 'https:') {
    throw new DomainError('WEBHOOK_SUBSCRIPTION.HTTPS_REQUIRED', 'invalid', 'webhook deliveries are sent over https only: use an https URL', field);
  }
  const port = parsed.port === '' ? DEFAULT_PORTS[parsed.protocol] : Number(parsed.port);
  if (rules.ports !== undefined && (port === undefined || !rules.ports.includes(port))) {
    throw new DomainError(
      'WEBHOOK_SUBSCRIPTION.PORT_NOT_REACHABLE',
      'invalid',
      `this deployment delivers webhooks to port ${rules.ports.join(', ')} only; the URL reaches port ${port ?? parsed.port}`,
      field,
      { allowedPorts: [...rules.ports] },
    );
  }
}
