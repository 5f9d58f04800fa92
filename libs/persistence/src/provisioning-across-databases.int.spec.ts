import { randomBytes } from 'node:crypto';
import { provisionServiceRoles } from './provisioning';
import { adminUrl, connectedAs, urlAs } from './admin-url.support.spec';

/**
 * Roles are the server's, not a database's: two deployments' provisioning on one server (two test
 * runs, a run beside a developer's running system) alter the same roles from two databases at once.
 */
const suffix = randomBytes(4).toString('hex');
const databases = ['a', 'b'].map((s) => `cs_across_${suffix}_${s}`);
const roles = ['one', 'two', 'three', 'four', 'five', 'six'].map((s) => ({ name: `cs_across_${suffix}_${s}`, password: `pw-${s}-${suffix}` }));
const as = connectedAs;
const admin = adminUrl();
const superuser = new URL(admin);
const inDatabase = (database: string): string => urlAs(decodeURIComponent(superuser.username), decodeURIComponent(superuser.password), database);

beforeAll(async () => {
  await as(admin, async (c) => {
    for (const database of databases) await c.query(`CREATE DATABASE ${database}`);
  });
});

afterAll(async () => {
  await as(admin, async (c) => {
    for (const database of databases) await c.query(`DROP DATABASE IF EXISTS ${database}`);
    for (const role of roles) await c.query(`DROP ROLE IF EXISTS ${role.name}`);
  });
});

describe('provisioning the same roles from two databases at once', () => {
  it('given two runs making and then altering the roles side by side, then every run completes and each database gives each role its schema, the role logging in to it', async () => {
    for (let round = 0; round < 10; round += 1) {
      const outcomes = await Promise.allSettled(databases.map((database) => provisionServiceRoles(inDatabase(database), roles)));
      expect(outcomes.map((o) => (o.status === 'rejected' ? String(o.reason) : 'ok'))).toEqual(['ok', 'ok']);
    }
    const names = roles.map((r) => r.name).sort();
    for (const database of databases) {
      const owners = await as(inDatabase(database), async (c) =>
        (await c.query('SELECT n.nspname, r.rolname AS owner FROM pg_namespace n JOIN pg_roles r ON r.oid = n.nspowner WHERE n.nspname = ANY($1) ORDER BY 1', [names])).rows,
      );
      expect(owners).toEqual(names.map((name) => ({ nspname: name, owner: name })));
      const [role] = roles;
      expect(await as(urlAs(role!.name, role!.password, database), async (c) => (await c.query<{ s: string }>('SELECT current_schema() AS s')).rows[0]!.s)).toBe(role!.name);
    }
  }, 60_000);
});
