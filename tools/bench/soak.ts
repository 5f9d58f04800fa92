import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kafkaFromEnv } from '@cs/messaging';
import { Backlog } from './backlog';
import { ROOT, call, required, residentMiB, setting, token } from './copy';
import { latencyOf } from './figures';
import { pacedRequests } from './load';
import { contactBody } from './scenarios';
import { SoakSample, soakVerdict } from './soak-verdict';

/**
 * `npm run soak` (scripts/bench.sh with BENCH_SOAK_MINUTES): contacts at a steady rate for
 * minutes, sampling every service's resident memory and every backlog (each outbox's unpublished
 * rows, each consumer group's records past its offsets) every 30 s. A healthy run shows neither
 * growing once warm and every backlog back to 0 after the load; otherwise the soak says why and
 * exits 1. Writes bench/results/soak-<date>.json.
 */
async function main(): Promise<void> {
  const minutes = setting('BENCH_SOAK_MINUTES', 10);
  const rate = setting('BENCH_SOAK_RATE', 200);
  const limits = {
    loadSeconds: minutes * 60,
    maxGrowthMiBPerMinute: setting('BENCH_SOAK_MAX_GROWTH_MIB_PER_MINUTE', 2),
    // A consumer that keeps up has a backlog that comes and goes; one falling behind gains on it every minute.
    maxBacklogGrowthPerMinute: setting('BENCH_SOAK_MAX_BACKLOG_GROWTH_PER_MINUTE', 60),
  };
  const intakeUrl = required('BENCH_INTAKE_URL');
  const pidsDir = required('BENCH_PIDS_DIR');
  const backlog = await Backlog.connect(kafkaFromEnv('bench'), required('BENCH_DATABASE_URL'));
  const bearer = await token({ roles: ['agent'], sub: 'soak', name: '浸泡', projects: ['P001'] });
  const samples: SoakSample[] = [];
  const started = Date.now();
  const sample = async () => {
    const s = { atSeconds: Math.round((Date.now() - started) / 1000), residentMiB: residentMiB(pidsDir), backlog: await backlog.sample() };
    samples.push(s);
    const waiting = Object.entries(s.backlog).filter(([, n]) => n > 0);
    process.stdout.write(`[soak] ${s.atSeconds} s: RSS ${JSON.stringify(s.residentMiB)}; waiting ${waiting.length ? JSON.stringify(Object.fromEntries(waiting)) : 'nothing'}\n`);
  };
  // A sample Postgres or the brokers did not answer is left out; the next one tries again.
  const timer = setInterval(() => void sample().catch(() => undefined), 30_000);
  // Evenly spaced, as the pipeline's load: autocannon's overallRate opens every second with a burst.
  const load = await pacedRequests(rate, minutes * 60, 200, async (i) => {
    const answer = await call(`${intakeUrl}/v1/contacts`, bearer, { method: 'POST', body: JSON.parse(contactBody(i, '135')) as unknown });
    return answer.status === 201;
  });
  const latency = latencyOf(load.latencies);
  clearInterval(timer);
  await sample();
  const drainedAfterSeconds = await backlog.settle(setting('BENCH_WAIT_SECONDS', 30));
  await backlog.close();
  const verdict = soakVerdict(samples, limits, drainedAfterSeconds);
  const result = { minutes, rate, limits, accepted: load.latencies.length, notAccepted: load.failed, notSent: load.skipped, p99Ms: latency.p99, ...verdict, drainedAfterSeconds, samples };
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  const file = join(ROOT, 'bench/results', `soak-${new Date().toISOString().slice(0, 10)}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(
    `[soak] ${load.latencies.length} contacts accepted, p99 ${latency.p99} ms; RSS growth MiB/min ${JSON.stringify(verdict.residentGrowthMiBPerMinute)}; ` +
      `backlog growth /min ${JSON.stringify(verdict.backlogGrowthPerMinute)}; drained ${drainedAfterSeconds ?? 'not'} s after the load; wrote ${file}\n`,
  );
  const problems = [
    ...verdict.problems,
    ...(load.failed > 0 ? [`${load.failed} contacts not accepted`] : []),
    ...(load.skipped > 0 ? [`${load.skipped} contacts not sent: the system did not keep up with ${rate} a second`] : []),
  ];
  if (problems.length > 0) {
    process.stdout.write(`[soak] failed: ${problems.join('; ')}\n`);
    process.exitCode = 1;
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
