import { SERVICE_NAMES, ServiceName, devDatabasePassword } from '@cs/config';
import { provisionServiceRoles } from './provisioning';
import { adminUrl, connectedAs, urlAs } from './admin-url.support.spec';

/** How a service's role, as provisioned below, logs in. */
function serviceDatabaseUrl(service: ServiceName): string {
  return urlAs(service, devDatabasePassword(service));
}

const as = connectedAs;

describe('one schema and one role per service', () => {
  beforeAll(async () => {
    await provisionServiceRoles(
      adminUrl(),
      SERVICE_NAMES.map((name) => ({ name, password: devDatabasePassword(name) })),
    );
    await as(serviceDatabaseUrl('intake'), (c) =>
      c.query('CREATE TABLE IF NOT EXISTS intake.isolation_probe (secret text); INSERT INTO intake.isolation_probe VALUES ($$x$$)'),
    );
  });

  it('given provisioning ran twice, each service owns exactly its schema', async () => {
    await provisionServiceRoles(adminUrl(), SERVICE_NAMES.map((name) => ({ name, password: devDatabasePassword(name) })));
    const owners = await as(adminUrl(), async (c) =>
      (await c.query<{ nspname: string; owner: string }>(
        `SELECT n.nspname, r.rolname AS owner FROM pg_namespace n JOIN pg_roles r ON r.oid = n.nspowner
          WHERE n.nspname = ANY($1) ORDER BY 1`,
        [[...SERVICE_NAMES]],
      )).rows,
    );
    expect(owners).toEqual([...SERVICE_NAMES].sort().map((name) => ({ nspname: name, owner: name })));
  });

  it('the owning service reads its own tables', async () => {
    const rows = await as(serviceDatabaseUrl('intake'), async (c) => (await c.query('SELECT secret FROM isolation_probe')).rows);
    expect(rows.length).toBeGreaterThan(0);
  });

  it.each(SERVICE_NAMES.filter((s) => s !== 'intake'))('%s is refused intake’s schema', async (service) => {
    await expect(
      as(serviceDatabaseUrl(service), (c) => c.query('SELECT secret FROM intake.isolation_probe')),
    ).rejects.toThrow(/permission denied for schema intake/);
  });

  it('no service can create objects in the public schema', async () => {
    await expect(
      as(serviceDatabaseUrl('tickets'), (c) => c.query('CREATE TABLE public.sneaky (x int)')),
    ).rejects.toThrow(/permission denied for schema public/);
  });

  it('a service role is not a superuser and cannot create roles', async () => {
    await expect(
      as(serviceDatabaseUrl('reporting'), (c) => c.query('CREATE ROLE intruder')),
    ).rejects.toThrow(/permission denied/);
  });
});
