import { Body, Controller, Get, Headers, HttpCode, Param, ParseIntPipe, Patch, PipeTransform, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { randomUUID } from 'node:crypto';
import { CurrentScope, CurrentUser, Principal, ProjectScope, Roles, ScopedByProject, scopedProjects } from '@cs/auth';
import { presentProps } from '@cs/ddd';
import { RequestValidationError, decodeKeysetCursor, decodeNumberCursor, encodeKeysetCursor, encodeNumberCursor, parseIfMatch, uuidParam, weakEtag } from '@cs/platform';
import type { AnswerCommand, AnswerContent, UnifiedAnswer } from '../domain/answer';
import { AnswerActor, ManageAnswers } from '../application/manage-answers';
import { ReadAnswers } from '../application/read-answers';
import { SearchAnswers } from '../application/search-answers';
import { RecordGaps } from '../application/record-gaps';
import {
  AnswerListQuery,
  AnswerPage,
  AnswerVersionList,
  AnswerVersionView,
  AnswerView,
  CreateAnswerDto,
  DiffQuery,
  MAX_VERSION,
  RejectAnswerDto,
  SearchQuery,
  SearchResultView,
  UpdateAnswerDto,
  VersionDiffView,
  VersionListQuery,
} from './answers.dto';

const versionParam = new ParseIntPipe({
  exceptionFactory: () => new RequestValidationError([{ field: 'version', code: 'invalid_format', params: { format: 'integer' } }]),
});
/** Versions are Postgres integers: a larger number names none and is refused before the query, which would fail. */
const versionInRange: PipeTransform<number, number> = {
  transform: (version) => {
    if (version < 1 || version > MAX_VERSION) throw new RequestValidationError([{ field: 'version', code: 'out_of_range', params: { min: 1, max: MAX_VERSION } }]);
    return version;
  },
};
const ETAG_HEADER = { ETag: { description: 'the working copy’s version; send it as If-Match', schema: { type: 'string' } } };

function actorOf(user: Principal, scope: ProjectScope): AnswerActor {
  return { sub: user.sub, projects: scopedProjects(scope) };
}

/** Null or absent optional fields are left out: the domain reads absent as "not set". */
function contentOf(dto: CreateAnswerDto): AnswerContent {
  return {
    title: dto.title,
    questions: dto.questions,
    body: dto.body,
    tags: dto.tags ?? [],
    projects: dto.projects ?? null,
    ...presentProps({
      sectionCode: dto.sectionCode,
      itemCode: dto.itemCode,
      effectiveFrom: dto.effectiveFrom,
      effectiveTo: dto.effectiveTo,
      sourceDepartment: dto.sourceDepartment,
      reviewBy: dto.reviewBy,
    }),
  };
}

function changesOf(dto: UpdateAnswerDto): Partial<AnswerContent> {
  return Object.fromEntries(Object.entries(dto).filter(([, value]) => value !== undefined)) as Partial<AnswerContent>;
}

/**
 * 统一答复 — unified answers: drafted by agents or supervisors, approved by another supervisor
 * (four eyes), published as immutable versions, retired when no longer true.
 */
@ApiTags('answers')
@ScopedByProject()
@Controller('v1/answers')
export class AnswersController {
  constructor(
    private readonly manage: ManageAnswers,
    private readonly read: ReadAnswers,
    private readonly searcher: SearchAnswers,
    private readonly gaps: RecordGaps,
  ) {}

  private respond(answer: UnifiedAnswer, reply: FastifyReply): AnswerView {
    void reply.header('etag', weakEtag(answer.rowVersion));
    return AnswerView.of(answer);
  }

  private async run(id: string, command: AnswerCommand, user: Principal, scope: ProjectScope, ifMatch: string | undefined, reply: FastifyReply): Promise<AnswerView> {
    const answer = await this.manage.execute(id, command, actorOf(user, scope), parseIfMatch(ifMatch, 'ANSWER.BAD_IF_MATCH'));
    return this.respond(answer, reply);
  }

  @Post()
  @Roles('agent', 'supervisor', 'admin')
  @ApiOperation({ summary: 'Draft a unified answer', description: 'A user limited to projects names only theirs (403 naming `projects` otherwise).' })
  @ApiCreatedResponse({ type: AnswerView, headers: ETAG_HEADER })
  create(@Body() dto: CreateAnswerDto, @CurrentUser() user: Principal, @CurrentScope() scope: ProjectScope, @Res({ passthrough: true }) reply: FastifyReply): Promise<AnswerView> {
    const id = randomUUID();
    return this.run(id, { action: 'create', id, content: contentOf(dto) }, user, scope, undefined, reply);
  }

  @Get()
  @ApiOperation({ summary: 'Answers of your projects, most recently changed first, cursor-paged' })
  @ApiOkResponse({ type: AnswerPage })
  async list(@Query() q: AnswerListQuery, @CurrentScope() scope: ProjectScope): Promise<AnswerPage> {
    const limit = q.limit ?? 50;
    const items = await this.read.page({
      projects: scopedProjects(scope),
      limit,
      ...presentProps({ status: q.status, itemCode: q.item }),
      ...(q.cursor ? { after: answerAfter(q.cursor) } : {}),
    });
    const last = items.length === limit ? items[items.length - 1] : undefined;
    return { items: items.map(AnswerView.of), ...(last ? { nextCursor: encodeKeysetCursor({ key: last.updatedAt.toISOString(), id: last.id }) } : {}) };
  }

  @Get('search')
  @ApiOperation({
    summary: 'Search published answers in force, best first, with highlighted snippets',
    description:
      'Chinese is segmented with the company’s terms; synonyms an admin keeps (物业费 ~ 管理费) count as the same word; traditional and simplified ' +
      'characters find each other; pinyin and its initials (wuyefei, wyf) and mixed queries (3栋 电梯, WiFi 密码) work. A search with no good hit ' +
      'is recorded as a knowledge gap.',
  })
  @ApiOkResponse({ type: SearchResultView })
  async search(@Query() q: SearchQuery, @CurrentScope() scope: ProjectScope): Promise<SearchResultView> {
    const allowed = scopedProjects(scope);
    if (q.project && allowed && !allowed.includes(q.project)) {
      throw new RequestValidationError([{ field: 'project', code: 'unknown_reference' }], 'ANSWER.PROJECT_OUT_OF_SCOPE');
    }
    const projects = q.project ? [q.project] : allowed;
    const hits = await this.searcher.search({ text: q.q, projects, limit: q.limit ?? 10, ...presentProps({ itemCode: q.item }) });
    await this.gaps.afterSearch(q.q, hits, presentProps({ itemCode: q.item, projects }));
    return {
      items: hits.map((h) => ({
        answerId: h.answer.answerId,
        version: h.answer.version,
        title: h.answer.content.title,
        score: h.score,
        snippet: h.snippet,
        ...presentProps({ itemCode: h.answer.content.itemCode, matchedQuestion: h.matchedQuestion }),
      })),
    };
  }

  @Get(':id')
  @ApiOperation({ summary: 'A unified answer’s working copy, with the version in force' })
  @ApiOkResponse({ type: AnswerView, headers: ETAG_HEADER })
  async get(@Param('id', uuidParam('id')) id: string, @CurrentScope() scope: ProjectScope, @Res({ passthrough: true }) reply: FastifyReply): Promise<AnswerView> {
    return this.respond(await this.read.get(id, scopedProjects(scope)), reply);
  }

  @Patch(':id')
  @Roles('agent', 'supervisor', 'admin')
  @ApiOperation({
    summary: 'Edit the working copy (If-Match)',
    description: 'Editing a published answer starts a new draft; the published version stays in force and unchanged until the next one is approved. null clears a field.',
  })
  @ApiOkResponse({ type: AnswerView, headers: ETAG_HEADER })
  edit(
    @Param('id', uuidParam('id')) id: string,
    @Body() dto: UpdateAnswerDto,
    @CurrentUser() user: Principal,
    @CurrentScope() scope: ProjectScope,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AnswerView> {
    return this.run(id, { action: 'edit', changes: changesOf(dto) }, user, scope, ifMatch, reply);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @Roles('agent', 'supervisor', 'admin')
  @ApiOperation({
    summary: 'Submit a draft for a supervisor’s approval',
    description:
      'A draft whose itemCode was stored before item codes were checked and is no catalogue item code is 422 ANSWER.ITEM_CODE_OUT_OF_CONTRACT naming itemCode; ' +
      'one whose sectionCode, tags or sourceDepartment were stored holding a phone number, an e-mail address or an ID number is 422 ANSWER.PERSONAL_DATA naming it.',
  })
  @ApiOkResponse({ type: AnswerView, headers: ETAG_HEADER })
  submit(@Param('id', uuidParam('id')) id: string, @CurrentUser() u: Principal, @CurrentScope() s: ProjectScope, @Headers('if-match') m: string | undefined, @Res({ passthrough: true }) r: FastifyReply) {
    return this.run(id, { action: 'submit' }, u, s, m, r);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({
    summary: 'Approve a submitted answer: publishes it as a new immutable version',
    description:
      'Four eyes: a supervisor who wrote or edited the draft cannot approve it (403 ANSWER.FOUR_EYES). A draft whose itemCode was stored before item codes ' +
      'were checked and is no catalogue item code (longer than 80 characters, or not <section>.<item>) is 422 ANSWER.ITEM_CODE_OUT_OF_CONTRACT naming ' +
      'itemCode, and one whose sectionCode, tags or sourceDepartment were stored holding a phone number, an e-mail address or an ID number is 422 ' +
      'ANSWER.PERSONAL_DATA naming it: reject it so its author corrects the code. Emits knowledge.answer.published.v1.',
  })
  @ApiOkResponse({ type: AnswerView, headers: ETAG_HEADER })
  approve(@Param('id', uuidParam('id')) id: string, @CurrentUser() u: Principal, @CurrentScope() s: ProjectScope, @Headers('if-match') m: string | undefined, @Res({ passthrough: true }) r: FastifyReply) {
    return this.run(id, { action: 'approve' }, u, s, m, r);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: 'Reject a submitted answer back to draft, with a comment for its authors' })
  @ApiOkResponse({ type: AnswerView, headers: ETAG_HEADER })
  reject(
    @Param('id', uuidParam('id')) id: string,
    @Body() dto: RejectAnswerDto,
    @CurrentUser() u: Principal,
    @CurrentScope() s: ProjectScope,
    @Headers('if-match') m: string | undefined,
    @Res({ passthrough: true }) r: FastifyReply,
  ) {
    return this.run(id, { action: 'reject', comment: dto.comment }, u, s, m, r);
  }

  @Post(':id/retire')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({
    summary: 'Retire a published answer: no longer found, suggested or citable',
    description:
      'Emits knowledge.answer.retired.v1. A supervisor limited to some projects retires only an answer whose projects they all serve: one for every project, or shared with another team, is 403 `ANSWER.PROJECT_OUT_OF_SCOPE` naming `projects`.',
  })
  @ApiOkResponse({ type: AnswerView, headers: ETAG_HEADER })
  retire(@Param('id', uuidParam('id')) id: string, @CurrentUser() u: Principal, @CurrentScope() s: ProjectScope, @Headers('if-match') m: string | undefined, @Res({ passthrough: true }) r: FastifyReply) {
    return this.run(id, { action: 'retire' }, u, s, m, r);
  }

  @Get(':id/versions')
  @ApiOperation({ summary: 'The published versions of an answer you may read, newest first, cursor-paged; each is immutable' })
  @ApiOkResponse({ type: AnswerVersionList })
  async versions(@Param('id', uuidParam('id')) id: string, @Query() q: VersionListQuery, @CurrentScope() scope: ProjectScope): Promise<AnswerVersionList> {
    const limit = q.limit ?? 50;
    const items = await this.read.versions(id, { projects: scopedProjects(scope), limit, ...(q.cursor ? { before: versionBefore(q.cursor) } : {}) });
    const last = items.length === limit ? items[items.length - 1] : undefined;
    return { items: items.map(AnswerVersionView.of), ...(last ? { nextCursor: versionCursor(last.version) } : {}) };
  }

  @Get(':id/versions/diff')
  @ApiOperation({ summary: 'What changed between two published versions: fields, and the body line by line' })
  @ApiOkResponse({ type: VersionDiffView })
  async diff(@Param('id', uuidParam('id')) id: string, @Query() q: DiffQuery, @CurrentScope() scope: ProjectScope): Promise<VersionDiffView> {
    const { diff } = await this.read.diff(id, q.from, q.to, scopedProjects(scope));
    return { answerId: id, from: q.from, to: q.to, fields: [...diff.fields], body: [...diff.body], bodyLineByLine: diff.bodyLineByLine };
  }

  @Get(':id/versions/:version')
  @ApiOperation({ summary: 'One published version, exactly as it was approved' })
  @ApiParam({ name: 'version', schema: { type: 'integer', minimum: 1, maximum: MAX_VERSION } })
  @ApiOkResponse({ type: AnswerVersionView })
  async version(@Param('id', uuidParam('id')) id: string, @Param('version', versionParam, versionInRange) version: number, @CurrentScope() scope: ProjectScope): Promise<AnswerVersionView> {
    return AnswerVersionView.of(await this.read.version(id, version, scopedProjects(scope)));
  }
}

/** Opaque to clients: the last version of the page. */
const versionCursor = (version: number): string => encodeNumberCursor('v', version);

const versionBefore = (cursor: string): number => decodeNumberCursor(cursor, 'ANSWER.BAD_CURSOR', { prefix: 'v', min: 1, max: MAX_VERSION });

function answerAfter(cursor: string): { updatedAt: string; id: string } {
  const { key, id } = decodeKeysetCursor(cursor, 'ANSWER.BAD_CURSOR');
  return { updatedAt: key, id };
}
