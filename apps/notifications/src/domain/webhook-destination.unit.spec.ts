import { DomainError } from '@cs/ddd';
import { assertDeliverable } from './webhook-destination';

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
  it('takes any http(s) URL where the deployment names no rule', () => {
    for (const url of ['http://127.0.0.1:9000/hook', 'https://gw.example.com/cs', 'http://sms-gateway/cs']) expect(refusal(url, { httpsOnly: false })).toBeUndefined();
  });

  it('refuses plain http where deliveries go over TLS only, naming the url field', () => {
    expect(refusal('http://gw.example.com/cs', { httpsOnly: true })).toMatchObject({ code: 'WEBHOOK_SUBSCRIPTION.HTTPS_REQUIRED', field: 'url' });
    expect(refusal('https://gw.example.com/cs', { httpsOnly: true })).toBeUndefined();
  });

  it('reads a URL without a port as its scheme’s port, and refuses one the network does not open', () => {
    const rules = { httpsOnly: false, ports: [443] };
    expect(refusal('https://gw.example.com/cs', rules)).toBeUndefined();
    expect(refusal('https://gw.example.com:443/cs', rules)).toBeUndefined();
    expect(refusal('http://gw.example.com/cs', rules)).toMatchObject({ code: 'WEBHOOK_SUBSCRIPTION.PORT_NOT_REACHABLE', field: 'url', message: expect.stringContaining('port 80') });
    expect(refusal('https://gw.example.com:8443/cs', rules)).toMatchObject({ code: 'WEBHOOK_SUBSCRIPTION.PORT_NOT_REACHABLE', message: expect.stringContaining('port 8443') });
    expect(refusal('https://gw.example.com:8443/cs', { httpsOnly: true, ports: [443, 8443] })).toBeUndefined();
  });
});
