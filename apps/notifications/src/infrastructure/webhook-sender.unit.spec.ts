import { pbkdf2 } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { Resolver as DnsResolver } from 'node:dns/promises';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Resolver, WebhookConnections, dnsResolver, nameSearchOf, namesToAsk, sendWebhook } from './webhook-sender';

/** A deployment that allows these networks and any port, over http too. */
const rules = (allowedNetworks: string[], ports?: number[]) => ({ httpsOnly: false, allowedNetworks, ...(ports ? { ports } : {}) });
const loopbackAllowed = new WebhookConnections(rules(['127.0.0.0/8']));
afterAll(() => loopbackAllowed.close());

const attempt = (url: string, timeoutMs = 2_000, connections = loopbackAllowed) =>
  sendWebhook({ deliveryId: 'd-1', eventType: 'ticket.created.v1', url, secret: 'webhook-secret-0123456789', payload: '{}' }, timeoutMs, connections);

/** A resolver answering each name from `records` (every address it holds), as a DNS server rebinding a name would. */
const resolverOf =
  (records: Record<string, readonly string[]>): Resolver =>
  (hostname, _options, callback) => {
    const addresses = records[hostname];
    if (addresses === undefined) return callback(Object.assign(new Error(`no record of ${hostname}`), { code: 'ENOTFOUND' }), []);
    return callback(null, addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));
  };

/** An HTTP receiver on 127.0.0.1 counting the requests it takes. */
async function receiver(): Promise<{ port: number; received: () => number; close: () => Promise<void> }> {
  let received = 0;
  const server = createHttpServer((_request, response) => {
    received += 1;
    response.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    received: () => received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port nothing listens on: one a server held and let go. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('why a webhook attempt failed, as its admins read it', () => {
  it('given a port nothing listens on, then it says the connection was refused, never the address', async () => {
    const port = await closedPort();
    const result = await attempt(`http://127.0.0.1:${port}/hook`);
    expect(result).toEqual({ ok: false, error: 'connection refused' });
  });

  it('given a host that does not resolve, then it says so', async () => {
    const result = await attempt('http://receiver.invalid/hook');
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/^host not found/);
  });

  it('given a socket that takes the connection and never answers, then it names the timeout', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const result = await attempt(`http://127.0.0.1:${(silent.address() as AddressInfo).port}/hook`, 200);
      expect(result).toEqual({ ok: false, error: 'no answer within 200 ms' });
    } finally {
      silent.close();
    }
  });
});

describe('where a webhook attempt may connect', () => {
  it('given an address literal the deployment does not allow, then it is refused before any connection, never naming it', async () => {
    const hook = await receiver();
    const strict = new WebhookConnections(rules([]));
    try {
      for (const host of ['127.0.0.1', 'localhost', '[::ffff:127.0.0.1]']) {
        expect(await attempt(`http://${host}:${hook.port}/hook`, 2_000, strict)).toEqual({ ok: false, error: 'address not allowed (private, loopback or link-local)' });
      }
      expect(hook.received()).toBe(0);
      expect(await attempt(`http://127.0.0.1:${hook.port}/hook`)).toEqual({ ok: true, statusCode: 204 });
      expect(hook.received()).toBe(1);
    } finally {
      await strict.close();
      await hook.close();
    }
  });

  it('given a name that resolves to an address the deployment does not allow, then the connection is refused as it is made', async () => {
    const hook = await receiver();
    // The name a subscription was made with, now answering with the machine's own address.
    const rebound = resolverOf({ 'hooks.example.com': ['127.0.0.1'] });
    const strict = new WebhookConnections(rules([]), rebound);
    const allowing = new WebhookConnections(rules(['127.0.0.0/8']), rebound);
    try {
      expect(await attempt(`http://hooks.example.com:${hook.port}/hook`, 2_000, strict)).toEqual({ ok: false, error: 'address not allowed (private, loopback or link-local)' });
      expect(hook.received()).toBe(0);
      expect(await attempt(`http://hooks.example.com:${hook.port}/hook`, 2_000, allowing)).toEqual({ ok: true, statusCode: 204 });
      expect(hook.received()).toBe(1);
    } finally {
      await Promise.all([strict.close(), allowing.close()]);
      await hook.close();
    }
  });

  it('given a port or plain http the deployment no longer allows, then the attempt is refused before connecting, saying which rule', async () => {
    const hook = await receiver();
    const narrowed = new WebhookConnections(rules(['127.0.0.0/8'], [443]));
    const tlsOnly = new WebhookConnections({ httpsOnly: true, allowedNetworks: ['127.0.0.0/8'] });
    try {
      expect(await attempt(`http://127.0.0.1:${hook.port}/hook`, 2_000, narrowed)).toEqual({ ok: false, error: 'port not allowed by this deployment' });
      expect(await attempt(`http://127.0.0.1:${hook.port}/hook`, 2_000, tlsOnly)).toEqual({ ok: false, error: 'https required by this deployment' });
      expect(hook.received()).toBe(0);
    } finally {
      await Promise.all([narrowed.close(), tlsOnly.close()]);
      await hook.close();
    }
  });

  it('given a URL with a user name and password (a subscription made before they were refused), then the attempt says so, not "request failed"', async () => {
    const hook = await receiver();
    try {
      expect(await attempt(`http://gw:s3cret@127.0.0.1:${hook.port}/hook`)).toEqual({ ok: false, error: 'user name or password in the URL (not sent)' });
      expect(hook.received()).toBe(0);
    } finally {
      await hook.close();
    }
  });

  it('given https, then the TLS connection is dialled through the same lookup', async () => {
    const port = await closedPort();
    const records = resolverOf({ 'hooks.example.com': ['127.0.0.1'] });
    const strict = new WebhookConnections(rules([]), records);
    const allowing = new WebhookConnections(rules(['127.0.0.0/8']), records);
    try {
      expect(await attempt(`https://hooks.example.com:${port}/hook`, 2_000, strict)).toEqual({ ok: false, error: 'address not allowed (private, loopback or link-local)' });
      // Dialled where the lookup said, where nothing listens.
      expect(await attempt(`https://hooks.example.com:${port}/hook`, 2_000, allowing)).toEqual({ ok: false, error: 'connection refused' });
    } finally {
      await Promise.all([strict.close(), allowing.close()]);
    }
  });

  it('given a name resolving to allowed and refused addresses, then only the allowed ones are dialled', async () => {
    const hook = await receiver();
    // 169.254.169.254 first: dialled, it would time out or reach the metadata endpoint.
    const mixed = new WebhookConnections(rules(['127.0.0.0/8']), resolverOf({ 'hooks.example.com': ['169.254.169.254', '127.0.0.1'] }));
    try {
      expect(await attempt(`http://hooks.example.com:${hook.port}/hook`, 2_000, mixed)).toEqual({ ok: true, statusCode: 204 });
      expect(hook.received()).toBe(1);
    } finally {
      await mixed.close();
      await hook.close();
    }
  });
});

/**
 * A name server on 127.0.0.1 answering A questions from `records` (NXDOMAIN for a name it does
 * not hold, no AAAA records), or none at all when `silent`. With `zone`, a name outside it is
 * SERVFAIL, as a cluster's DNS with no upstream answers it. `asked` lists the names asked. The
 * resolver waits 300 ms for a silent one, and 2 s for one that answers: it runs on this process's
 * event loop, which a busy machine can hold up past 300 ms.
 */
async function nameServer(
  records: Record<string, readonly string[]> | 'silent',
  options: { zone?: string } = {},
): Promise<{ resolver: DnsResolver; asked: string[]; close: () => Promise<void> }> {
  const socket = createSocket('udp4');
  const asked: string[] = [];
  socket.on('message', (query, peer) => {
    if (records === 'silent') return;
    let end = 12;
    const labels: string[] = [];
    while (query[end] !== 0) {
      const length = query[end] ?? 0;
      labels.push(query.subarray(end + 1, end + 1 + length).toString('ascii'));
      end += length + 1;
    }
    const name = labels.join('.');
    asked.push(name);
    const question = query.subarray(12, end + 5);
    const type = query.readUInt16BE(end + 1);
    const addresses = records[name];
    const answers = type === 1 ? (addresses ?? []) : [];
    const header = Buffer.alloc(12);
    header.writeUInt16BE(query.readUInt16BE(0), 0);
    const outside = options.zone !== undefined && name !== options.zone && !name.endsWith(`.${options.zone}`);
    header.writeUInt16BE(outside ? 0x8182 : addresses === undefined ? 0x8183 : 0x8180, 2); // an answer, recursion available; SERVFAIL, NXDOMAIN or none
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(answers.length, 6);
    const records_ = answers.map((address) => {
      const record = Buffer.alloc(16);
      record.writeUInt16BE(0xc00c, 0); // the question's name
      record.writeUInt16BE(1, 2);
      record.writeUInt16BE(1, 4);
      record.writeUInt32BE(60, 6);
      record.writeUInt16BE(4, 10);
      address.split('.').forEach((octet, i) => record.writeUInt8(Number(octet), 12 + i));
      return record;
    });
    socket.send(Buffer.concat([header, question, ...records_]), peer.port, peer.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const resolver = new DnsResolver({ timeout: records === 'silent' ? 300 : 2_000, tries: 1 });
  resolver.setServers([`127.0.0.1:${socket.address().port}`]);
  return { resolver, asked, close: () => new Promise<void>((resolve) => socket.close(() => resolve())) };
}

describe('how a webhook host name is resolved', () => {
  it('given a name DNS knows, then it is dialled at the address DNS gave', async () => {
    const hook = await receiver();
    const dns = await nameServer({ 'hooks.example.com': ['127.0.0.1'] });
    const connections = new WebhookConnections(rules(['127.0.0.0/8']), dnsResolver(dns.resolver, resolverOf({})));
    try {
      expect(await attempt(`http://hooks.example.com:${hook.port}/hook`, 2_000, connections)).toEqual({ ok: true, statusCode: 204 });
      expect(hook.received()).toBe(1);
    } finally {
      await connections.close();
      await Promise.all([dns.close(), hook.close()]);
    }
  });

  it('given a name DNS says does not exist, then the system resolver is asked after all (/etc/hosts, hostAliases)', async () => {
    const hook = await receiver();
    const dns = await nameServer({});
    const connections = new WebhookConnections(rules(['127.0.0.0/8']), dnsResolver(dns.resolver, resolverOf({ 'hooks.internal': ['127.0.0.1'] })));
    try {
      expect(await attempt(`http://hooks.internal:${hook.port}/hook`, 2_000, connections)).toEqual({ ok: true, statusCode: 204 });
      expect(await attempt(`http://nowhere.internal:${hook.port}/hook`, 2_000, connections)).toEqual({ ok: false, error: 'host not found' });
    } finally {
      await connections.close();
      await Promise.all([dns.close(), hook.close()]);
    }
  });

  it('given a name server that never answers, then the attempts fail as a failed lookup, and the threads file and crypto work run on are not held meanwhile', async () => {
    const dns = await nameServer('silent');
    const connections = new WebhookConnections(rules(['127.0.0.0/8']), dnsResolver(dns.resolver, resolverOf({})));
    const finished: string[] = [];
    try {
      const attempts = Array.from({ length: 8 }, (_, i) =>
        attempt(`http://hook-${i}.example.com/hook`, 5_000, connections).then((result) => {
          finished.push('attempt');
          return result;
        }),
      );
      // More tasks than libuv's four threads: each waits for a thread a lookup would have held.
      const hashed = Array.from({ length: 8 }, () => new Promise<void>((resolve, reject) => pbkdf2('secret', 'salt', 1, 32, 'sha256', (error) => (error ? reject(error) : resolve()))).then(() => finished.push('hash')));
      await Promise.all(hashed);
      expect(finished).toEqual(Array(8).fill('hash'));
      expect(await Promise.all(attempts)).toEqual(Array(8).fill({ ok: false, error: 'host not found (DNS lookup failed)' }));
    } finally {
      await connections.close();
      await dns.close();
    }
  });
});

/** What a pod's resolv.conf says in Kubernetes (dnsPolicy ClusterFirst), for a pod of the namespace `notifications`. */
const POD_RESOLV_CONF = ['nameserver 10.96.0.10', 'search notifications.svc.cluster.local svc.cluster.local cluster.local', 'options ndots:5', ''].join('\n');
const POD_SEARCH = { domains: ['notifications.svc.cluster.local', 'svc.cluster.local', 'cluster.local'], ndots: 5 };

describe('which names are asked for a webhook host name, as the system resolver asks them', () => {
  it('given a pod\'s resolv.conf, then its search list and ndots are read; a file saying neither searches nothing and asks a name with a dot alone', () => {
    expect(nameSearchOf(POD_RESOLV_CONF)).toEqual(POD_SEARCH);
    expect(nameSearchOf('nameserver 10.0.0.2\ndomain corp.example.com\n')).toEqual({ domains: ['corp.example.com'], ndots: 1 });
    expect(nameSearchOf('nameserver 127.0.0.53\nsearch .\noptions edns0 trust-ad\n')).toEqual({ domains: [], ndots: 1 });
  });

  it('given fewer dots than ndots, then each search domain first and the name alone last; more, the name alone first; a trailing dot, the name alone', () => {
    expect(namesToAsk('sms-gateway.gateways', POD_SEARCH)).toEqual([
      'sms-gateway.gateways.notifications.svc.cluster.local',
      'sms-gateway.gateways.svc.cluster.local',
      'sms-gateway.gateways.cluster.local',
      'sms-gateway.gateways',
    ]);
    expect(namesToAsk('hooks.example.com', { domains: ['corp.example.com'], ndots: 1 })).toEqual(['hooks.example.com', 'hooks.example.com.corp.example.com']);
    expect(namesToAsk('hooks.example.com.', POD_SEARCH)).toEqual(['hooks.example.com.']);
  });
});

describe('a webhook receiver named as Kubernetes names a Service', () => {
  it('given its Service and namespace, then it is found in the cluster\'s domain, as the system resolver finds it, the name alone never sent upstream', async () => {
    // Given a cluster's DNS that holds the Service and has no upstream for any other name (SERVFAIL)
    const hook = await receiver();
    const dns = await nameServer({ 'sms-gateway.gateways.svc.cluster.local': ['127.0.0.1'] }, { zone: 'cluster.local' });
    const connections = new WebhookConnections(rules(['127.0.0.0/8']), dnsResolver(dns.resolver, resolverOf({}), POD_SEARCH));
    try {
      // When a delivery goes to the Service by its name and namespace
      const result = await attempt(`http://sms-gateway.gateways:${hook.port}/hook`, 2_000, connections);

      // Then it reaches the receiver, and the bare name was never asked
      expect(result).toEqual({ ok: true, statusCode: 204 });
      expect(hook.received()).toBe(1);
      expect(dns.asked).not.toContain('sms-gateway.gateways');
    } finally {
      await connections.close();
      await Promise.all([dns.close(), hook.close()]);
    }
  });

  it('given a name whose search domains fail (SERVFAIL) and that DNS holds alone, then it is found; given none holding it, the attempt fails as a failed lookup, not as a name /etc/hosts might hold', async () => {
    const hook = await receiver();
    const dns = await nameServer({ 'hooks.partner.example': ['127.0.0.1'] }, { zone: 'partner.example' });
    const fallbackAsked: string[] = [];
    const fallback: Resolver = (hostname, options, callback) => {
      fallbackAsked.push(hostname);
      resolverOf({})(hostname, options, callback);
    };
    const connections = new WebhookConnections(rules(['127.0.0.0/8']), dnsResolver(dns.resolver, fallback, { domains: ['corp.internal'], ndots: 5 }));
    try {
      expect(await attempt(`http://hooks.partner.example:${hook.port}/hook`, 2_000, connections)).toEqual({ ok: true, statusCode: 204 });
      expect(await attempt(`http://gone.partner.example:${hook.port}/hook`, 2_000, connections)).toEqual({ ok: false, error: 'host not found (DNS lookup failed)' });
      expect(fallbackAsked).toEqual([]);
    } finally {
      await connections.close();
      await Promise.all([dns.close(), hook.close()]);
    }
  });
});
