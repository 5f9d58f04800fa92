import { Client } from 'pg';
import { ServiceName, devDatabasePassword } from '@cs/config';

export function adminUrl(): string {
  const url = process.env['DATABASE_ADMIN_URL'];
  if (!url) throw new Error('DATABASE_ADMIN_URL is not set; the int/e2e global setup sets it');
  return url;
}

/** The URL a service's own role logs in with, on the test database server. */
export function serviceDatabaseUrl(service: ServiceName): string {
  const url = new URL(adminUrl());
  url.username = service;
  url.password = devDatabasePassword(service);
  return url.toString();
}

/** Runs one query as the database superuser; tests use it to look behind the APIs. */
export async function adminQuery<Row>(sql: string, params: unknown[] = []): Promise<Row[]> {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as Row[];
  } finally {
    await client.end();
  }
}
