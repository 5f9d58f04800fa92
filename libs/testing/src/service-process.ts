import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { SERVICE_NAMES, ServiceName } from '@cs/config';
import { advisoryLockKey } from '@cs/persistence';
import { adminUrl, serviceDatabaseUrl } from './database';
import { eventually } from './eventually';

export const REPO_ROOT = join(__dirname, '..', '..', '..');

/** Runs a compiled CLI of the repository (dist/…) to completion, failing loudly on a non-zero exit. */
export async function runNode(script: string, args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, script), ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`${script} exited ${code}: ${output}`))));
  });
}

/** A step of the deployment's migration Job or its topics Job, as a run records it done. */
type PreparationStep = 'provision' | `migrate ${ServiceName}` | 'topics';

/**
 * The steps done in a database of the run (the e2e worker's, ADR 0182): every suite using it finds
 * them there, and they go with the database at the run's end (ADR 0054).
 */
const PREPARED_STEPS = 'public.test_run_prepared_steps';

export interface PreparationOptions {
  /**
   * Services whose migration step the suite is about: run again even where the run has done it,
   * so what the suite reads is what that step leaves, whichever suite came first.
   */
  readonly migrateAgain?: readonly ServiceName[];
}

/**
 * Roles, schemas, migrations and topics, exactly as the deployment's migration step does them,
 * once per database and Kafka namespace (an e2e worker's, ADR 0182): a step another suite did
 * there is not done again. The database's steps
 * (provisioning, then each service's migrations, in order) and the topics' are two Jobs in the
 * deployment, so they run side by side here too.
 */
export async function prepareDatabaseAndTopics(services: readonly ServiceName[], options: PreparationOptions = {}): Promise<void> {
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    // Suites sharing the database wait for the one preparing, then find its steps done.
    await admin.query(`SELECT pg_advisory_lock(${advisoryLockKey('testRunPreparation', `'steps'`)})`);
    await admin.query(`CREATE TABLE IF NOT EXISTS ${PREPARED_STEPS} (step text PRIMARY KEY)`);
    const done = new Set((await admin.query<{ step: string }>(`SELECT step FROM ${PREPARED_STEPS}`)).rows.map((row) => row.step));
    const step = async (name: PreparationStep, work: () => Promise<string>, again = false): Promise<void> => {
      if (done.has(name) && !again) return;
      await work();
      await admin.query(`INSERT INTO ${PREPARED_STEPS} (step) VALUES ($1) ON CONFLICT DO NOTHING`, [name]);
    };
    const database = async (): Promise<void> => {
      await step('provision', () => runNode('dist/libs/persistence/src/cli/provision.js'));
      for (const service of services) {
        const migrate = () => runNode(`dist/apps/${service}/src/migrate.js`, [], { DATABASE_URL: serviceDatabaseUrl(service) });
        await step(`migrate ${service}`, migrate, options.migrateAgain?.includes(service));
      }
    };
    const jobs = await Promise.allSettled([database(), step('topics', () => runNode('dist/libs/messaging/src/cli/provision-topics.js'))]);
    for (const job of jobs) if (job.status === 'rejected') throw job.reason;
  } finally {
    // Ends the session, and the lock with it.
    await admin.end();
  }
}

/** One service (or the gateway, which has no database) running as a real process from dist/, as in production. */
export class ServiceProcess {
  private child?: ChildProcess;

  constructor(
    readonly service: ServiceName | 'gateway',
    readonly port: number,
    private readonly extraEnv: NodeJS.ProcessEnv = {},
  ) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /**
   * Where the process's output goes, appended across its starts: named by its port too, so that
   * two suites running at once write two files and a suite reading its service's log reads its own.
   */
  get logFile(): string {
    return join(REPO_ROOT, '.infra', 'logs', `e2e-${this.service}-${this.port}.log`);
  }

  async start(): Promise<void> {
    await assertPortFree(this.service, this.port);
    mkdirSync(dirname(this.logFile), { recursive: true });
    const log = createWriteStream(this.logFile, { flags: 'a' });
    const child = spawn(process.execPath, [join(REPO_ROOT, `dist/apps/${this.service}/src/main.js`)], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        PORT: String(this.port),
        HOST: '127.0.0.1',
        ...(this.service === 'gateway' ? {} : { DATABASE_URL: serviceDatabaseUrl(this.service) }),
        LOG_LEVEL: 'info',
        ...this.extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    this.child = child;
    await eventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`${this.service} exited with ${child.exitCode}; see ${this.logFile}`);
        const response = await fetch(`${this.baseUrl}/health/ready`);
        if (response.status !== 200) throw new Error(`${this.service} not ready: ${await response.text()}`);
      },
      60_000,
      // Each poll is a refused or local request; a suite waits on its slowest service, not a beat past it.
      100,
    );
  }

  /** SIGKILL: the process gets no chance to finish anything, as in a node crash. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  /** SIGTERM: graceful shutdown, as Kubernetes does it. Resolves with the exit code. */
  async stop(): Promise<number | null> {
    return this.signal('SIGTERM');
  }

  private async signal(signal: NodeJS.Signals): Promise<number | null> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill(signal);
    const code = await exited;
    this.child = undefined;
    return code;
  }
}

/**
 * Refuses a port something already listens on: the service would fail to listen and exit, but its
 * readiness poll could meanwhile be answered by whatever holds the port, another suite's service of
 * the same name among them, and the suite would go on against it.
 */
async function assertPortFree(service: string, port: number): Promise<void> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`${service}: port ${port} is in use (a suite running at once, or a process left behind): give each suite ports of its own`)
          : error,
      ),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

/** The six services as processes on the given ports, each with the environment `envOf` gives it. */
export function serviceProcesses(ports: Readonly<Record<ServiceName, number>>, envOf: (service: ServiceName) => NodeJS.ProcessEnv = () => ({})): Record<ServiceName, ServiceProcess> {
  return Object.fromEntries(SERVICE_NAMES.map((name) => [name, new ServiceProcess(name, ports[name], envOf(name))])) as Record<ServiceName, ServiceProcess>;
}
