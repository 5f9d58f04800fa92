import { randomBytes } from 'node:crypto';
import { provisionServiceRoles } from './provisioning';
import { adminUrl, connectedAs, urlAs } from './admin-url.support.spec';

/**
 * A managed Postgres (RDS, Cloud SQL, Azure) gives no superuser: provisioning runs as a role that
 * owns the database and may create roles. Here, a database of its own owned by such a role.
 */
const suffix = randomBytes(4).toString('hex');
const provisioner = { name: `cs_provisioner_${suffix}`, password: `pw-${suffix}` };
const database = `cs_managed_${suffix}`;
const roles = ['a', 'b'].map((s) => ({ name: `cs_managed_${suffix}_${s}`, password: `pw-${s}-${suffix}` }));

const urlOf = (user: { name: string; password: string }, db: string): string => urlAs(user.name, user.password, db);
const as = connectedAs;

beforeAll(async () => {
  await as(adminUrl(), async (c) => {
    await c.query(`CREATE ROLE ${provisioner.name} LOGIN CREATEROLE PASSWORD '${provisioner.password}'`);
    await c.query(`CREATE DATABASE ${database} OWNER ${provisioner.name}`);
  });
  // The first deploy: the roles and their schemas made by the database's owner.
  await provisionServiceRoles(urlOf(provisioner, database), roles);
});

afterAll(async () => {
  await as(adminUrl(), async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${database}`);
    for (const role of [...roles, provisioner]) await c.query(`DROP ROLE IF EXISTS ${role.name}`);
  });
});

describe('provisioning as a database owner who may create roles, not a superuser', () => {
  it('given it runs again (a second release), then each role owns its schema, logs in with its password and holds no privilege', async () => {
    const managedAdmin = urlOf(provisioner, database);
    await provisionServiceRoles(managedAdmin, roles.map((r) => ({ ...r, password: `${r.password}-rotated` })));

    const owners = await as(managedAdmin, async (c) =>
      (await c.query<{ nspname: string; owner: string }>(
        'SELECT n.nspname, r.rolname AS owner FROM pg_namespace n JOIN pg_roles r ON r.oid = n.nspowner WHERE n.nspname = ANY($1) ORDER BY 1',
        [roles.map((r) => r.name)],
      )).rows,
    );
    expect(owners).toEqual(roles.map((r) => ({ nspname: r.name, owner: r.name })));
    const [first] = roles;
    const schema = await as(urlOf({ ...first!, password: `${first!.password}-rotated` }, database), async (c) => (await c.query<{ s: string }>('SELECT current_schema() AS s')).rows[0]!.s);
    expect(schema).toBe(first!.name);
    const attributes = await as(adminUrl(), async (c) =>
      (await c.query('SELECT rolsuper, rolcreatedb, rolcreaterole, rolinherit FROM pg_roles WHERE rolname = ANY($1)', [roles.map((r) => r.name)])).rows,
    );
    expect(attributes).toEqual(roles.map(() => ({ rolsuper: false, rolcreatedb: false, rolcreaterole: false, rolinherit: false })));
  });

  it('given a service role someone made a superuser, then provisioning refuses, naming the role, rather than leave it so', async () => {
    const [, second] = roles;
    await as(adminUrl(), (c) => c.query(`ALTER ROLE ${second!.name} SUPERUSER`));
    try {
      await expect(provisionServiceRoles(urlOf(provisioner, database), roles)).rejects.toThrow(new RegExp(`${second!.name}.*SUPERUSER`));
    } finally {
      await as(adminUrl(), (c) => c.query(`ALTER ROLE ${second!.name} NOSUPERUSER`));
    }
  });
});
