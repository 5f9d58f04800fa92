import { SERVICE_NAMES, devDatabasePassword, readEnvironment } from '@cs/config';
import { provisionServiceRoles } from '../provisioning';

/**
 * Creates or updates the database role and schema of every service.
 * Needs DATABASE_ADMIN_URL and, in production, <SERVICE>_DB_PASSWORD for each service.
 */
async function main(): Promise<void> {
  const env = readEnvironment();
  const adminUrl = env.DATABASE_ADMIN_URL;
  if (!adminUrl) throw new Error('DATABASE_ADMIN_URL is required');
  const production = env.NODE_ENV === 'production';
  const roles = SERVICE_NAMES.map((name) => {
    const password = env[`${name.toUpperCase() as Uppercase<typeof name>}_DB_PASSWORD`];
    if (!password && production) throw new Error(`${name.toUpperCase()}_DB_PASSWORD is required in production`);
    return { name, password: password ?? devDatabasePassword(name) };
  });
  await provisionServiceRoles(adminUrl, roles);
  console.log(`provisioned roles and schemas: ${SERVICE_NAMES.join(', ')}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
