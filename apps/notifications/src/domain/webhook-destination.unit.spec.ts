import { DomainError } from '@cs/ddd';
import { addressAllowed, assertDeliverable, literalAddressOf } from './webhook-destination';

const refusal = (url: string, rules: Parameters<typeof assertDeliverable>[1]): { code: string; field?: string; message: string } | undefined => {
  try {
    assertDeliverable(url, rules);
    return undefined;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { code: error.code, ...(error.field === undefined ? {} : { field: error.field }), message: error.message };
  }
};

describe('where a webhook subscription may deliver', () => {
  it('takes any http(s) URL to a public or allowed address where the deployment names no other rule', () => {
    const rules = { httpsOnly: false, allowedNetworks: ['127.0.0.0/8'] };
    for (const url of ['http://127.0.0.1:9000/hook', 'https://gw.example.com/cs', 'http://sms-gateway/cs', 'https://114.114.114.114/cs']) expect(refusal(url, rules)).toBeUndefined();
  });

  it('refuses a URL the URL standard cannot read, naming the url field, rather than throwing', () => {
    for (const url of ['https://xn--a.com/', 'https://⒈.com/', 'https://℀.com/', 'https://a\uFFFD.com/', 'https://﹪.com/']) {
      expect(refusal(url, { httpsOnly: false, allowedNetworks: [] })).toMatchObject({ code: 'WEBHOOK_SUBSCRIPTION.INVALID_URL', field: 'url' });
    }
  });

  it('refuses plain http where deliveries go over TLS only, naming the url field', () => {
    expect(refusal('http://gw.example.com/cs', { httpsOnly: true, allowedNetworks: [] })).toMatchObject({ code: 'WEBHOOK_SUBSCRIPTION.HTTPS_REQUIRED', field: 'url' });
    expect(refusal('https://gw.example.com/cs', { httpsOnly: true, allowedNetworks: [] })).toBeUndefined();
  });

  it('refuses a URL carrying a user name or password, naming the url field: deliveries could never send it', () => {
    for (const url of ['https://gw:s3cret@gw.example.com/cs', 'https://gw@gw.example.com/cs', 'https://:s3cret@gw.example.com/cs']) {
      expect({ url, refusal: refusal(url, { httpsOnly: false, allowedNetworks: [] }) }).toEqual({
        url,
        refusal: expect.objectContaining({ code: 'WEBHOOK_SUBSCRIPTION.CREDENTIALS_IN_URL', field: 'url' }),
      });
    }
  });

  it('reads a URL without a port as its scheme’s port, and refuses one the network does not open', () => {
    const rules = { httpsOnly: false, ports: [443], allowedNetworks: [] };
    expect(refusal('https://gw.example.com/cs', rules)).toBeUndefined();
    expect(refusal('https://gw.example.com:443/cs', rules)).toBeUndefined();
    expect(refusal('http://gw.example.com/cs', rules)).toMatchObject({ code: 'WEBHOOK_SUBSCRIPTION.PORT_NOT_REACHABLE', field: 'url', message: expect.stringContaining('port 80') });
    expect(refusal('https://gw.example.com:8443/cs', rules)).toMatchObject({ code: 'WEBHOOK_SUBSCRIPTION.PORT_NOT_REACHABLE', message: expect.stringContaining('port 8443') });
    expect(refusal('https://gw.example.com:8443/cs', { httpsOnly: true, ports: [443, 8443], allowedNetworks: [] })).toBeUndefined();
  });

  it('refuses a URL naming a private, loopback, link-local or special-use address, however written, naming the url field', () => {
    const rules = { httpsOnly: false, allowedNetworks: [] };
    const urls = [
      'http://127.0.0.1/hook',
      'http://2130706433/hook', // 127.0.0.1 as one number
      'http://0x7f.1/hook',
      'http://localhost:8080/hook',
      'http://hooks.localhost/hook',
      'http://[::1]/hook',
      'http://[::ffff:127.0.0.1]/hook',
      'http://[::ffff:a9fe:a9fe]/hook', // 169.254.169.254 mapped into IPv6
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.5/hook',
      'http://172.16.3.4/hook',
      'http://192.168.1.10/hook',
      'http://100.64.0.1/hook',
      'http://0.0.0.0/hook',
      'http://[fd00::1]/hook',
      'http://[fe80::1]/hook',
      'http://224.0.0.1/hook',
      'http://203.0.113.9/hook', // documentation (TEST-NET-3): reserved, not the internet
      'https://[::a9fe:a9fe]/latest/meta-data/', // IPv4-compatible IPv6, as the URL standard writes [::169.254.169.254]
      'https://[::169.254.169.254]/',
      'https://[::a00:1]/hook',
      'https://[4000::1]/hook', // outside IPv6's global unicast space
      'https://[64:ff9b::a9fe:a9fe]/hook', // NAT64
    ];
    for (const url of urls) {
      expect({ url, refusal: refusal(url, rules) }).toEqual({ url, refusal: expect.objectContaining({ code: 'WEBHOOK_SUBSCRIPTION.ADDRESS_NOT_ALLOWED', field: 'url' }) });
    }
  });

  it('takes a private address in a network the deployment allows, and only there', () => {
    const rules = { httpsOnly: false, allowedNetworks: ['10.20.0.0/16', 'fd00:20::/64'] };
    expect(refusal('http://10.20.3.4/hook', rules)).toBeUndefined();
    expect(refusal('http://[fd00:20::7]/hook', rules)).toBeUndefined();
    expect(refusal('http://10.21.3.4/hook', rules)).toMatchObject({ code: 'WEBHOOK_SUBSCRIPTION.ADDRESS_NOT_ALLOWED' });
    expect(refusal('http://[fd00:21::7]/hook', rules)).toMatchObject({ code: 'WEBHOOK_SUBSCRIPTION.ADDRESS_NOT_ALLOWED' });
  });
});

describe('which addresses a delivery may connect to', () => {
  it('takes public unicast addresses of both families', () => {
    for (const address of ['114.114.114.114', '8.8.8.8', '2400:3200::1']) expect({ address, allowed: addressAllowed(address, []) }).toEqual({ address, allowed: true });
  });

  it('refuses the special ones unless their network is allowed, judging a mapped IPv4 address as IPv4', () => {
    expect(addressAllowed('169.254.169.254', [])).toBe(false);
    expect(addressAllowed('::ffff:10.1.2.3', [])).toBe(false);
    expect(addressAllowed('::ffff:10.1.2.3', ['10.0.0.0/8'])).toBe(true);
    expect(addressAllowed('::1', ['127.0.0.0/8'])).toBe(false);
    expect(addressAllowed('::1', ['::1/128'])).toBe(true);
    expect(addressAllowed('not an address', ['0.0.0.0/0'])).toBe(false);
  });

  it('reads the address a host names without a resolver', () => {
    expect(literalAddressOf('[::1]')).toBe('::1');
    expect(literalAddressOf('10.0.0.1')).toBe('10.0.0.1');
    expect(literalAddressOf('LocalHost')).toBe('127.0.0.1');
    expect(literalAddressOf('gw.example.com')).toBeUndefined();
    expect(literalAddressOf('localhost.example.com')).toBeUndefined();
  });
});
