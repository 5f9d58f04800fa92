import createClient, { type Client } from 'openapi-fetch';
import type { components, operations, paths } from './schema';

export type { components, operations, paths };

/** The whole API behind the gateway, every path, body and response typed from its OpenAPI document. */
export type ApiClient = Client<paths>;

/** A component schema of the API by name, e.g. `Schema<'TicketView'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

/**
 * A client for the gateway (or the Ingress) at `baseUrl`, sending `token` as the bearer on
 * every request. Errors come back as `error` (the problem+json body), never as exceptions.
 */
export function createApiClient(baseUrl: string, token: string): ApiClient {
  return createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${token}` } });
}
