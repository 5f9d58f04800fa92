import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import { ROOT, call, residentMiB, token } from './copy';
import { latencyOf, slope } from './figures';
import { pacedRequests } from './load';
import { contactBody } from './scenarios';

/**
 * `npm run soak` (scripts/bench.sh with BENCH_SOAK_MINUTES): contacts at a steady rate for
 * minutes, sampling every service's resident memory and the tickets consumer's backlog every
 * 30 s; a healthy run shows neither growing. Writes bench/results/soak-<date>.json.
 */
interface Sample {
  readonly atSeconds: number;
  readonly residentMiB: Record<string, number>;
  readonly ticketsBehind: number;
}

async function main(): Promise<void> {
  const minutes = Number(process.env['BENCH_SOAK_MINUTES'] ?? 10);
  const rate = Number(process.env['BENCH_SOAK_RATE'] ?? 200);
  const intakeUrl = process.env['BENCH_INTAKE_URL'] ?? '';
  const pidsDir = process.env['BENCH_PIDS_DIR'] ?? '';
  const pool = new Pool({ connectionString: process.env['BENCH_DATABASE_URL'], max: 1 });
  const bearer = await token({ roles: ['agent'], sub: 'soak', name: '浸泡', projects: ['P001'] });
  const samples: Sample[] = [];
  const started = Date.now();
  const sample = async () => {
    const { rows } = await pool.query<{ behind: number }>(
      `SELECT (SELECT count(*)::int FROM intake.contacts WHERE route = 'new_matter') - (SELECT count(*)::int FROM tickets.tickets) AS behind`,
    );
    const s = { atSeconds: Math.round((Date.now() - started) / 1000), residentMiB: residentMiB(pidsDir), ticketsBehind: rows[0]?.behind ?? 0 };
    samples.push(s);
    process.stdout.write(`[soak] ${s.atSeconds} s: ${s.ticketsBehind} tickets behind, RSS ${JSON.stringify(s.residentMiB)}\n`);
  };
  const timer = setInterval(() => void sample(), 30_000);
  // Evenly spaced, as the pipeline's load: autocannon's overallRate opens every second with a burst.
  const load = await pacedRequests(rate, minutes * 60, 200, async (i) => {
    const answer = await call(`${intakeUrl}/v1/contacts`, bearer, { method: 'POST', body: JSON.parse(contactBody(i, '135')) as unknown });
    return answer.status === 201;
  });
  const latency = latencyOf(load.latencies);
  clearInterval(timer);
  await sample();
  await pool.end();
  const growth = Object.fromEntries(
    Object.keys(samples[0]?.residentMiB ?? {}).map((service) => [service, Math.round(slope(samples.map((s) => [s.atSeconds / 60, s.residentMiB[service] ?? 0])) * 10) / 10]),
  );
  const result = { minutes, rate, accepted: load.latencies.length, notAccepted: load.failed, notSent: load.skipped, p99Ms: latency.p99, residentGrowthMiBPerMinute: growth, samples };
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  const file = join(ROOT, 'bench/results', `soak-${new Date().toISOString().slice(0, 10)}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`[soak] ${load.latencies.length} contacts accepted, p99 ${latency.p99} ms; RSS growth MiB/min ${JSON.stringify(growth)}; last backlog ${samples.at(-1)?.ticketsBehind}; wrote ${file}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
