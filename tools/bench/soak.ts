import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kafkaFromEnv } from '@cs/messaging';
import { Backlog, describeCarried } from './backlog';
import { ROOT, call, required, residentMiB, sampleHeaps, serviceUrls, setting, token } from './copy';
import { latencyOf } from './figures';
import { describeSpan, machineDuring } from './machine-seconds';
import { MachineWatch, describeFailures } from './machine-watch';
import { pacedRequests } from './load';
import { publishCorpus } from './knowledge';
import { Filled, fillToMaturity } from './mature';
import { readWal, walBetween, walSettings } from './wal';
import { contactBody } from './scenarios';
import { analyzeCopy, analyzedHalfwayThrough } from './statistics';
import { FLOOR_WINDOW_SECONDS, LiveHeapReading, MemorySample, SlowestSeconds, SoakSample, countOne, failureName, soakFileName, soakVerdict } from './soak-verdict';

/**
 * `npm run soak` (scripts/bench.sh with BENCH_SOAK_MINUTES): contacts at a steady rate for
 * minutes, sampling every service's resident memory and live heap every 5 s and every backlog (each outbox's
 * unpublished rows, each consumer group's records past its offsets) every 30 s. A healthy run
 * shows neither memory floors nor backlogs growing once warm and every backlog back to 0 after
 * the load; otherwise the soak says why and exits 1. Writes bench/results/soak-<date>-<hhmm>-at-<rate>.json,
 * each of its slowest seconds beside what the machine did while that second's slowest request
 * waited, and every second the machine was watched as one line each in the same name's `.seconds.jsonl`.
 */
async function main(): Promise<void> {
  const minutes = setting('BENCH_SOAK_MINUTES', 10);
  const rate = setting('BENCH_SOAK_RATE', 200);
  const limits = {
    loadSeconds: minutes * 60,
    maxGrowthMiBPerMinute: setting('BENCH_SOAK_MAX_GROWTH_MIB_PER_MINUTE', 2),
    // A consumer that keeps up has a backlog that comes and goes; one falling behind gains on it every minute.
    maxBacklogGrowthPerMinute: setting('BENCH_SOAK_MAX_BACKLOG_GROWTH_PER_MINUTE', 60),
    floorWindowSeconds: setting('BENCH_SOAK_FLOOR_WINDOW_SECONDS', FLOOR_WINDOW_SECONDS),
  };
  const intakeUrl = required('BENCH_INTAKE_URL');
  const pidsDir = required('BENCH_PIDS_DIR');
  const backlog = await Backlog.connect(kafkaFromEnv('bench'), required('BENCH_DATABASE_URL'));
  const bearer = await token({ roles: ['agent'], sub: 'soak', name: '浸泡', projects: ['P001'] });
  const refusals: Record<string, number> = {};
  const slowest = new SlowestSeconds();
  // Evenly spaced, as the pipeline's load: autocannon's overallRate opens every second with a burst.
  const postContacts = (seconds: number, phonePrefix: string, measured: boolean, loadStarted = performance.now()) =>
    pacedRequests(rate, seconds, 200, async (i) => {
      const sent = performance.now();
      try {
        const answer = await call(`${intakeUrl}/v1/contacts`, bearer, { method: 'POST', body: JSON.parse(contactBody(i, phonePrefix)) as unknown });
        if (measured && answer.status !== 201) countOne(refusals, String(answer.status));
        return answer.status === 201;
      } catch (error) {
        if (measured) countOne(refusals, failureName(error));
        throw error;
      } finally {
        if (measured) slowest.add((sent - loadStarted) / 1000, performance.now() - sent);
      }
    });
  // A centre's knowledge base, for each new ticket's suggestions to be searched in.
  await publishCorpus({
    knowledgeUrl: required('BENCH_KNOWLEDGE_URL'),
    author: await token({ roles: ['agent'], sub: 'soak-author', name: '浸泡编辑' }),
    approver: await token({ roles: ['supervisor'], sub: 'soak-approver', name: '浸泡审核' }),
  });
  // As the benchmark does before its scenarios: a process just started compiles its hot paths
  // under its first load, and a soak's first seconds answered in up to 3 s while the rate
  // queued behind them — a start-up, not what a soak is after.
  const warmUpSeconds = setting('BENCH_WARMUP_SECONDS', 10);
  let warmUpTakenIn = false;
  if (warmUpSeconds <= 0) {
    // Without a warm-up, the copy's tables are analysed before the load (ADR 0185).
    await analyzeCopy(required('BENCH_DATABASE_URL'));
  } else {
    const warmUp = await analyzedHalfwayThrough(required('BENCH_DATABASE_URL'), warmUpSeconds, postContacts(warmUpSeconds, '134', false));
    const settled = await backlog.settle(setting('BENCH_WAIT_SECONDS', 30));
    warmUpTakenIn = settled !== undefined;
    process.stdout.write(
      `[soak] warm-up: ${warmUp.latencies.length} contacts accepted in ${warmUpSeconds} s (${warmUp.failed} not, ${warmUp.skipped} not sent), not measured; ` +
        `taken in ${settled ?? 'not'} s later\n`,
    );
  }
  const filled = await filledIfAsked(warmUpSeconds, warmUpTakenIn);
  if (filled) {
    // The services sat idle through the fill, their plans made for the tables before it: a
    // centre that has run a year does not start its day so. The first seconds after a fill
    // answered in 3–4 s without this.
    const rewarmed = await postContacts(warmUpSeconds, '136', false);
    const settled = await backlog.settle(setting('BENCH_WAIT_SECONDS', 30));
    process.stdout.write(`[soak] after the fill: ${rewarmed.latencies.length} contacts accepted in ${warmUpSeconds} s, not measured; taken in ${settled ?? 'not'} s later\n`);
  }
  const samples: SoakSample[] = [];
  const memory: MemorySample[] = [];
  const started = Date.now();
  const atSeconds = () => Math.round((Date.now() - started) / 1000);
  const urls = serviceUrls(required('BENCH_SERVICE_URLS'));
  // The heaps and the resident sizes come over HTTP, each service's of one moment; a service that
  // did not answer has its resident size read from /proc after the others, and no heaps.
  let lastLiveHeaps: Record<string, LiveHeapReading> = {};
  const sampleMemory = async () => {
    const { live: liveHeap, committed: heapCommittedMiB, resident } = await sampleHeaps(urls, started);
    memory.push({ atSeconds: atSeconds(), residentMiB: { ...residentMiB(pidsDir), ...resident }, liveHeap, heapCommittedMiB });
    lastLiveHeaps = liveHeap;
  };
  const sample = async () => {
    const s = { atSeconds: atSeconds(), backlog: await backlog.sample() };
    samples.push(s);
    const waiting = Object.entries(s.backlog).filter(([, n]) => n > 0);
    const last = memory.at(-1);
    process.stdout.write(
      `[soak] ${s.atSeconds} s: RSS ${JSON.stringify(last?.residentMiB ?? {})}; live heap MiB ${JSON.stringify(Object.fromEntries(Object.entries(lastLiveHeaps).map(([service, { mib }]) => [service, mib])))}; ` +
        `waiting ${waiting.length ? JSON.stringify(Object.fromEntries(waiting)) : 'nothing'}\n`,
    );
  };
  void sampleMemory();
  const memoryTimer = setInterval(() => void sampleMemory(), setting('BENCH_SOAK_MEMORY_EVERY_SECONDS', 5) * 1000);
  // A sample Postgres or the brokers did not answer is left out; the next one tries again.
  const timer = setInterval(() => void sample().catch(() => undefined), 30_000);
  // What the load carried is counted by the database's stamps, so from the database's clock.
  const loadStartedInDatabase = await backlog.databaseNow();
  // Read before the load's clock starts: its connection is not the load's time.
  const walAtStart = await readWal(required('BENCH_DATABASE_URL'));
  const loadStartedAt = new Date().toISOString();
  const loadStarted = performance.now();
  const machine = MachineWatch.start(pidsDir, required('BENCH_DATABASE_URL'), loadStarted);
  let load: Awaited<ReturnType<typeof postContacts>>;
  try {
    load = await postContacts(minutes * 60, '135', true, loadStarted);
  } finally {
    // A load that fails leaves nothing running that would keep the soak from ending with its error.
    clearInterval(timer);
    clearInterval(memoryTimer);
  }
  const walAtEnd = await readWal(required('BENCH_DATABASE_URL'));
  const latency = latencyOf(load.latencies);
  const { seconds: machineSeconds, failures: machineFailures } = await machine.stop();
  await sampleMemory();
  await sample();
  const drainedAfterSeconds = await backlog.settle(setting('BENCH_WAIT_SECONDS', 30));
  // Read once the backlogs drained, or the wait for them ended; the warm-up's events, written before the load, are not counted.
  let carried: Awaited<ReturnType<Backlog['carried']>> | undefined;
  let carriedFailure: string | undefined;
  try {
    carried = await backlog.carried(loadStartedInDatabase);
  } catch (error) {
    carriedFailure = error instanceof Error ? error.message : String(error);
  }
  await backlog.close();
  const verdict = soakVerdict(samples, memory, limits, drainedAfterSeconds);
  const neverRead = Object.keys(urls).filter((service) => !memory.some((m) => m.liveHeap?.[service]));
  if (neverRead.length > 0) {
    process.stdout.write(`[soak] no live heap read from ${neverRead.join(', ')}: no full collection in the soak, or /metrics did not answer (BENCH_SERVICE_URLS)\n`);
  }
  const problems = [
    ...verdict.problems,
    ...(load.failed > 0 ? [`${load.failed} contacts not accepted (${JSON.stringify(refusals)})`] : []),
    ...(load.skipped > 0 ? [`${load.skipped} contacts not sent: the system did not keep up with ${rate} a second`] : []),
    ...(filled && Object.keys(filled.notWritten).length > 0 ? [`the fill left rows unwritten that a unique key held (${JSON.stringify(filled.notWritten)})`] : []),
  ];
  // The server's, not the copy's alone: nothing else runs beside a soak.
  const postgres = { settings: await walSettings(required('BENCH_DATABASE_URL')), wal: walBetween(walAtStart, walAtEnd) };
  const result = {
    minutes,
    rate,
    limits,
    /** The tables grown to a mature size before the load, when asked (BENCH_SOAK_FILL_CONTACTS). */
    filled,
    /** Postgres's WAL settings, and what its WAL carried over the load. */
    postgres,
    accepted: load.latencies.length,
    notAccepted: load.failed,
    notAcceptedBy: refusals,
    notSent: load.skipped,
    p99Ms: latency.p99,
    /** Seconds counted from `loadStartedAt`. */
    loadStartedAt,
    /** What the machine did over the whole load, the means of every second watched. */
    machine: machineDuring(machineSeconds, 0, minutes * 60),
    secondsWithAnAnswerOver1s: slowest.over(1_000),
    // What the machine did while each second's slowest request waited for its answer.
    slowestSeconds: slowest.top(10).map((s) => ({ ...s, machine: machineDuring(machineSeconds, s.sentAtSeconds, s.sentAtSeconds + s.slowestMs / 1000) })),
    /** Per service: events published and the relay rounds they went in, events taken in and the consumer transactions they went in. */
    carried,
    /** Why `carried` is missing, when it is. */
    carriedFailure,
    /** The parts of the machine's readings that failed (Postgres not answering…), and how often. */
    machineFailures,
    ...verdict,
    problems,
    passed: problems.length === 0,
    drainedAfterSeconds,
    samples,
    memory,
  };
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  const file = join(ROOT, 'bench/results', soakFileName(new Date(loadStartedAt), rate));
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(file.replace(/\.json$/, '.seconds.jsonl'), machineSeconds.map((s) => `${JSON.stringify(s)}\n`).join(''));
  process.stdout.write(
    `[soak] ${load.latencies.length} contacts accepted, p99 ${latency.p99} ms; memory floor growth MiB/min ${JSON.stringify(verdict.residentGrowthMiBPerMinute)}; ` +
      `live heap growth MiB/min ${JSON.stringify(verdict.liveHeapGrowthMiBPerMinute)} over full collections ${JSON.stringify(verdict.fullCollections)}; ` +
      `committed V8 heap floor growth MiB/min ${JSON.stringify(verdict.heapCommittedGrowthMiBPerMinute)}, beside it ${JSON.stringify(verdict.besideHeapGrowthMiBPerMinute)}; ` +
      `backlog growth /min ${JSON.stringify(verdict.backlogGrowthPerMinute)}; slowest seconds ${JSON.stringify(slowest.top(5))}; drained ${drainedAfterSeconds ?? 'not'} s after the load; wrote ${file}\n`,
  );
  if (result.machine) process.stdout.write(`[soak] over the load: ${describeSpan(result.machine)}\n`);
  process.stdout.write(`[soak] WAL over the load: ${JSON.stringify(postgres.wal)}; settings ${JSON.stringify(postgres.settings)}\n`);
  if (carried) process.stdout.write(`[soak] carried: ${describeCarried(carried)}\n`);
  if (carriedFailure) process.stdout.write(`[soak] what the rounds and transactions carried was not counted: ${carriedFailure}\n`);
  const failed = describeFailures(machineFailures);
  if (failed) process.stdout.write(`[soak] the machine not read: ${failed}\n`);
  for (const { atSecond, slowestMs, machine: span } of result.slowestSeconds.slice(0, 3)) {
    process.stdout.write(`[soak] second ${atSecond} (slowest answer ${slowestMs} ms): ${span ? describeSpan(span) : 'the machine was not read then'}\n`);
  }
  if (problems.length > 0) {
    process.stdout.write(`[soak] failed: ${problems.join('; ')}\n`);
    process.exitCode = 1;
  }
}

/**
 * The services' tables grown to `BENCH_SOAK_FILL_CONTACTS` contacts (copies of what the warm-up
 * left, spread back over `BENCH_SOAK_FILL_DAYS`), for a soak of a centre that has run a while:
 * its indexes deep and its tables larger than memory holds at hand.
 */
async function filledIfAsked(warmUpSeconds: number, warmUpTakenIn: boolean): Promise<Filled | undefined> {
  const contacts = setting('BENCH_SOAK_FILL_CONTACTS', 0);
  if (contacts <= 0) return undefined;
  if (warmUpSeconds <= 0) throw new Error('BENCH_SOAK_FILL_CONTACTS copies what the warm-up left: BENCH_WARMUP_SECONDS must be above 0');
  // Copied before every service had taken the warm-up in, the template would hold half of what it sent.
  if (!warmUpTakenIn) throw new Error('BENCH_SOAK_FILL_CONTACTS: the warm-up was not taken in within BENCH_WAIT_SECONDS, so there is no whole template to copy');
  const filled = await fillToMaturity(required('BENCH_DATABASE_URL'), {
    rows: contacts,
    countedIn: 'intake.contacts',
    spanDays: setting('BENCH_SOAK_FILL_DAYS', 365),
    progress: (line) => process.stdout.write(`[soak] fill: ${line}\n`),
  });
  process.stdout.write(
    `[soak] filled: ${filled.copies} copies of the warm-up's rows over ${filled.spanDays} days, the database ${filled.sizeMiB} MiB, in ${filled.seconds} s; ` +
      `rows ${JSON.stringify(filled.rows)}${Object.keys(filled.notWritten).length > 0 ? `; not written (a unique key held them) ${JSON.stringify(filled.notWritten)}` : ''}\n`,
  );
  return filled;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
