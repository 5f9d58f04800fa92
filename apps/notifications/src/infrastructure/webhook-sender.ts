import { lookup as dnsLookup } from 'node:dns';
import { readFileSync } from 'node:fs';
import type { LookupAddress, LookupOptions } from 'node:dns';
import { Resolver as DnsResolver } from 'node:dns/promises';
import { Agent, fetch } from 'undici';
import { DomainError } from '@cs/ddd';
import { DestinationRules, addressAllowed, assertDeliverable } from '../domain/webhook-destination';
import { SIGNATURE_HEADER, signatureHeader } from './webhook-signature';

export interface SendResult {
  readonly ok: boolean;
  readonly statusCode?: number;
  readonly error?: string;
}

export interface WebhookRequest {
  readonly deliveryId: string;
  readonly eventType: string;
  readonly url: string;
  readonly secret: string;
  readonly payload: string;
}

/** The code of a connection refused because its host resolved only to addresses deliveries may not reach. */
const ADDRESS_NOT_ALLOWED = 'EADDRESS_NOT_ALLOWED';
const ADDRESS_NOT_ALLOWED_FAILURE = 'address not allowed (private, loopback or link-local)';

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** Every address a host name resolves to, as `dns.lookup` with `all` answers (the system resolver, /etc/hosts included). */
export type Resolver = (hostname: string, options: LookupOptions, callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

const systemResolver: Resolver = (hostname, options, callback) => dnsLookup(hostname, { ...options, all: true }, callback);

/** A DNS question unanswered this long is asked once more, then the attempt fails as a failed lookup. */
const DNS_TIMEOUT_MS = 2_000;
const DNS_TRIES = 2;

/** DNS's answers that the name has no address, as against a server that did not answer. */
const NO_SUCH_NAME = new Set(['ENOTFOUND', 'ENODATA']);
/** A name server that never answered: the next name would wait out the same timeout. */
const NO_ANSWER = 'ETIMEOUT';

/** How the system's resolver completes a name (resolv.conf): the domains it searches, and how many dots make it ask the name alone first. */
export interface NameSearch {
  readonly domains: readonly string[];
  readonly ndots: number;
}

/** The `search` (or `domain`) list and the `ndots` option of a resolv.conf, as the system's resolver reads them: the last line of each counts. */
export function nameSearchOf(resolvConf: string): NameSearch {
  let domains: string[] = [];
  let ndots = 1;
  for (const line of resolvConf.split('\n')) {
    const [keyword, ...values] = line.replace(/[#;].*/, '').trim().split(/\s+/);
    if (keyword === 'search') domains = values;
    else if (keyword === 'domain') domains = values.slice(0, 1);
    else if (keyword === 'options') {
      for (const option of values) {
        const given = /^ndots:(\d+)$/.exec(option);
        if (given) ndots = Math.min(15, Number(given[1]));
      }
    }
  }
  // `search .` (systemd-resolved's way of saying none) names no domain.
  return { domains: domains.map((d) => d.replace(/\.$/, '')).filter((d) => d !== ''), ndots };
}

function systemNameSearch(): NameSearch {
  try {
    return nameSearchOf(readFileSync('/etc/resolv.conf', 'utf8'));
  } catch {
    return { domains: [], ndots: 1 };
  }
}

/**
 * The names to ask for a host name, in the order the system's resolver asks them: a name with a
 * trailing dot alone; one with fewer dots than `ndots` in each search domain first, then alone;
 * any other alone first, then in each search domain.
 */
export function namesToAsk(hostname: string, search: NameSearch): string[] {
  if (hostname.endsWith('.')) return [hostname];
  const searched = search.domains.map((domain) => `${hostname}.${domain}`);
  const dots = hostname.split('.').length - 1;
  return dots >= search.ndots ? [hostname, ...searched] : [...searched, hostname];
}

/**
 * Names asked of DNS on the event loop (c-ares), not through getaddrinfo, which runs on libuv's
 * four threads shared with the file system and crypto: a receiver whose name server never answers
 * held a thread per attempt for the system's full timeout, and four such subscriptions held up
 * every other subscription's lookups (and the process's file and crypto work) meanwhile.
 * c-ares asks a name exactly as given, so the search list and `ndots` of resolv.conf are applied
 * here as getaddrinfo applies them: in Kubernetes (ndots:5, the namespace's domains) a receiver
 * named by its Service and namespace (`sms-gateway.gateways`) is found in the cluster's domain
 * before the name alone goes upstream, where a cluster with no upstream answers SERVFAIL. A name
 * DNS says does not exist under any of them is asked of the system resolver after all, so
 * /etc/hosts (Kubernetes' hostAliases) still names receivers.
 */
export function dnsResolver(
  dns: DnsResolver = new DnsResolver({ timeout: DNS_TIMEOUT_MS, tries: DNS_TRIES }),
  fallback: Resolver = systemResolver,
  search: NameSearch = systemNameSearch(),
): Resolver {
  const ask = (name: string, family: 4 | 6): Promise<LookupAddress[]> =>
    (family === 4 ? dns.resolve4(name) : dns.resolve6(name)).then((addresses) => addresses.map((address) => ({ address, family })));
  const resolve = async (hostname: string, families: readonly (4 | 6)[]): Promise<LookupAddress[] | 'unknown' | 'unanswered'> => {
    let unanswered = false;
    for (const name of namesToAsk(hostname, search)) {
      const answers = await Promise.allSettled(families.map((family) => ask(name, family)));
      const addresses = answers.flatMap((answer) => (answer.status === 'fulfilled' ? answer.value : []));
      if (addresses.length > 0) return addresses;
      const codes = answers.flatMap((answer) => (answer.status === 'rejected' ? [codeOf(answer.reason) ?? ''] : []));
      if (codes.every((code) => NO_SUCH_NAME.has(code))) continue;
      // A name server failing one name (SERVFAIL) may know the next; one that did not answer is not asked again.
      unanswered = true;
      if (codes.includes(NO_ANSWER)) break;
    }
    return unanswered ? 'unanswered' : 'unknown';
  };
  return (hostname, options, callback) => {
    const families: (4 | 6)[] = options.family === 4 ? [4] : options.family === 6 ? [6] : [4, 6];
    void resolve(hostname, families).then((found) => {
      if (found === 'unknown') return fallback(hostname, options, callback);
      if (found === 'unanswered') return callback(Object.assign(new Error('the name server did not answer'), { code: 'EAI_AGAIN' }), []);
      return callback(null, found);
    });
  };
}

/** What the delivery log says of an attempt the deployment's rules refused before connecting, by the rule. */
const REFUSED_BY_RULE: Readonly<Record<string, string>> = {
  'WEBHOOK_SUBSCRIPTION.ADDRESS_NOT_ALLOWED': ADDRESS_NOT_ALLOWED_FAILURE,
  'WEBHOOK_SUBSCRIPTION.PORT_NOT_REACHABLE': 'port not allowed by this deployment',
  'WEBHOOK_SUBSCRIPTION.HTTPS_REQUIRED': 'https required by this deployment',
  'WEBHOOK_SUBSCRIPTION.INVALID_URL': 'not a URL',
  'WEBHOOK_SUBSCRIPTION.CREDENTIALS_IN_URL': 'user name or password in the URL (not sent)',
};

/**
 * The connections deliveries go over. A host name is resolved as the socket connects and only
 * the addresses `addressAllowed` takes are dialled, so a name that resolved to a public address
 * when the subscription was made and to an internal one later (DNS rebinding) is refused where
 * it matters, at the connection itself.
 */
export class WebhookConnections {
  readonly dispatcher: Agent;

  constructor(
    private readonly rules: DestinationRules,
    resolve: Resolver = dnsResolver(),
  ) {
    const lookup = (hostname: string, options: LookupOptions, callback: LookupCallback) => {
      resolve(hostname, options, (error, addresses) => {
        if (error) return callback(error, []);
        const allowed = addresses.filter((a) => addressAllowed(a.address, rules.allowedNetworks));
        const first = allowed[0];
        if (first === undefined) return callback(Object.assign(new Error('no address deliveries may reach'), { code: ADDRESS_NOT_ALLOWED }), []);
        if (options.all === true) return callback(null, allowed);
        return callback(null, first.address, first.family);
      });
    };
    this.dispatcher = new Agent({ connect: { lookup } });
  }

  /**
   * Why the deployment's rules refuse the URL as it stands, before any connection: the rules a
   * subscription was made under may have been narrowed since (a port, https, an address literal).
   */
  refusal(url: string): string | undefined {
    try {
      assertDeliverable(url, this.rules);
      return undefined;
    } catch (error) {
      if (error instanceof DomainError && REFUSED_BY_RULE[error.code] !== undefined) return REFUSED_BY_RULE[error.code];
      throw error;
    }
  }

  close(): Promise<void> {
    return this.dispatcher.close();
  }
}

/**
 * One attempt: a signed POST that must answer 2xx within the timeout. Redirects are not
 * followed — a receiver that moved is a failure its admin should see, not a hop to a URL
 * nobody approved.
 */
export async function sendWebhook(request: WebhookRequest, timeoutMs: number, connections: WebhookConnections, now: Date = new Date()): Promise<SendResult> {
  try {
    // A socket to an address literal is opened without a lookup: the address is judged here, with the other rules.
    const refusal = connections.refusal(request.url);
    if (refusal !== undefined) return { ok: false, error: refusal };
    const response = await fetch(request.url, {
      method: 'POST',
      redirect: 'manual',
      dispatcher: connections.dispatcher,
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'cs-platform-notifications/1',
        'x-cs-event': request.eventType,
        'x-cs-delivery': request.deliveryId,
        [SIGNATURE_HEADER.toLowerCase()]: signatureHeader(request.secret, request.payload, now),
      },
      body: request.payload,
    });
    await response.body?.cancel();
    return { ok: response.status >= 200 && response.status < 300, statusCode: response.status };
  } catch (error) {
    return { ok: false, error: failureOf(error, timeoutMs) };
  }
}

/** What a failed connection's code tells the subscription's admin, without the address it resolved to. */
const CONNECTION_FAILURES: Readonly<Record<string, string>> = {
  [ADDRESS_NOT_ALLOWED]: ADDRESS_NOT_ALLOWED_FAILURE,
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found (DNS lookup failed)',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_SOCKET: 'connection closed',
};

/**
 * Why an attempt failed, as the deliveries list shows it to the subscription's admins: a category,
 * never the address the host resolved to or the network's own wording, which would map the
 * cluster's inside for whoever can point a subscription at it. TLS failures keep their code,
 * which is what a receiver's admin fixes a certificate by.
 * (The timeout's abort is a DOMException, which is not an Error in every Node version.)
 */
function failureOf(error: unknown, timeoutMs: number): string {
  const name = typeof error === 'object' && error !== null && 'name' in error ? error.name : undefined;
  if (name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  // fetch's own error carries the socket's in `cause` (checked by shape: its Error is not always this realm's).
  const cause = typeof error === 'object' && error !== null && 'cause' in error ? error.cause : undefined;
  const code = codeOf(cause) ?? codeOf(error);
  if (code && CONNECTION_FAILURES[code]) return CONNECTION_FAILURES[code];
  if (code && /CERT|TLS|SSL|SELF_SIGNED/.test(code)) return `TLS: ${code}`;
  return 'request failed';
}

function codeOf(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  return typeof code === 'string' ? code : undefined;
}
