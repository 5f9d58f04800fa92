import { Client } from 'pg';
import { quoteIdentifier, quoteLiteral } from './identifiers';

export interface ServiceRole {
  /** Role and schema name; they are the same so a reader always knows who owns what. */
  readonly name: string;
  readonly password: string;
}

/**
 * Gives each service one login role and one schema it owns, and nothing else: no role can
 * create objects in `public` or use another service's schema. Safe to run on every deploy;
 * it also rotates the roles' passwords to the configured ones.
 */
export async function provisionServiceRoles(adminUrl: string, roles: readonly ServiceRole[]): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const database = (await client.query<{ db: string }>('SELECT current_database() AS db')).rows[0]!.db;
    // Serialises concurrent provisioning runs (two migration Jobs racing) on one lock.
    await client.query('SELECT pg_advisory_lock(hashtext($1))', ['cs.provision']);
    await client.query('REVOKE ALL ON SCHEMA public FROM PUBLIC');
    await client.query(`REVOKE ALL ON DATABASE ${quoteIdentifier(database)} FROM PUBLIC`);
    for (const role of roles) {
      const name = quoteIdentifier(role.name);
      const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role.name]);
      const verb = exists.rowCount ? 'ALTER' : 'CREATE';
      await client.query(
        `${verb} ROLE ${name} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD ${quoteLiteral(role.password)}`,
      );
      await client.query(`GRANT CONNECT ON DATABASE ${quoteIdentifier(database)} TO ${name}`);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${name} AUTHORIZATION ${name}`);
      await client.query(`ALTER SCHEMA ${name} OWNER TO ${name}`);
      await client.query(`REVOKE ALL ON SCHEMA ${name} FROM PUBLIC`);
      await client.query(`ALTER ROLE ${name} SET search_path = ${name}`);
    }
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', ['cs.provision']);
  } finally {
    await client.end();
  }
}
