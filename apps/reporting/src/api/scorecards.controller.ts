import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentScope, CurrentUser, Principal, ProjectScope, Roles, ScopedByProject, SharedAcrossProjects, scopedProjects } from '@cs/auth';
import { DomainError } from '@cs/ddd';
import { RequestValidationError } from '@cs/platform';
import { AgentScorecard, Scorecards } from '../application/scorecards';
import type { ScorecardScheme } from '../domain/scorecard';
import { REPORT_READERS, ReadsReports } from './report-access';
import {
  PraiseDto,
  PraiseListView,
  PraiseView,
  ScorecardListView,
  ScorecardQuery,
  ScorecardSchemeDto,
  ScorecardSchemeView,
  SpotCheckDto,
  SpotCheckListView,
  SpotCheckView,
} from './scorecards.dto';

/**
 * Every value falls in a tier only when some tier starts at 0. A metric listed twice would deduct
 * twice for one rate, and two tiers from the same min leave the deduction to the order they were
 * sent in: both are the caller's mistake, named by field.
 */
function checkScheme(scheme: ScorecardSchemeDto): ScorecardScheme {
  scheme.metrics.forEach((rule, i) => {
    if (scheme.metrics.findIndex((other) => other.metric === rule.metric) < i) {
      throw new RequestValidationError([{ field: `metrics[${i}].metric`, code: 'rejected', params: { rule: 'each metric once' } }], 'SCORECARD.METRIC_REPEATED');
    }
    rule.tiers.forEach((tier, j) => {
      if (rule.tiers.findIndex((other) => other.min === tier.min) < j) {
        throw new RequestValidationError([{ field: `metrics[${i}].tiers[${j}].min`, code: 'rejected', params: { rule: 'each min once' } }], 'SCORECARD.TIER_REPEATED');
      }
    });
    if (!rule.tiers.some((t) => t.min === 0)) {
      throw new RequestValidationError([{ field: `metrics[${i}].tiers`, code: 'rejected', params: { rule: 'a tier with min 0' } }], 'SCORECARD.TIERS_INCOMPLETE');
    }
  });
  return scheme;
}

/** 坐席考核 — scorecards per agent and month; an agent reads only their own. */
@ApiTags('scorecards')
@ScopedByProject()
@Controller('v1/scorecards')
export class ScorecardsController {
  constructor(private readonly scorecards: Scorecards) {}

  @Get()
  @Roles(...REPORT_READERS, 'agent')
  @ApiOperation({
    summary: 'Agent scorecards of a month (your projects’ figures only; an agent gets their own)',
    description:
      'Per agent: base − Σ tier deduction × weight of each scheme metric (the agent’s rate as GET /v1/kpis groups by agent: tickets they own, ' +
      'callbacks assigned to them; no deduction when a rate is undefined) − failed spot checks × deduction + praise × bonus.',
  })
  @ApiOkResponse({ type: ScorecardListView })
  async list(@Query() q: ScorecardQuery, @CurrentUser() user: Principal, @CurrentScope() scope: ProjectScope): Promise<{ items: readonly AgentScorecard[] }> {
    const readsAll = user.roles.some((r) => REPORT_READERS.includes(r));
    if (!readsAll && q.agent !== undefined && q.agent !== user.sub) {
      throw new DomainError('SCORECARD.NOT_YOURS', 'forbidden', 'an agent reads only their own scorecard', 'agent');
    }
    return { items: await this.scorecards.scorecards(q.month, readsAll ? q.agent : user.sub, scopedProjects(scope)) };
  }
}

@ApiTags('scorecards')
@SharedAcrossProjects('the scorecard scheme is company-wide')
@Controller('v1/scorecard-schemes')
export class ScorecardSchemesController {
  constructor(private readonly scorecards: Scorecards) {}

  @Get()
  @ReadsReports()
  @ApiOperation({ summary: 'The scorecard scheme in force (the domain’s example until one is saved)' })
  @ApiOkResponse({ type: ScorecardSchemeView })
  async get(): Promise<{ version: number; scheme: ScorecardScheme }> {
    return this.scorecards.scheme();
  }

  @Put()
  @Roles('manager', 'quality')
  @ApiOperation({
    summary: 'Replace the scorecard scheme: weighted metrics with threshold tiers, spot-check deduction, praise bonus',
    description:
      'Each metric at most once (400 SCORECARD.METRIC_REPEATED naming `metrics[i].metric`), each of its tiers from a min of its own ' +
      '(SCORECARD.TIER_REPEATED naming `metrics[i].tiers[j].min`) and one tier from 0 (SCORECARD.TIERS_INCOMPLETE naming `metrics[i].tiers`).',
  })
  @ApiOkResponse({ type: ScorecardSchemeView })
  async put(@Body() body: ScorecardSchemeDto, @CurrentUser() user: Principal): Promise<{ version: number; scheme: ScorecardScheme }> {
    return this.scorecards.replaceScheme(checkScheme(body), user.sub);
  }
}

@ApiTags('scorecards')
@ScopedByProject()
@Controller('v1/spot-checks')
export class SpotChecksController {
  constructor(private readonly scorecards: Scorecards) {}

  @Post()
  @HttpCode(201)
  @Roles('quality', 'supervisor')
  @ApiOperation({
    summary: 'Record a spot check (抽查) of a ticket, a callback or a call recording, passed or failed',
    description:
      'A ticket or callback is named by `target.id` alone, a recording by `target.url` alone (the other: 422 `SPOT_CHECK.TARGET_NAMED_TWICE` naming it). ' +
      'A ticket or callback gives the project: an unknown one, or one of a project you do not serve, is 404 naming `target`. A recording counts in ' +
      '`target.projectCode`, which a user serving only some projects must name (422), one of theirs (403). `checkedAt` may be past, not future (422). ' +
      'The comments are kept with personal data redacted, and a recording’s url with the phones, e-mails and ID numbers in its path and query masked.',
  })
  @ApiCreatedResponse({ type: SpotCheckView })
  async record(@Body() body: SpotCheckDto, @CurrentUser() user: Principal, @CurrentScope() scope: ProjectScope): Promise<SpotCheckView> {
    // Null counts as missing: the pipe lets optional nulls through.
    if (body.target.kind === 'recording' ? body.target.url == null : body.target.id == null) {
      const field = body.target.kind === 'recording' ? 'target.url' : 'target.id';
      throw new RequestValidationError([{ field, code: 'required', params: {} }]);
    }
    // The other name would be kept unchecked: a ticket id of another project beside a recording, a url beside a ticket, both shown to the project's readers.
    // A rule over one property by the value of another, answered as the rules beyond the schema are (422 naming the field).
    if (body.target.kind === 'recording' ? body.target.id != null : body.target.url != null) {
      const field = body.target.kind === 'recording' ? 'target.id' : 'target.url';
      throw new DomainError('SPOT_CHECK.TARGET_NAMED_TWICE', 'invalid', `a ${body.target.kind} spot check names its target by ${body.target.kind === 'recording' ? 'url' : 'id'} alone`, field);
    }
    return this.scorecards.recordSpotCheck(body, user.sub, scopedProjects(scope));
  }

  @Get()
  @ReadsReports()
  @ApiOperation({ summary: 'Spot checks of a month (your projects only)' })
  @ApiOkResponse({ type: SpotCheckListView })
  async list(@Query() q: ScorecardQuery, @CurrentScope() scope: ProjectScope): Promise<SpotCheckListView> {
    return { items: await this.scorecards.spotChecks(q.month, q.agent, scopedProjects(scope)) };
  }
}

@ApiTags('scorecards')
@ScopedByProject()
@Controller('v1/praise')
export class PraiseController {
  constructor(private readonly scorecards: Scorecards) {}

  @Post()
  @HttpCode(201)
  @Roles('quality', 'supervisor')
  @ApiOperation({
    summary: 'Record praise (表扬) of an agent',
    description:
      'With `ticketId`, the ticket gives the project (not a uuid, empty included: 400 naming `ticketId`; unknown, or of a project you do not serve: 404 ' +
      'naming `ticketId`); without, `projectCode`, ' +
      'which a user serving only some projects must name (422), one of theirs (403). `receivedAt` may be past, not future (422). The reason is kept ' +
      'with personal data redacted.',
  })
  @ApiCreatedResponse({ type: PraiseView })
  async record(@Body() body: PraiseDto, @CurrentUser() user: Principal, @CurrentScope() scope: ProjectScope): Promise<PraiseView> {
    return this.scorecards.recordPraise(body, user.sub, scopedProjects(scope));
  }

  @Get()
  @ReadsReports()
  @ApiOperation({ summary: 'Praise of a month (your projects only)' })
  @ApiOkResponse({ type: PraiseListView })
  async list(@Query() q: ScorecardQuery, @CurrentScope() scope: ProjectScope): Promise<PraiseListView> {
    return { items: await this.scorecards.praise(q.month, q.agent, scopedProjects(scope)) };
  }
}
