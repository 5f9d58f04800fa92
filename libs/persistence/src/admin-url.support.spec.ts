import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { ServiceDataSourceOptions, createServiceDataSource } from './data-source';

/**
 * The superuser URL the int tests' global setup sets. Read here, not through @cs/testing: that
 * lib builds on this one (throwaway schemas), so importing it would make a project cycle.
 */
export function adminUrl(): string {
  const url = process.env['DATABASE_ADMIN_URL'];
  if (!url) throw new Error('DATABASE_ADMIN_URL is not set; the int global setup sets it');
  return url;
}

/** The admin URL with another login (and, given one, another database). */
export function urlAs(user: string, password: string, database?: string): string {
  const url = new URL(adminUrl());
  url.username = user;
  url.password = password;
  if (database !== undefined) url.pathname = `/${database}`;
  return url.toString();
}

/** `work` on a connection of its own to `url`, closed after. */
export async function connectedAs<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A data source as the superuser, as @cs/testing's `testDataSource` opens one: a first connection
 * on the loaded machine can take over the services' one second to open, so it waits up to 10 s.
 */
export function testDataSource(options: Omit<ServiceDataSourceOptions, 'url'>): DataSource {
  return createServiceDataSource({ url: adminUrl(), connectTimeoutMs: 10_000, ...options });
}
