import { Client, DatabaseError } from 'pg';
import { quoteIdentifier, quoteLiteral } from './identifiers';
import { advisoryLockKey } from './advisory-locks';

export interface ServiceRole {
  /** Role and schema name; they are the same so a reader always knows who owns what. */
  readonly name: string;
  readonly password: string;
}

/** What a service role must never hold; only a superuser can take SUPERUSER away. */
const PRIVILEGED = ['rolsuper', 'rolcreatedb', 'rolcreaterole', 'rolinherit', 'rolreplication', 'rolbypassrls'] as const;
const ATTRIBUTE_NAMES: Readonly<Record<(typeof PRIVILEGED)[number], string>> = {
  rolsuper: 'SUPERUSER',
  rolcreatedb: 'CREATEDB',
  rolcreaterole: 'CREATEROLE',
  rolinherit: 'INHERIT',
  rolreplication: 'REPLICATION',
  rolbypassrls: 'BYPASSRLS',
};

/** How often a role's provisioning is tried when another database's provisioning keeps writing the same role at once. */
const ROLE_ATTEMPTS = 5;
/** The longest pause before a role's next try, so two runs in step fall out of it. */
const ROLE_RETRY_JITTER_MS = 50;

/**
 * Gives each service one login role and one schema it owns, and nothing else: no role can
 * create objects in `public` or use another service's schema. Safe to run on every deploy;
 * it also rotates the roles' passwords to the configured ones.
 *
 * It runs as a superuser or, on a managed Postgres that gives none, as the database's owner
 * with CREATEROLE. Such a role may not name SUPERUSER in ALTER ROLE, even to deny it, and must be
 * a member of a role to give it a schema: so an existing role is altered in its login and
 * password only and then checked, and the provisioner is made a member of each service role.
 */
export async function provisionServiceRoles(adminUrl: string, roles: readonly ServiceRole[]): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { db: database, superuser } = (await client.query<{ db: string; superuser: boolean }>(
      'SELECT current_database() AS db, rolsuper AS superuser FROM pg_roles WHERE rolname = current_user',
    )).rows[0]!;
    // Serialises concurrent provisioning runs of this database (two migration Jobs racing) on one
    // lock. An advisory lock is the database's: runs on other databases of the server, which
    // write the same roles, are not held by it (ADR 0174).
    await client.query(`SELECT pg_advisory_lock(${advisoryLockKey('provisioning', '$1')})`, ['cs.provision']);
    await client.query('REVOKE ALL ON SCHEMA public FROM PUBLIC');
    await client.query(`REVOKE ALL ON DATABASE ${quoteIdentifier(database)} FROM PUBLIC`);
    for (const role of roles) await againIfRaced(() => provisionRole(client, role, database, superuser));
    await client.query(`SELECT pg_advisory_unlock(${advisoryLockKey('provisioning', '$1')})`, ['cs.provision']);
  } finally {
    await client.end();
  }
}

/** One service's role and schema, as often as it is run: each step finds what an earlier run made. */
async function provisionRole(client: Client, role: ServiceRole, database: string, superuser: boolean): Promise<void> {
  const name = quoteIdentifier(role.name);
  const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role.name]);
  const password = `PASSWORD ${quoteLiteral(role.password)}`;
  if (!exists.rowCount) await client.query(`CREATE ROLE ${name} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT ${password}`);
  else if (superuser) await client.query(`ALTER ROLE ${name} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT ${password}`);
  else {
    await assertUnprivileged(client, role.name);
    await client.query(`ALTER ROLE ${name} LOGIN ${password}`);
  }
  if (!superuser) await client.query(`GRANT ${name} TO CURRENT_USER`);
  await client.query(`GRANT CONNECT ON DATABASE ${quoteIdentifier(database)} TO ${name}`);
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${name} AUTHORIZATION ${name}`);
  await client.query(`ALTER SCHEMA ${name} OWNER TO ${name}`);
  await client.query(`REVOKE ALL ON SCHEMA ${name} FROM PUBLIC`);
  await client.query(`ALTER ROLE ${name} SET search_path = ${name}`);
}

/**
 * Runs `work` again when a statement of it lost a race for a role to another database's
 * provisioning: the server's catalogs of roles and their settings refuse the second of two
 * writers at once ("tuple concurrently updated", a duplicate of the role's or its setting's key,
 * the role already made) rather than make it wait. The next try finds what the other wrote.
 */
async function againIfRaced(work: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= ROLE_ATTEMPTS || !lostRaceForRole(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * ROLE_RETRY_JITTER_MS));
    }
  }
}

function lostRaceForRole(error: unknown): boolean {
  if (!(error instanceof DatabaseError)) return false;
  return error.code === '23505' || error.code === '42710' || (error.code === 'XX000' && error.message === 'tuple concurrently updated');
}

/** Refuses to go on with a service role that holds a privilege someone gave it, naming them. */
async function assertUnprivileged(client: Client, role: string): Promise<void> {
  const row = (await client.query<Record<(typeof PRIVILEGED)[number], boolean>>(`SELECT ${PRIVILEGED.join(', ')} FROM pg_roles WHERE rolname = $1`, [role])).rows[0]!;
  const held = PRIVILEGED.filter((attribute) => row[attribute]).map((attribute) => ATTRIBUTE_NAMES[attribute]);
  if (held.length > 0) {
    throw new Error(`role ${role} holds ${held.join(', ')}, which a service role must not; a superuser must take them away (ALTER ROLE ${role} NO${held.join(' NO')})`);
  }
}
