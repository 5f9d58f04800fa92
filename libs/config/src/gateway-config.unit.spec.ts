import { ConfigError } from './environment';
import { GATEWAY_PORT, loadGatewayConfig } from './gateway-config';

describe('gateway configuration', () => {
  it('defaults to port 3000, the services on their own ports, and no dev tokens', () => {
    const config = loadGatewayConfig({});
    expect(config.port).toBe(GATEWAY_PORT);
    expect(config.upstreams.intake).toBe('http://127.0.0.1:3001');
    expect(config.upstreams.reporting).toBe('http://127.0.0.1:3005');
    expect(config.devTokens.enabled).toBe(false);
  });

  it('believes no X-Forwarded-For entry unless told how many proxies stand in front: clients reach it directly outside Kubernetes', () => {
    expect(loadGatewayConfig({}).trustedProxyHops).toBe(0);
    expect(loadGatewayConfig({ TRUSTED_PROXY_HOPS: '1' }).trustedProxyHops).toBe(1);
  });

  it('takes each upstream from UPSTREAM_<SERVICE>_URL', () => {
    const config = loadGatewayConfig({ UPSTREAM_TICKETS_URL: 'http://tickets.cs.svc:3002/' });
    expect(config.upstreams.tickets).toBe('http://tickets.cs.svc:3002');
  });

  it('dev tokens are on only when DEV_TOKENS_ENABLED=true is set explicitly', () => {
    expect(loadGatewayConfig({ DEV_TOKENS_ENABLED: 'true' }).devTokens.enabled).toBe(true);
    expect(loadGatewayConfig({ DEV_TOKENS_ENABLED: 'false' }).devTokens.enabled).toBe(false);
  });

  it('a production gateway with dev tokens on refuses to start', () => {
    expect(() => loadGatewayConfig({ NODE_ENV: 'production', DEV_TOKENS_ENABLED: 'true' })).toThrow(ConfigError);
    expect(() => loadGatewayConfig({ NODE_ENV: 'production', DEV_TOKENS_ENABLED: 'true' })).toThrow(/DEV_TOKENS_ENABLED/);
    expect(loadGatewayConfig({ NODE_ENV: 'production' }).devTokens.enabled).toBe(false);
  });

  it('reports an invalid upstream and an invalid CORS list together', () => {
    expect(() => loadGatewayConfig({ UPSTREAM_INTAKE_URL: 'intake:3001', CORS_ORIGINS: 'desk.example.com' })).toThrow(
      /UPSTREAM_INTAKE_URL[\s\S]*CORS_ORIGINS|CORS_ORIGINS[\s\S]*UPSTREAM_INTAKE_URL/,
    );
  });
});
