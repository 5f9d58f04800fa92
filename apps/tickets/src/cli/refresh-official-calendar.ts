import 'reflect-metadata';
import { loadServiceConfig } from '@cs/config';
import { serviceLogger } from '@cs/platform';
import { createServiceDataSource } from '@cs/persistence';
import { describeRefresh, refreshNeedsAttention, refreshOfficialCalendar } from '../infrastructure/official-holidays/refresh-official-calendar';

/**
 * `npm run calendar:refresh-official` (`node dist/apps/tickets/src/cli/refresh-official-calendar.js`):
 * after upgrading `chinese-days` when the State Council publishes the next year, reloads the
 * official holidays and 调休 days into the calendars that follow them. Runs with the service's
 * own environment (DATABASE_URL). The running service recomputes the open tickets' deadlines.
 * Exit 0 when done (also when nothing changed), 1 when it failed: rerunning is safe.
 */
async function main(): Promise<number> {
  const config = loadServiceConfig('tickets');
  const logger = serviceLogger('tickets-calendar-refresh', config.logLevel);
  const dataSource = createServiceDataSource({
    url: config.database.url,
    schema: config.database.schema,
    poolSize: 1,
    applicationName: 'tickets-refresh-official-calendar',
  });
  await dataSource.initialize();
  try {
    const refresh = await refreshOfficialCalendar(dataSource);
    logger[refreshNeedsAttention(refresh) ? 'warn' : 'info'](
      { source: refresh.source, years: refresh.years, provisionalYears: refresh.provisionalYears, keptNewer: refresh.keptNewer, keptUnreplaced: refresh.keptUnreplaced, holidaysRemoved: refresh.holidaysRemoved, calendars: refresh.calendars },
      describeRefresh(refresh),
    );
    console.log(describeRefresh(refresh));
    return 0;
  } catch (error) {
    logger.error({ err: error }, 'the official holidays could not be refreshed');
    return 1;
  } finally {
    await dataSource.destroy();
  }
}

void main().then((code) => (process.exitCode = code));
