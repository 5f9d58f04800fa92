import { workerDatabaseUrl } from '../worker-databases';

// Before each int and e2e suite, in its worker: the worker's own database (made by the global set-up)
// in place of the run's, so that two suites running at once never see each other's sessions,
// locks or advisory locks. Jest gives each suite its own copy of the environment, which the
// processes a suite starts inherit when it passes them `process.env`.
const runDatabaseUrl = process.env['DATABASE_ADMIN_URL'];
if (runDatabaseUrl) process.env['DATABASE_ADMIN_URL'] = workerDatabaseUrl(runDatabaseUrl, Number(process.env['JEST_WORKER_ID'] ?? '1'));
