import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { DomainError } from '@cs/ddd';

/** Which URLs a subscription may deliver to, as the deployment allows (config: notifications.webhookDestinations). */
export interface DestinationRules {
  /** Deliveries carry questionnaire links and what a ticket is about: production sends them over TLS only. */
  readonly httpsOnly: boolean;
  /** The ports the network lets the service reach; none named: any. */
  readonly ports?: readonly number[];
  /**
   * Networks outside the public internet deliveries may reach, as CIDRs (a company's own systems
   * on its private network). Every other private, loopback, link-local or otherwise special
   * address is refused.
   */
  readonly allowedNetworks: readonly string[];
}

const DEFAULT_PORTS: Readonly<Record<string, number>> = { 'https:': 443, 'http:': 80 };

/** An allowed network as ipaddr.js matches it; each is parsed once. */
type Network = [ipaddr.IPv4 | ipaddr.IPv6, number];
const parsedNetworks = new Map<string, Network>();
function networkOf(cidr: string): Network {
  let network = parsedNetworks.get(cidr);
  if (network === undefined) {
    network = ipaddr.parseCIDR(cidr);
    parsedNetworks.set(cidr, network);
  }
  return network;
}

/** IPv6's global unicast space: ipaddr.js calls the rest of `::/8` (IPv4-compatible addresses among it) unicast too. */
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');

/**
 * Whether a delivery may connect to `address` (an IP address as a resolver answers it): a public
 * unicast address, or one in a network the deployment allows. A subscription is a request the
 * service sends from inside the cluster to a URL an admin typed; without this, it reaches what
 * only the cluster can — the cloud's metadata endpoint (169.254.169.254), the pods and the
 * databases beside it — and the delivery log's status codes tell the admin what answered. An
 * IPv4 address written as IPv6 (`::ffff:127.0.0.1`) is judged as the IPv4 address it is; an IPv6
 * address is public only in the global unicast space (2000::/3).
 */
export function addressAllowed(address: string, allowedNetworks: readonly string[]): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address);
  const publicUnicast = parsed.range() === 'unicast' && (parsed.kind() === 'ipv4' || parsed.match(GLOBAL_UNICAST_V6));
  if (publicUnicast) return true;
  return allowedNetworks.some((cidr) => {
    const network = networkOf(cidr);
    return network[0].kind() === parsed.kind() && parsed.match(network);
  });
}

/** `localhost` and its subdomains name the machine itself whatever a resolver says (RFC 6761). */
const LOOPBACK_NAME = /(^|\.)localhost\.?$/i;
const LOOPBACK_ADDRESS = '127.0.0.1';

/**
 * Refuses a subscription URL its deliveries could never take: one the deployment's network does
 * not let the service reach would otherwise be accepted and then fail every attempt, as
 * "connection timed out", until its admin read the log; one whose host is a private, loopback or
 * link-local address (`addressAllowed`) would be refused at every attempt. A host name's addresses
 * are judged when each delivery connects, since what it resolves to can change after the
 * subscription is made. `field` is the request field it came in.
 */
export function assertDeliverable(url: string, rules: DestinationRules, field = 'url'): void {
  // The request's validation refuses such a URL first; this keeps a 500 out of any other way in.
  if (!URL.canParse(url)) throw new DomainError('WEBHOOK_SUBSCRIPTION.INVALID_URL', 'invalid', 'not a URL the deliveries could reach', field);
  const parsed = new URL(url);
  // fetch refuses to send a URL with credentials, so every attempt would fail; they would also be shown to whoever reads the subscription.
  if (parsed.username !== '' || parsed.password !== '') {
    throw new DomainError(
      'WEBHOOK_SUBSCRIPTION.CREDENTIALS_IN_URL',
      'invalid',
      'a webhook URL carries no user name or password: deliveries are signed (X-CS-Signature), or put a token the receiver checks in the path or query',
      field,
    );
  }
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
  const address = literalAddressOf(parsed.hostname);
  if (address !== undefined && !addressAllowed(address, rules.allowedNetworks)) {
    throw new DomainError(
      'WEBHOOK_SUBSCRIPTION.ADDRESS_NOT_ALLOWED',
      'invalid',
      'webhook deliveries go to public addresses, and to private networks only where this deployment allows them: this URL names a private, loopback or link-local host',
      field,
    );
  }
}

/** The address a URL's host names without a resolver — an IP literal, or a loopback name — if any. */
export function literalAddressOf(hostname: string): string | undefined {
  const host = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  if (isIP(host) !== 0) return host;
  return LOOPBACK_NAME.test(host) ? LOOPBACK_ADDRESS : undefined;
}
