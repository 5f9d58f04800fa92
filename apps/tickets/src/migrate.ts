import 'reflect-metadata';
import { loadServiceConfig } from '@cs/config';
import { createServiceDataSource } from '@cs/persistence';
import { migrateService, serviceLogger } from '@cs/platform';
import { MIGRATIONS } from './infrastructure/migrations';
import { describeRefresh, refreshNeedsAttention, refreshOfficialCalendar } from './infrastructure/official-holidays/refresh-official-calendar';

/**
 * The deployment's migration step: the schema, then the official holidays from the installed
 * data package (ADR 0017), so a fresh install's default calendar knows them and a deployment
 * that upgraded the package picks up the newly published year.
 */
async function main(): Promise<void> {
  await migrateService('tickets', MIGRATIONS);
  if (process.exitCode) return;
  const config = loadServiceConfig('tickets');
  const logger = serviceLogger('tickets-migrate', config.logLevel);
  const dataSource = createServiceDataSource({ url: config.database.url, schema: config.database.schema, poolSize: 1, connectTimeoutMs: config.database.connectTimeoutMs });
  await dataSource.initialize();
  try {
    const refresh = await refreshOfficialCalendar(dataSource);
    logger[refreshNeedsAttention(refresh) ? 'warn' : 'info'](
      { provisionalYears: refresh.provisionalYears, needingCorrection: refresh.needingCorrection, keptNewer: refresh.keptNewer, keptUnreplaced: refresh.keptUnreplaced, holidaysRemoved: refresh.holidaysRemoved },
      describeRefresh(refresh),
    );
  } catch (error) {
    logger.error({ err: error }, 'the official holidays could not be provisioned');
    process.exitCode = 1;
  } finally {
    await dataSource.destroy();
  }
}

void main();
