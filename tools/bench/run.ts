import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { kafkaFromEnv } from '@cs/messaging';
import { Backlog } from './backlog';
import { ROOT, required, residentMiB, setting, token, withOthersPaused } from './copy';
import { BenchRun, Figure, LagSummary, chosenScenarios, markdownTable, ratio, withTable } from './figures';
import { answerList, knowledgeSearch, publishCorpus } from './knowledge';
import { monthOfTickets, projectionRebuild } from './reporting';
import { scaleOut } from './scale-out';
import { bareFastify, callerLookup, callersOf, intakeContacts, pipeline, rawTransaction, ticketBacklog, ticketCount } from './scenarios';
import { analyzeCopy, analyzedHalfwayThrough } from './statistics';
import { slaTimerBurst } from './timers';
import { incidentJoining } from './incidents';
import { MachineWatch } from './machine-watch';
import { TARGETS, shareText } from './targets';

/**
 * `npm run bench` (scripts/bench.sh) starts an isolated copy of the services and runs this
 * against it: every figure beside a baseline measured in the same run, so machines and runs
 * compare as ratios. Writes bench/results/<date>.json and the table in docs/performance.md.
 */

/** In the order they run: the rebuild last, since nothing stops it once it started. */
const SCENARIOS = ['baseline', 'intake', 'intake-alone', 'pipeline', 'scale-out', 'knowledge', 'incidents', 'timers', 'reporting', 'rebuild'] as const;

/**
 * Callers certainly on record after a burst of about `contacts` contacts: those of its first half
 * (its count is a rate times a duration, and a contact refused would leave its phone unknown).
 */
const knownCallers = (contacts: number): number => Math.max(1, callersOf(Math.floor(contacts / 2)));

async function main(): Promise<void> {
  const load = { seconds: setting('BENCH_SECONDS', 10), connections: setting('BENCH_CONNECTIONS', 20) };
  const settings = {
    waitSeconds: setting('BENCH_WAIT_SECONDS', 30),
    pipelineRate: setting('BENCH_PIPELINE_RATE', 50),
    timers: setting('BENCH_TIMERS', 100_000),
    reportTickets: setting('BENCH_REPORT_TICKETS', 1_000_000),
    answers: setting('BENCH_ANSWERS', 10_000),
    searchRate: setting('BENCH_SEARCH_RATE', 100),
    relayEvents: setting('BENCH_RELAY_EVENTS', 20_000),
    rebuildEvents: setting('BENCH_REBUILD_EVENTS', 20_000),
    incidentCalls: setting('BENCH_INCIDENT_CALLS', 100),
    warmUpSeconds: setting('BENCH_WARMUP_SECONDS', 10),
  };
  const chosen = chosenScenarios(SCENARIOS, process.env['BENCH_ONLY'], process.env['BENCH_SKIP']);
  const usesServices = chosen.some((name) => name !== 'baseline');
  const urls = {
    intake: required('BENCH_INTAKE_URL'),
    tickets: required('BENCH_TICKETS_URL'),
    knowledge: required('BENCH_KNOWLEDGE_URL'),
    reporting: required('BENCH_REPORTING_URL'),
  };
  const databaseUrl = required('BENCH_DATABASE_URL');
  const pidsDir = required('BENCH_PIDS_DIR');
  const tokens = {
    desk: await token({ roles: ['agent', 'supervisor'], sub: 'bench', name: '压测', projects: ['P001'] }),
    manager: await token({ roles: 'manager', sub: 'bench-manager', name: '压测经理' }),
    admin: await token({ roles: 'admin', sub: 'bench-admin', name: '压测管理员' }),
    author: await token({ roles: 'agent', sub: 'bench-author', name: '压测编辑' }),
    approver: await token({ roles: 'supervisor', sub: 'bench-approver', name: '压测审核' }),
  };

  const figures: Figure[] = [];
  const say = (figure: Figure) => {
    const l = figure.latencyMs;
    const latency = l ? `, p50 ${l.p50} ms${l.p95 === undefined ? '' : `, p95 ${l.p95} ms`}, p99 ${l.atLeast?.includes('p99') ? '≥ ' : ''}${l.p99} ms` : '';
    process.stdout.write(`[bench] ${figure.name}: ${figure.rate ?? '—'} ${figure.unit}${latency}${figure.note ? ` (${figure.note})` : ''}\n`);
    figures.push(figure);
    return figure;
  };
  /** One scenario's figures; a scenario that fails is a figure saying so, and the run goes on. */
  const scenario = async (name: (typeof SCENARIOS)[number], measure: () => Promise<Figure[]>): Promise<Figure[]> => {
    if (!chosen.includes(name)) return [];
    process.stdout.write(`[bench] ${name} …\n`);
    try {
      return (await measure()).map(say);
    } catch (error) {
      return [say({ name, unit: '', met: false, note: `failed: ${error instanceof Error ? error.message : String(error)}` })];
    }
  };

  /** A load's figure with where the machine's cores went while it ran. */
  const withMachine = (work: () => Promise<Figure>): Promise<Figure> => MachineWatch.around(pidsDir, databaseUrl, work);
  const idle = residentMiB(pidsDir);
  let underLoad = idle;
  const [, raw] = await scenario('baseline', async () => [await bareFastify(load), await withMachine(() => rawTransaction(databaseUrl, load))]);
  /** Seconds until every outbox and consumer group is at 0, undefined when not within the wait. */
  const settled = async (waitSeconds = settings.waitSeconds): Promise<number | undefined> => {
    const watched = await Backlog.connect(kafkaFromEnv('bench'), databaseUrl);
    try {
      return await watched.settle(waitSeconds);
    } finally {
      await watched.close();
    }
  };
  /**
   * Contacts through the whole system before anything is measured, until every consumer took
   * them in: a service's and the broker's JIT compilers compile the hot paths in their first
   * seconds under load (the broker's used as much CPU as Postgres during a first burst, a third
   * of it in a second), and a figure of a system running for some time is the one a centre sees.
   * Then, when the intake scenario runs, caller lookups of the callers of the first half of those
   * contacts, as long: the lookup figure is a window of `BENCH_SECONDS`, and in intake's first 12
   * seconds of lookups ever each cost it a fifth to two-fifths more CPU than in the seconds after
   * (four copies), while its compiler caught up.
   */
  const warmUp = async (): Promise<void> => {
    if (!usesServices) return;
    // Without a warm-up, the copy's tables are analysed before the first scenario (ADR 0185).
    if (settings.warmUpSeconds <= 0) return analyzeCopy(databaseUrl);
    const warmUpLoad = { ...load, seconds: settings.warmUpSeconds };
    const contacts = await analyzedHalfwayThrough(databaseUrl, settings.warmUpSeconds, intakeContacts(urls.intake, tokens.desk, warmUpLoad, '134'));
    const sent = Math.round((contacts.rate ?? 0) * settings.warmUpSeconds);
    const waited = await settled();
    process.stdout.write(
      `[bench] warm-up: ${sent} contacts in ${settings.warmUpSeconds} s, not measured; ${waited === undefined ? `still being taken in after ${settings.waitSeconds} s` : `taken in ${waited} s later`}\n`,
    );
    if (!chosen.includes('intake') || sent === 0) return;
    const lookups = await callerLookup(urls.intake, tokens.desk, warmUpLoad, '134', knownCallers(sent), TARGETS.lookupRate);
    process.stdout.write(`[bench] warm-up: caller lookups at ${TARGETS.lookupRate}/s for ${settings.warmUpSeconds + 1} s, not measured (p99 ${lookups.latencyMs?.p99 ?? '—'} ms)\n`);
  };
  /** The caller lookup once every consumer has taken in the burst: a desk read, not the burst's tail. */
  const settledLookup = async (): Promise<Figure> => {
    const waited = await settled();
    const lookup = await callerLookup(urls.intake, tokens.desk, load, '137', knownCallers((intakeRate ?? 1) * load.seconds), TARGETS.lookupRate);
    const settledNote = waited === undefined ? `the burst was still being taken in after ${settings.waitSeconds} s` : `after every consumer took in the burst (${waited} s)`;
    return { ...lookup, note: [settledNote, lookup.note].filter(Boolean).join('; ') };
  };
  /**
   * Contacts with every other service paused: what intake alone allows on the machine, as the
   * raw transaction is measured with nothing else running. With the whole system up the
   * consumers take in each contact's events on the same cores meanwhile (most of a contact's
   * CPU), so the two figures together say what is intake's and what is the rest's. A diagnostic,
   * not the issue's figure: no deployment runs intake alone, so it carries the ratio and no
   * target. The paused services then take the burst in before the next scenario starts (up to
   * twice the usual wait: it is the largest backlog of the run).
   */
  const intakeAlone = async (): Promise<Figure> => {
    const alone = await withOthersPaused(pidsDir, ['intake'], () => withMachine(() => intakeContacts(urls.intake, tokens.desk, load, '138')));
    const aloneRatio = ratio(alone.rate, raw);
    const wait = 2 * settings.waitSeconds;
    const waited = await settled(wait);
    const takenIn = waited === undefined ? `still being taken in ${wait} s after the others continued` : `taken in by the others ${waited} s after they continued`;
    return {
      ...alone,
      name: 'intake POST /v1/contacts, the other services paused',
      ...(aloneRatio ? { ofBaseline: aloneRatio } : {}),
      note: [takenIn, alone.note].filter(Boolean).join('; '),
    };
  };
  if (usesServices) {
    const answers = await publishCorpus({ knowledgeUrl: urls.knowledge, author: tokens.author, approver: tokens.approver });
    process.stdout.write(`[bench] knowledge base: ${answers} answers published before the contacts, for their tickets' suggestions\n`);
  }
  await warmUp();
  let intakeRate: number | undefined;
  const [intake] = await scenario('intake', async () => {
    const ticketsBefore = await ticketCount(databaseUrl);
    const contacts = await withMachine(() => intakeContacts(urls.intake, tokens.desk, load, '137'));
    intakeRate = contacts.rate;
    const intakeRatio = ratio(contacts.rate, raw);
    underLoad = residentMiB(pidsDir);
    return [
      { ...contacts, ...(intakeRatio ? { ofBaseline: intakeRatio, met: intakeRatio.ratio >= TARGETS.intakeShareOfRaw } : {}), target: `${shareText(TARGETS.intakeShareOfRaw)} of the raw transaction` },
      await ticketBacklog(databaseUrl, load.seconds, ticketsBefore),
      await settledLookup(),
    ];
  });
  await scenario('intake-alone', async () => [await intakeAlone()]);
  let backlog: Record<string, LagSummary> | undefined;
  await scenario('pipeline', async () => {
    const watched = await Backlog.connect(kafkaFromEnv('bench'), databaseUrl);
    try {
      const flow = await pipeline(urls, tokens.desk, load, settings.pipelineRate, '136', settings.waitSeconds, watched);
      backlog = flow.backlog;
      return flow.figures;
    } finally {
      await watched.close();
    }
  });
  await scenario('scale-out', () =>
    scaleOut({
      intakeUrl: urls.intake,
      stateDir: pidsDir,
      databaseUrl,
      token: tokens.desk,
      load,
      relayEvents: settings.relayEvents,
      waitSeconds: settings.waitSeconds,
      ...(intake ? { oneReplica: intake } : {}),
    }),
  );
  await scenario('knowledge', async () => [
    await knowledgeSearch({
      knowledgeUrl: urls.knowledge,
      databaseUrl,
      searcher: tokens.desk,
      answers: settings.answers,
      perSecond: settings.searchRate,
      seconds: load.seconds,
      settle: settled,
    }),
    // Half as long as the search: its pages are few and alike, and the run's length stays about the same.
    await answerList({ knowledgeUrl: urls.knowledge, reader: tokens.desk, answers: settings.answers, perSecond: settings.searchRate, seconds: Math.max(2, Math.ceil(load.seconds / 2)) }),
  ]);
  await scenario('incidents', async () => [await incidentJoining(urls.intake, urls.tickets, tokens.desk, settings.incidentCalls, '135')]);
  await scenario('timers', async () => [await slaTimerBurst(databaseUrl, settings.timers, settings.waitSeconds)]);
  await scenario('reporting', () => monthOfTickets(urls.reporting, databaseUrl, tokens.manager, settings.reportTickets, settings.waitSeconds));
  await scenario('rebuild', async () => [await projectionRebuild(urls.reporting, databaseUrl, tokens.admin, settings.rebuildEvents, settings.waitSeconds)]);

  const run: BenchRun = {
    at: new Date().toISOString(),
    durationSeconds: load.seconds,
    connections: load.connections,
    machine: { cpus: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
    settings: { ...settings, scenarios: chosen.join(',') },
    figures,
    memoryMiB: Object.fromEntries(Object.entries(idle).map(([service, mib]) => [service, { idle: mib, underLoad: underLoad[service] ?? mib }])),
    ...(backlog ? { backlog: { scenario: `the pipeline at ${settings.pipelineRate} contacts/s`, series: backlog } } : {}),
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
