import { SERVICE_NAMES, ServiceName } from '@cs/config';
import { kafkaFromEnv } from '@cs/messaging';
import { ServiceProcess, callJson, devToken, pipelineSettled, prepareDatabaseAndTopics } from '@cs/testing';
import { serviceOfPath } from '../../apps/gateway/src/routing/route-table';
import { OpenApiDocument, operationsOf } from './support/openapi-walk';

/**
 * The gateway in front of all five services: every path each service documents is routed by the
 * table to that very service, reached through the gateway, and listed in the merged document.
 */
const services = SERVICE_NAMES.map((service, index) => new ServiceProcess(service, 4451 + index));
const gateway = new ServiceProcess(
  'gateway',
  4450,
  Object.fromEntries(services.map((s) => [`UPSTREAM_${s.service.toUpperCase()}_URL`, s.baseUrl])),
);
const documents = new Map<ServiceName, OpenApiDocument>();

beforeAll(async () => {
  await prepareDatabaseAndTopics(SERVICE_NAMES);
  await Promise.all(services.map((s) => s.start()));
  await gateway.start();
  for (const s of services) documents.set(s.service as ServiceName, (await callJson<OpenApiDocument>(`${s.baseUrl}/docs-json`)).body);
  // The worker's database and topics hold what earlier suites left: reporting may still be taking
  // in their tickets, which would change its summary between the direct call and the gateway's.
  await pipelineSettled(kafkaFromEnv('e2e-gateway-routes'), SERVICE_NAMES);
});

afterAll(async () => {
  await gateway.stop();
  await Promise.all(services.map((s) => s.stop()));
});

describe('the gateway’s route table against the services’ own documents', () => {
  it.each(SERVICE_NAMES)('every /v1 path %s documents is routed to it', (service) => {
    const paths = Object.keys(documents.get(service)?.paths ?? {}).filter((path) => path.startsWith('/v1/'));
    expect(paths.length).toBeGreaterThan(0);
    const misrouted = paths.filter((path) => serviceOfPath(path) !== service);
    expect(misrouted).toEqual([]);
  });

  it('no service documents a path outside /v1, health, metrics and docs that the gateway would drop', () => {
    const unrouted = [...documents.values()].flatMap((document) => Object.keys(document.paths).filter((path) => !path.startsWith('/v1/')));
    expect(unrouted).toEqual([]);
  });

  it('the merged document lists every operation of every service, once, with its service', async () => {
    const merged = (await callJson<OpenApiDocument & { 'x-unavailable-services'?: string[] }>(`${gateway.baseUrl}/docs-json`)).body;
    expect(merged['x-unavailable-services']).toBeUndefined();
    for (const [service, document] of documents) {
      for (const { method, path } of operationsOf(document)) {
        const operation = merged.paths[path]?.[method.toLowerCase()] as { 'x-service'?: string } | undefined;
        expect({ path, method, service: operation?.['x-service'] }).toEqual({ path, method, service });
      }
    }
    const ids = operationsOf(merged).map((o) => o.operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each([
    ['/v1/catalogue', 'tickets', ''],
    ['/v1/projects', 'intake', ''],
    // Bounded: without bounds the period ends at the moment each call is answered.
    ['/v1/reports/summary', 'reporting', '?from=2026-01-01T00:00:00Z&to=2026-12-31T00:00:00Z'],
  ])('GET %s through the gateway is answered by %s', async (path, _service, query) => {
    const token = await devToken({ roles: 'admin' });
    const direct = await callJson(`${services.find((s) => s.service === serviceOfPath(path))?.baseUrl}${path}${query}`, { token });
    const viaGateway = await callJson(`${gateway.baseUrl}${path}${query}`, { token });
    expect(viaGateway.status).toBe(200);
    expect(viaGateway.body).toEqual(direct.body);
  });

  it('the gateway’s readiness sees every service up', async () => {
    const ready = await callJson<{ status: string; upstreams: { name: string; up: boolean }[] }>(`${gateway.baseUrl}/health/ready`);
    expect(ready.body.upstreams.every((u) => u.up)).toBe(true);
    expect(ready.body.upstreams.map((u) => u.name).sort()).toEqual([...SERVICE_NAMES].sort());
  });
});
