import { mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { DEV_JWT_SECRET, signDevToken } from '@cs/auth';
import { BenchRun, Figure, markdownTable, ratio, withTable } from './figures';
import { bareFastify, callerLookup, intakeContacts, pipeline, rawTransaction, ticketBacklog } from './scenarios';
import { incidentJoining } from './incidents';

/**
 * `npm run bench` (scripts/bench.sh) starts an isolated copy of the services and runs this
 * against it: every figure beside a baseline measured in the same run, so machines and runs
 * compare as ratios. Writes bench/results/<date>.json and the table in docs/performance.md.
 */
const ROOT = join(__dirname, __dirname.includes('/dist/tools/') ? '../../..' : '../..');

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required (scripts/bench.sh sets it)`);
  return value;
}

/** Resident set size of each of the copy's services, from their pid files. */
function residentMiB(pidsDir: string): Record<string, number> {
  const sizes: Record<string, number> = {};
  for (const file of readdirSync(pidsDir).filter((f) => f.endsWith('.pid'))) {
    const pid = readFileSync(join(pidsDir, file), 'utf8').trim();
    const status = existsSync(`/proc/${pid}/status`) ? readFileSync(`/proc/${pid}/status`, 'utf8') : '';
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    if (kb) sizes[file.replace(/\.pid$/, '')] = Math.round(Number(kb) / 1024);
  }
  return sizes;
}

async function main(): Promise<void> {
  const load = { seconds: Number(process.env['BENCH_SECONDS'] ?? 10), connections: Number(process.env['BENCH_CONNECTIONS'] ?? 20) };
  const intakeUrl = required('BENCH_INTAKE_URL');
  const ticketsUrl = required('BENCH_TICKETS_URL');
  const pidsDir = required('BENCH_PIDS_DIR');
  const token = await signDevToken({ roles: ['agent', 'supervisor'], sub: 'bench', name: '压测', projects: ['P001'] }, process.env['JWT_SECRET'] ?? DEV_JWT_SECRET);
  const idle = residentMiB(pidsDir);
  const say = (figure: Figure) => {
    const latency = figure.latencyMs ? `, p50 ${figure.latencyMs.p50} ms, p99 ${figure.latencyMs.p99} ms` : '';
    process.stdout.write(`[bench] ${figure.name}: ${figure.rate ?? '—'} ${figure.unit}${latency}${figure.note ? ` (${figure.note})` : ''}\n`);
    return figure;
  };

  const fastify = say(await bareFastify(load));
  const raw = say(await rawTransaction(required('BENCH_DATABASE_URL'), load));
  const contacts = await intakeContacts(intakeUrl, token, load, '137');
  const intakeRatio = ratio(contacts.rate, raw);
  const intake = say({ ...contacts, ofBaseline: intakeRatio, target: '≥ 50 % of the raw transaction', met: intakeRatio ? intakeRatio.ratio >= 0.5 : false });
  const underLoad = residentMiB(pidsDir);
  const backlog = say(await ticketBacklog(required('BENCH_DATABASE_URL'), load.seconds));
  const lookup = say(await callerLookup(intakeUrl, token, load, '137', Math.max(1, Math.floor((contacts.rate ?? 1) * load.seconds * 0.5)), 200));
  const flow = say(await pipeline(intakeUrl, ticketsUrl, token, load, Number(process.env['BENCH_PIPELINE_RATE'] ?? 50), '136'));
  const incident = say(await incidentJoining(intakeUrl, ticketsUrl, token, 100, '135'));

  const run: BenchRun = {
    at: new Date().toISOString(),
    durationSeconds: load.seconds,
    connections: load.connections,
    machine: { cpus: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
    figures: [fastify, raw, intake, backlog, lookup, flow, incident],
    memoryMiB: Object.fromEntries(Object.entries(idle).map(([service, mib]) => [service, { idle: mib, underLoad: underLoad[service] ?? mib }])),
  };
  const resultsDir = join(ROOT, 'bench/results');
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `${run.at.slice(0, 10)}.json`);
  writeFileSync(file, `${JSON.stringify(run, null, 2)}\n`);
  const doc = join(ROOT, 'docs/performance.md');
  writeFileSync(doc, withTable(existsSync(doc) ? readFileSync(doc, 'utf8') : '# Performance\n', markdownTable(run)));
  process.stdout.write(`${markdownTable(run)}\n\n[bench] wrote ${file} and docs/performance.md\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
