import type { ServiceName } from '@cs/config';

/**
 * Which service serves which `/v1` path prefix: the one table the local gateway and the k8s
 * Ingress (k8s/base/ingress.yaml) route by. A new service adds its row here; the type makes a
 * service without a row a compile error.
 */
export const ROUTE_TABLE: Readonly<Record<ServiceName, readonly string[]>> = {
  intake: ['/v1/contacts', '/v1/inbound', '/v1/customers', '/v1/pii-access-log', '/v1/projects'],
  tickets: ['/v1/tickets', '/v1/catalogue', '/v1/calendars', '/v1/sla-policies', '/v1/incidents', '/v1/ticket-schedules'],
  callbacks: ['/v1/callbacks', '/v1/callback-policies', '/v1/callback-plans', '/v1/questionnaires'],
  knowledge: ['/v1/knowledge', '/v1/answers', '/v1/suggestions', '/v1/gaps', '/v1/synonyms', '/v1/change-notices'],
  reporting: ['/v1/reports', '/v1/kpis', '/v1/scorecards', '/v1/scorecard-schemes', '/v1/spot-checks', '/v1/praise', '/v1/projections'],
  notifications: ['/v1/notifications', '/v1/webhook-subscriptions'],
};

/** Paths the gateway answers itself. */
export const GATEWAY_PREFIXES = ['/v1/dev'] as const;

/** A prefix matches whole path segments: `/v1/tickets` serves `/v1/tickets/{id}`, not `/v1/ticketsx`. */
export function matchesPrefix(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}

/** The service that serves a path (an OpenAPI path or a request path without its query), if any. */
export function serviceOfPath(path: string): ServiceName | undefined {
  const entries = Object.entries(ROUTE_TABLE) as [ServiceName, readonly string[]][];
  return entries.find(([, prefixes]) => prefixes.some((prefix) => matchesPrefix(path, prefix)))?.[0];
}
