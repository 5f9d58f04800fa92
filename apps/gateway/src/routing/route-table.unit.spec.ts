import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROUTE_TABLE, serviceOfPath } from './route-table';

const INGRESS = join(__dirname, '..', '..', '..', '..', 'k8s', 'base', 'ingress.yaml');

/** Every (path prefix, service) pair the Ingress routes. */
function ingressRoutes(): [string, string][] {
  const text = readFileSync(INGRESS, 'utf8');
  return [...text.matchAll(/- path: (\S+)\s[\s\S]*?name: (\S+)/g)].map((m) => [m[1] ?? '', m[2] ?? '']);
}

describe('the route table', () => {
  it('routes a path to the service of its longest matching prefix, by whole segments', () => {
    expect(serviceOfPath('/v1/contacts')).toBe('intake');
    expect(serviceOfPath('/v1/tickets/{id}/dispatch')).toBe('tickets');
    expect(serviceOfPath('/v1/calendars/{id}/add')).toBe('tickets');
    expect(serviceOfPath('/v1/reports/summary')).toBe('reporting');
    expect(serviceOfPath('/v1/ticketsx')).toBeUndefined();
    expect(serviceOfPath('/v1/dev/token')).toBeUndefined();
    expect(serviceOfPath('/health/ready')).toBeUndefined();
  });

  it('gives every prefix to exactly one service', () => {
    const prefixes = Object.values(ROUTE_TABLE).flat();
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });

  it('is the table the k8s Ingress routes by, row for row', () => {
    const fromTable = Object.entries(ROUTE_TABLE)
      .flatMap(([service, prefixes]) => prefixes.map((prefix) => `${prefix} → ${service}`))
      .sort();
    const fromIngress = ingressRoutes()
      .map(([prefix, service]) => `${prefix} → ${service}`)
      .sort();
    expect(fromIngress).toEqual(fromTable);
  });
});
