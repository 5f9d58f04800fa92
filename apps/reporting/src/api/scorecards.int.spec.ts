import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DEV_JWT_SECRET, Role, signDevToken } from '@cs/auth';
import { ReportingTestApp, reportingTestApp } from '../testing/reporting-test-app';
import { Scorecards } from '../application/scorecards';
import { replaceScheme } from '../infrastructure/scorecard.repository';
import { novemberMonth, sh } from '../testing/november';
import { PraiseController, ScorecardSchemesController, ScorecardsController, SpotChecksController } from './scorecards.controller';

let app: NestFastifyApplication;
const month = novemberMonth();

let reporting: ReportingTestApp;

beforeAll(async () => {
  reporting = await reportingTestApp('reporting_scorecards', month.events, [ScorecardsController, ScorecardSchemesController, SpotChecksController, PraiseController], [Scorecards]);
  ({ app } = reporting);
});

afterAll(async () => {
  await reporting?.close();
});

async function call(method: 'GET' | 'POST' | 'PUT', url: string, options: { role: Role; sub?: string; projects?: readonly string[]; body?: unknown }) {
  const token = await signDevToken({ roles: options.role, sub: options.sub ?? `${options.role}-1`, ...(options.projects ? { projects: options.projects } : {}) }, DEV_JWT_SECRET);
  const response = await app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}`, ...(options.body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(options.body === undefined ? {} : { payload: JSON.stringify(options.body) }),
  });
  return { status: response.statusCode, headers: response.headers, body: response.json<Record<string, unknown>>() };
}

interface Card {
  agent: string;
  score: number;
  metrics: { metric: string; value: number | null; deduction: number }[];
  spotChecks: { checked: number; failed: number; deduction: number };
  praise: { count: number; bonus: number };
}
const items = (body: Record<string, unknown>) => body['items'] as Card[];

describe('scorecards', () => {
  it('given the default scheme, when quality records spot checks and praise, then each agent’s score is as worked out by hand', async () => {
    const spot = (agent: string, passed: boolean, target: object) =>
      call('POST', '/v1/spot-checks', { role: 'quality', body: { agent, target, passed, comments: passed ? '规范' : '未使用统一答复语', checkedAt: sh(20, '10:00') } });
    expect((await spot('agent-a', false, { kind: 'ticket', id: month.tickets.t1.id })).status).toBe(201);
    expect((await spot('agent-a', false, { kind: 'recording', url: 'https://recordings.example.com/call-1.mp3', projectCode: 'P001' })).status).toBe(201);
    expect((await spot('agent-a', true, { kind: 'ticket', id: month.tickets.t2.id })).status).toBe(201);
    const praised = await call('POST', '/v1/praise', { role: 'quality', body: { agent: 'agent-a', reason: '业主表扬', ticketId: month.tickets.t1.id, receivedAt: sh(21, '10:00') } });
    expect(praised.status).toBe(201);
    expect(praised.body).toMatchObject({ agentId: 'agent-a', projectCode: 'P001' });

    const body = (await call('GET', '/v1/scorecards?month=2026-11', { role: 'manager' })).body;
    const [a, b] = items(body);
    // agent-a: callbacks c1, c2 completed (100 % → 0), one satisfied of two (50 % → −5), two failed spot checks (−4), one praise (+2).
    expect(a).toMatchObject({ agent: 'agent-a', score: 93, spotChecks: { checked: 3, failed: 2, deduction: 4 }, praise: { count: 1, bonus: 2 } });
    expect(a?.metrics).toEqual([
      { metric: 'callbackCompletionRate', value: 1, tierMin: 1, deduction: 0 },
      { metric: 'satisfactionRate', value: 0.5, tierMin: 0, deduction: 5 },
    ]);
    // agent-b: c3 failed, c5 pending: 0 % completed (−5); no completed callback, so no satisfaction deduction.
    expect(b).toMatchObject({ agent: 'agent-b', score: 95, metrics: [{ value: 0, deduction: 5 }, { value: null, deduction: 0 }] });
  });

  it('given a scheme weighting satisfaction twice with its own tiers, then the score follows it', async () => {
    const scheme = {
      base: 100,
      metrics: [{ metric: 'satisfactionRate', weight: 2, tiers: [{ min: 0.5, deduction: 1 }, { min: 0, deduction: 3 }] }],
      failedSpotCheckDeduction: 1,
      praiseBonus: 3,
    };
    const put = await call('PUT', '/v1/scorecard-schemes', { role: 'manager', body: scheme });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ version: 1, scheme });
    expect((await call('GET', '/v1/scorecard-schemes', { role: 'quality' })).body).toEqual({ version: 1, scheme });
    const [a] = items((await call('GET', '/v1/scorecards?month=2026-11&agent=agent-a', { role: 'supervisor' })).body);
    // 100 − 1 × 2 − 2 failed × 1 + 1 praise × 3
    expect(a?.score).toBe(99);
  });

  it('given a scheme without a tier from 0, then 400 names the tiers', async () => {
    const response = await call('PUT', '/v1/scorecard-schemes', {
      role: 'manager',
      body: { base: 100, metrics: [{ metric: 'satisfactionRate', weight: 1, tiers: [{ min: 0.5, deduction: 1 }] }], failedSpotCheckDeduction: 2, praiseBonus: 2 },
    });
    expect(response.status).toBe(400);
    expect((response.body['errors'] as { field: string }[]).map((e) => e.field)).toEqual(['metrics[0].tiers']);
  });

  it('given a scheme listing a metric twice or two tiers from the same min, then 400 names the repeated one and the scheme in force stays', async () => {
    const before = (await call('GET', '/v1/scorecard-schemes', { role: 'quality' })).body;
    const rule = { metric: 'satisfactionRate', weight: 1, tiers: [{ min: 0, deduction: 1 }] };
    const schemes = [
      { base: 100, metrics: [rule, { metric: 'callbackCompletionRate', weight: 1, tiers: [{ min: 0, deduction: 1 }] }, rule], failedSpotCheckDeduction: 2, praiseBonus: 2 },
      { base: 100, metrics: [{ ...rule, tiers: [{ min: 0.5, deduction: 1 }, { min: 0, deduction: 2 }, { min: 0.5, deduction: 3 }] }], failedSpotCheckDeduction: 2, praiseBonus: 2 },
    ];
    const responses = await Promise.all(schemes.map((body) => call('PUT', '/v1/scorecard-schemes', { role: 'manager', body })));
    expect(responses.map((r) => [r.status, r.body['code'], (r.body['errors'] as { field: string }[] | undefined)?.map((e) => e.field)])).toEqual([
      [400, 'SCORECARD.METRIC_REPEATED', ['metrics[2].metric']],
      [400, 'SCORECARD.TIER_REPEATED', ['metrics[0].tiers[2].min']],
    ]);
    expect((await call('GET', '/v1/scorecard-schemes', { role: 'quality' })).body).toEqual(before);
  });

  it('given a scheme stored before a metric or a min had to be once, then each scores by its first rule and tier, as a save now allows, and it saves again as read', async () => {
    // Saved by the release before the rule, straight to its row: satisfaction twice, and twice from 0.5 within its first rule.
    const stored = {
      base: 100,
      metrics: [
        { metric: 'satisfactionRate' as const, weight: 1, tiers: [{ min: 0.5, deduction: 1 }, { min: 0, deduction: 3 }, { min: 0.5, deduction: 4 }] },
        { metric: 'callbackCompletionRate' as const, weight: 1, tiers: [{ min: 0, deduction: 5 }] },
        { metric: 'satisfactionRate' as const, weight: 1, tiers: [{ min: 0, deduction: 2 }] },
      ],
      failedSpotCheckDeduction: 1,
      praiseBonus: 0,
    };
    const version = await reporting.db.dataSource.transaction((tx) => replaceScheme(tx, stored, 'manager-1'));
    const inForce = { ...stored, metrics: [{ ...stored.metrics[0]!, tiers: stored.metrics[0]!.tiers.slice(0, 2) }, stored.metrics[1]!] };

    const [a] = items((await call('GET', '/v1/scorecards?month=2026-11&agent=agent-a', { role: 'manager' })).body);
    const read = await call('GET', '/v1/scorecard-schemes', { role: 'quality' });
    const saved = await call('PUT', '/v1/scorecard-schemes', { role: 'manager', body: read.body['scheme'] });

    // agent-a: satisfied 50 % (from 0.5: −1, once), callbacks all completed (from 0: −5), two failed spot checks (−2).
    expect(a).toMatchObject({ score: 92, metrics: [{ metric: 'satisfactionRate', tierMin: 0.5, deduction: 1 }, { metric: 'callbackCompletionRate', deduction: 5 }] });
    expect(a?.metrics).toHaveLength(2);
    expect(read.body).toEqual({ version, scheme: inForce });
    expect(saved.status).toBe(200);
  });

  it('given an agent, then they read their own scorecard only', async () => {
    const own = await call('GET', '/v1/scorecards?month=2026-11', { role: 'agent', sub: 'agent-b' });
    expect(own.status).toBe(200);
    expect(items(own.body).map((c) => c.agent)).toEqual(['agent-b']);
    expect((await call('GET', '/v1/scorecards?month=2026-11&agent=agent-a', { role: 'agent', sub: 'agent-b' })).status).toBe(403);
    expect((await call('GET', '/v1/spot-checks?month=2026-11', { role: 'agent', sub: 'agent-b' })).status).toBe(403);
    expect((await call('POST', '/v1/praise', { role: 'agent', sub: 'agent-b', body: { agent: 'agent-b', reason: '自夸' } })).status).toBe(403);
  });

  it('given quality staff limited to P002, then a P001 ticket cannot be spot-checked and P001 spot checks are not listed', async () => {
    const response = await call('POST', '/v1/spot-checks', {
      role: 'quality',
      projects: ['P002'],
      body: { agent: 'agent-a', target: { kind: 'ticket', id: month.tickets.t1.id }, passed: false, comments: '越权' },
    });
    expect(response.status).toBe(404);
    const listed = await call('GET', '/v1/spot-checks?month=2026-11', { role: 'quality', projects: ['P002'] });
    expect(listed.body['items']).toEqual([]);
    const cards = items((await call('GET', '/v1/scorecards?month=2026-11&agent=agent-a', { role: 'manager', projects: ['P002'] })).body);
    expect(cards[0]).toMatchObject({ spotChecks: { checked: 0 }, praise: { count: 0 } });
  });

  it('given a made-up ticket id, a limited user naming no project or another project, or a time to come, then each is refused naming its field and nothing is recorded', async () => {
    const limited = { role: 'quality' as const, projects: ['P002'] };
    const refusals = [
      await call('POST', '/v1/spot-checks', { ...limited, body: { agent: 'agent-a', target: { kind: 'ticket', id: '00000000-0000-4000-8000-000000000001' }, passed: false, comments: '编造' } }),
      await call('POST', '/v1/praise', { ...limited, body: { agent: 'agent-a', reason: '编造', ticketId: '00000000-0000-4000-8000-000000000002' } }),
      // An id of another shape names no record: found by the key's index, never by reading every row as text.
      await call('POST', '/v1/spot-checks', { ...limited, body: { agent: 'agent-a', target: { kind: 'callback', id: 'TK-20261102-000001' }, passed: false, comments: '编造' } }),
      await call('POST', '/v1/spot-checks', { ...limited, body: { agent: 'agent-a', target: { kind: 'recording', url: 'https://recordings.example.com/x.mp3' }, passed: false, comments: '无项目' } }),
      await call('POST', '/v1/praise', { ...limited, body: { agent: 'agent-a', reason: '别的项目', projectCode: 'P001' } }),
      await call('POST', '/v1/spot-checks', { role: 'quality', body: { agent: 'agent-a', target: { kind: 'recording', url: 'https://recordings.example.com/y.mp3', projectCode: 'P001' }, passed: false, comments: '未来', checkedAt: '2099-01-01T00:00:00Z' } }),
    ];
    expect(refusals.map((r) => [r.status, r.body['code'], (r.body['errors'] as { field: string }[] | undefined)?.[0]?.field])).toEqual([
      [404, 'REPORT.TARGET_NOT_FOUND', 'target'],
      [404, 'REPORT.TARGET_NOT_FOUND', 'ticketId'],
      [404, 'REPORT.TARGET_NOT_FOUND', 'target'],
      [422, 'REPORT.PROJECT_REQUIRED', 'target.projectCode'],
      [403, 'REPORT.PROJECT_OUT_OF_SCOPE', 'projectCode'],
      [422, 'REPORT.FUTURE_TIME', 'checkedAt'],
    ]);
    expect(await reporting.db.dataSource.query(`SELECT 1 FROM ${reporting.db.schema}.spot_checks WHERE comments IN ('编造', '无项目', '未来')`)).toEqual([]);
  });

  it('given a limited user, then a ticket of no project counts in the project they name, and a callback of none in its ticket’s, never in every project', async () => {
    const { dataSource } = reporting.db;
    const t3 = month.tickets.t3.id;
    const c3 = month.callbacks.c3.id;
    await dataSource.query(`UPDATE ${reporting.db.schema}.ticket_facts SET project_code = NULL WHERE ticket_id = $1`, [t3]);
    await dataSource.query(`UPDATE ${reporting.db.schema}.callback_facts SET project_code = NULL WHERE callback_id = $1`, [c3]);
    try {
      const spot = (projects: readonly string[], target: object, comments: string) =>
        call('POST', '/v1/spot-checks', { role: 'quality', projects, body: { agent: 'agent-b', target, passed: false, comments } });
      const unnamed = await spot(['P002'], { kind: 'ticket', id: t3 }, '无项目工单');
      expect([unnamed.status, unnamed.body['code']]).toEqual([422, 'REPORT.PROJECT_REQUIRED']);
      const named = await spot(['P002'], { kind: 'ticket', id: t3, projectCode: 'P002' }, '无项目工单，记在P002');
      expect([named.status, named.body['projectCode']]).toEqual([201, 'P002']);
      // A user serving every project who names one is taken at their word too.
      const everyProject = await call('POST', '/v1/spot-checks', { role: 'quality', body: { agent: 'agent-b', target: { kind: 'ticket', id: t3, projectCode: 'P002' }, passed: true, comments: '全部项目的质检员' } });
      expect([everyProject.status, everyProject.body['projectCode']]).toEqual([201, 'P002']);
      // c3 has no project of its own; its ticket t3 is P002's.
      await dataSource.query(`UPDATE ${reporting.db.schema}.ticket_facts SET project_code = 'P002' WHERE ticket_id = $1`, [t3]);
      expect((await spot(['P001'], { kind: 'callback', id: c3 }, '别的项目的回访')).status).toBe(404);
      const own = await spot(['P002'], { kind: 'callback', id: c3 }, '本项目的回访');
      expect([own.status, own.body['projectCode']]).toEqual([201, 'P002']);
      expect(await dataSource.query(`SELECT 1 FROM ${reporting.db.schema}.spot_checks WHERE project_code IS NULL AND agent_id = 'agent-b'`)).toEqual([]);
    } finally {
      await dataSource.query(`UPDATE ${reporting.db.schema}.ticket_facts SET project_code = 'P002' WHERE ticket_id = $1`, [t3]);
      await dataSource.query(`UPDATE ${reporting.db.schema}.callback_facts SET project_code = 'P002' WHERE callback_id = $1`, [c3]);
    }
  });

  it('given comments and a praise reason holding a phone number, then they are kept and shown redacted', async () => {
    const checked = await call('POST', '/v1/spot-checks', {
      role: 'quality',
      body: { agent: 'agent-c', target: { kind: 'recording', url: 'https://recordings.example.com/z.mp3', projectCode: 'P001' }, passed: true, comments: '业主13812345678反映态度好' },
    });
    const praised = await call('POST', '/v1/praise', { role: 'quality', body: { agent: 'agent-c', reason: '业主张先生13812345678来电表扬', projectCode: 'P001' } });
    expect([checked.status, praised.status]).toEqual([201, 201]);
    expect(String(checked.body['comments'])).not.toContain('13812345678');
    expect(String(praised.body['reason'])).not.toContain('13812345678');
    const stored = (await reporting.db.dataSource.query(`SELECT comments AS text FROM ${reporting.db.schema}.spot_checks WHERE agent_id = 'agent-c'
       UNION ALL SELECT reason FROM ${reporting.db.schema}.praise WHERE agent_id = 'agent-c'`)) as { text: string }[];
    expect(stored).toHaveLength(2);
    for (const row of stored) expect(row.text).not.toContain('13812345678');
  });

  it('given a recording url naming the caller’s phone (its folder, file name and query), then it is kept and listed with the phone masked, the rest as given', async () => {
    const url = 'https://recordings.example.com/2026/11/13812345678/20261120_103000.mp3?caller=139%2012345678&t=20261120';
    const checked = await call('POST', '/v1/spot-checks', {
      role: 'quality',
      body: { agent: 'agent-g', target: { kind: 'recording', url, projectCode: 'P001' }, passed: true, comments: '', checkedAt: sh(22, '10:00') },
    });
    expect(checked.status).toBe(201);
    const masked = 'https://recordings.example.com/2026/11/138****5678/20261120_103000.mp3?caller=139****5678&t=20261120';
    expect(checked.body['targetUrl']).toBe(masked);
    const listed = (await call('GET', '/v1/spot-checks?month=2026-11&agent=agent-g', { role: 'manager' })).body['items'] as { targetUrl: string }[];
    expect(listed.map((c) => c.targetUrl)).toEqual([masked]);
    const stored = (await reporting.db.dataSource.query(`SELECT target_url AS url FROM ${reporting.db.schema}.spot_checks WHERE agent_id = 'agent-g'`)) as { url: string }[];
    expect(stored).toEqual([{ url: masked }]);
  });

  it('given a recording url a replica of the release before stored in clear during a rollout, then it is listed with the phone masked', async () => {
    const url = 'https://recordings.example.com/2026/11/13812345678/20261120_103000.mp3?caller=139%2012345678&t=20261120';
    await reporting.db.dataSource.query(
      `INSERT INTO ${reporting.db.schema}.spot_checks (id, agent_id, target_kind, target_id, target_url, project_code, passed, comments, checked_at, checked_by)
       VALUES (gen_random_uuid(), 'agent-h', 'recording', NULL, $1, 'P001', true, '', $2, 'quality-1')`,
      [url, sh(22, '11:00')],
    );
    const listed = (await call('GET', '/v1/spot-checks?month=2026-11&agent=agent-h', { role: 'manager' })).body['items'] as { targetUrl: string }[];
    expect(listed.map((c) => c.targetUrl)).toEqual(['https://recordings.example.com/2026/11/138****5678/20261120_103000.mp3?caller=139****5678&t=20261120']);
  });

  it('given praise naming its ticket by an empty or malformed id, then 400 problem+json names ticketId and nothing is recorded', async () => {
    for (const ticketId of ['', 'TK-20261102-000001']) {
      const response = await call('POST', '/v1/praise', { role: 'quality', body: { agent: 'agent-e', reason: '空工单号', ticketId, projectCode: 'P001' } });
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect((response.body['errors'] as { field: string }[]).map((e) => e.field)).toEqual(['ticketId']);
    }
    expect(await reporting.db.dataSource.query(`SELECT 1 FROM ${reporting.db.schema}.praise WHERE agent_id = 'agent-e'`)).toEqual([]);
  });

  it('given praise and a spot check naming their ticket by its id in capitals, then each is kept under the ticket’s id as every store spells it', async () => {
    // Given t1's id in capitals, the same UUID (RFC 9562)
    const inCapitals = month.tickets.t1.id.toUpperCase();

    // When quality records praise and a spot check naming it so
    const praised = await call('POST', '/v1/praise', { role: 'quality', body: { agent: 'agent-u', reason: '业主表扬', ticketId: inCapitals, receivedAt: sh(22, '10:00') } });
    const checked = await call('POST', '/v1/spot-checks', { role: 'quality', body: { agent: 'agent-u', target: { kind: 'ticket', id: inCapitals }, passed: true, comments: '规范', checkedAt: sh(22, '10:00') } });

    // Then both name t1 as its own id, and a read by that id (the text the records keep) finds them
    expect([praised.status, praised.body['ticketId'], checked.status, checked.body['targetId']]).toEqual([201, month.tickets.t1.id, 201, month.tickets.t1.id]);
    const { schema, dataSource } = reporting.db;
    expect(await dataSource.query(`SELECT agent_id AS agent FROM ${schema}.praise WHERE ticket_id = $1 AND agent_id = 'agent-u'`, [month.tickets.t1.id])).toEqual([{ agent: 'agent-u' }]);
    expect(await dataSource.query(`SELECT agent_id AS agent FROM ${schema}.spot_checks WHERE target_id = $1 AND agent_id = 'agent-u'`, [month.tickets.t1.id])).toEqual([{ agent: 'agent-u' }]);
  });

  it('given a recording spot check without its url, then 400 names target.url', async () => {
    const response = await call('POST', '/v1/spot-checks', { role: 'quality', body: { agent: 'agent-a', target: { kind: 'recording' }, passed: true, comments: '' } });
    expect(response.status).toBe(400);
    expect((response.body['errors'] as { field: string }[]).map((e) => e.field)).toEqual(['target.url']);
  });

  it('given a recording spot check naming a ticket id, or a ticket spot check naming a url, then 422 names the extra field and nothing is kept', async () => {
    const spot = (target: object) => call('POST', '/v1/spot-checks', { role: 'quality', projects: ['P002'], body: { agent: 'agent-f', target, passed: false, comments: '' } });
    const responses = [
      // t1 is P001's: beside a recording it would be listed among P002's spot checks, never checked.
      await spot({ kind: 'recording', url: 'https://recordings.example.com/v.mp3', projectCode: 'P002', id: month.tickets.t1.id }),
      await spot({ kind: 'ticket', id: month.tickets.t3.id, url: 'https://recordings.example.com/v.mp3' }),
    ];
    expect(responses.map((r) => [r.status, (r.body['errors'] as { field: string }[] | undefined)?.map((e) => e.field)])).toEqual([
      [422, ['target.id']],
      [422, ['target.url']],
    ]);
    expect(await reporting.db.dataSource.query(`SELECT 1 FROM ${reporting.db.schema}.spot_checks WHERE agent_id = 'agent-f'`)).toEqual([]);
  });

  it('given a recording url carrying a user name and password, then 400 names target.url and nothing is kept', async () => {
    const url = 'https://qa:s3cret@recordings.example.com/w.mp3';
    const response = await call('POST', '/v1/spot-checks', { role: 'quality', body: { agent: 'agent-d', target: { kind: 'recording', url, projectCode: 'P001' }, passed: true, comments: '' } });
    expect(response.status).toBe(400);
    expect((response.body['errors'] as { field: string }[]).map((e) => e.field)).toEqual(['target.url']);
    expect(await reporting.db.dataSource.query(`SELECT 1 FROM ${reporting.db.schema}.spot_checks WHERE agent_id = 'agent-d'`)).toEqual([]);
  });
});

describe('a month of year 0000', () => {
  it.each(['/v1/scorecards', '/v1/spot-checks', '/v1/praise'])('given %s?month=0000-01, then it is 400 naming month as the monthly report refuses it, not an empty list', async (path) => {
    const refused = await call('GET', `${path}?month=0000-01`, { role: 'manager' });
    expect([refused.status, refused.body['code'], refused.body['errors']]).toEqual([400, 'VALIDATION.FAILED', [expect.objectContaining({ field: 'month', code: 'invalid_format' })]]);
    expect((await call('GET', `${path}?month=0001-01`, { role: 'manager' })).status).toBe(200);
  });
});
