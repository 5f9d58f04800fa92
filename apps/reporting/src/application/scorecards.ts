import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '@cs/ddd';
import { redactIdentifiersInUrl, redactPersonalData } from '@cs/privacy';
import { NO_KEY, figuresOf } from '../domain/kpis';
import { monthPeriod } from '../domain/period';
import { DEFAULT_SCHEME, Scorecard, ScorecardScheme, schemeInForce, scoreAgent } from '../domain/scorecard';
import { NO_SUMS } from '../domain/ticket-share';
import {
  Praise,
  SpotCheck,
  findScheme,
  insertPraise,
  insertSpotCheck,
  praiseIn,
  projectOfTarget,
  replaceScheme,
  spotChecksIn,
} from '../infrastructure/scorecard.repository';
import { KpiQuery } from './kpi-query';
import { WorkingCalendar } from './working-calendar';

export interface AgentScorecard extends Scorecard {
  readonly month: string;
  readonly agent: string;
  readonly schemeVersion: number;
}

export interface SpotCheckInput {
  readonly agent: string;
  readonly target: { readonly kind: 'ticket' | 'callback' | 'recording'; readonly id?: string; readonly url?: string; readonly projectCode?: string };
  readonly passed: boolean;
  readonly comments: string;
  readonly checkedAt?: string;
}

export interface PraiseInput {
  readonly agent: string;
  readonly reason: string;
  readonly ticketId?: string;
  readonly projectCode?: string;
  readonly receivedAt?: string;
}

const inScope = (scope: readonly string[] | undefined, projectCode: string | null): boolean =>
  scope === undefined || projectCode === null || scope.includes(projectCode);

/** Clocks of the desk and the server differ by a little; more than this ahead is a mistake. */
const SKEW_MS = 5 * 60_000;

/** When a check or praise counts: now, or the time given, which may be past but not future (it would count in a month not yet scored). */
function countedAt(given: string | undefined, field: string, now: Date): Date {
  if (given === undefined) return now;
  const at = new Date(given);
  if (at.getTime() > now.getTime() + SKEW_MS) throw new DomainError('REPORT.FUTURE_TIME', 'invalid', `${field} is in the future`, field);
  return at;
}

/** 坐席考核 — the scheme, spot checks and praise quality staff record, and each agent's monthly score. */
@Injectable()
export class Scorecards {
  constructor(
    private readonly dataSource: DataSource,
    private readonly query: KpiQuery,
    private readonly calendars: WorkingCalendar,
  ) {}

  async scheme(): Promise<{ version: number; scheme: ScorecardScheme }> {
    const stored = await findScheme(this.dataSource.manager);
    return stored ? { version: stored.version, scheme: schemeInForce(stored.scheme) } : { version: 0, scheme: DEFAULT_SCHEME };
  }

  async replaceScheme(scheme: ScorecardScheme, by: string): Promise<{ version: number; scheme: ScorecardScheme }> {
    const version = await this.dataSource.transaction((tx) => replaceScheme(tx, scheme, by));
    return { version, scheme };
  }

  /**
   * A spot check of a ticket or callback takes that record's project; one unknown, or outside the
   * caller's projects, is not found. The comments are redacted: they are read by managers. So is a
   * recording's address, which a call recorder often files by the caller's number
   * (…/13812345678/20261120_103000.mp3): its phones, e-mails and ID numbers are masked, the rest kept.
   */
  async recordSpotCheck(input: SpotCheckInput, by: string, scope: readonly string[] | undefined, now = new Date()): Promise<SpotCheck> {
    const projectCode = await this.projectOf(input.target.kind, input.target.id, input.target.projectCode ?? null, scope, 'target');
    const check: SpotCheck = {
      id: randomUUID(),
      agentId: input.agent,
      targetKind: input.target.kind,
      targetId: input.target.id ?? null,
      targetUrl: input.target.url == null ? null : redactIdentifiersInUrl(input.target.url),
      projectCode,
      passed: input.passed,
      comments: redactPersonalData(input.comments),
      checkedAt: countedAt(input.checkedAt, 'checkedAt', now),
      checkedBy: by,
    };
    await this.dataSource.transaction((tx) => insertSpotCheck(tx, check));
    return check;
  }

  async recordPraise(input: PraiseInput, by: string, scope: readonly string[] | undefined, now = new Date()): Promise<Praise> {
    const projectCode = await this.projectOf(input.ticketId ? 'ticket' : 'recording', input.ticketId, input.projectCode ?? null, scope, 'ticketId');
    const praise: Praise = {
      id: randomUUID(),
      agentId: input.agent,
      reason: redactPersonalData(input.reason),
      ticketId: input.ticketId ?? null,
      projectCode,
      receivedAt: countedAt(input.receivedAt, 'receivedAt', now),
      recordedBy: by,
    };
    await this.dataSource.transaction((tx) => insertPraise(tx, praise));
    return praise;
  }

  /**
   * The project a check or praise counts in: its ticket's or callback's, which must be known (a
   * made-up id would let anyone mark any agent), else the one given. A user limited to projects
   * names one of theirs where the record has none (a recording, a ticket of no project): a record
   * of no project counts in every project's scorecards, other teams' included.
   */
  private async projectOf(
    kind: 'ticket' | 'callback' | 'recording',
    id: string | undefined,
    given: string | null,
    scope: readonly string[] | undefined,
    field: string,
  ): Promise<string | null> {
    const notFound = () => new DomainError('REPORT.TARGET_NOT_FOUND', 'not_found', 'no such record in your projects', field);
    if (kind !== 'recording' && id !== undefined) {
      const known = await projectOfTarget(this.dataSource.manager, kind, id);
      if (!known || !inScope(scope, known.projectCode)) throw notFound();
      if (known.projectCode !== null) return known.projectCode;
    }
    const projectField = field === 'target' ? 'target.projectCode' : 'projectCode';
    if (scope !== undefined && given === null) throw new DomainError('REPORT.PROJECT_REQUIRED', 'invalid', 'name the project it counts in: you serve only some', projectField);
    if (!inScope(scope, given)) throw new DomainError('REPORT.PROJECT_OUT_OF_SCOPE', 'forbidden', `you do not serve project ${given ?? ''}`, projectField);
    return given;
  }

  async spotChecks(month: string, agent: string | undefined, scope: readonly string[] | undefined): Promise<SpotCheck[]> {
    const calendar = await this.calendars.get();
    return spotChecksIn(this.dataSource.manager, monthPeriod(month, calendar.timezone), agent, scope);
  }

  async praise(month: string, agent: string | undefined, scope: readonly string[] | undefined): Promise<Praise[]> {
    const calendar = await this.calendars.get();
    return praiseIn(this.dataSource.manager, monthPeriod(month, calendar.timezone), agent, scope);
  }

  /**
   * Every agent with figures, spot checks or praise in the month (or the one named), within the
   * caller's projects. An agent's figures are the month's KPIs grouped by agent: the tickets they
   * own, the callbacks assigned to them.
   */
  async scorecards(month: string, agent: string | undefined, scope: readonly string[] | undefined): Promise<AgentScorecard[]> {
    const calendar = await this.calendars.get();
    const period = monthPeriod(month, calendar.timezone);
    const [kpis, checks, praise, { version, scheme }] = await Promise.all([
      this.query.kpis({ period, projects: [], scope }, 'agent'),
      spotChecksIn(this.dataSource.manager, period, agent, scope),
      praiseIn(this.dataSource.manager, period, agent, scope),
      this.scheme(),
    ]);
    const byAgent = new Map(kpis.groups.map((g) => [g.key, g]));
    // Callbacks assigned to no one, and incidents, which have no agent, are grouped under `none`: no agent's.
    const agents =
      agent !== undefined
        ? [agent]
        : [...new Set([...kpis.groups.map((g) => g.key).filter((key) => key !== NO_KEY), ...checks.map((c) => c.agentId), ...praise.map((p) => p.agentId)])].sort();
    return agents.map((a) => {
      const figures = byAgent.get(a) ?? figuresOf(NO_SUMS, []);
      const own = checks.filter((c) => c.agentId === a);
      return {
        month,
        agent: a,
        schemeVersion: version,
        ...scoreAgent(scheme, figures, { checked: own.length, failed: own.filter((c) => !c.passed).length }, praise.filter((p) => p.agentId === a).length),
      };
    });
  }
}
