import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { CurrentScope, CurrentUser, Principal, ProjectScope, Roles, ScopedByProject, scopedProjects } from '@cs/auth';
import { DomainError } from '@cs/ddd';
import { IsItemCode, ITEM_CODE_SCHEMA, uuidParam } from '@cs/platform';
import { CODE_FIELD } from './answers.dto';
import { ChangeNotices } from '../application/change-notices';
import { AnswerReview, ChangeNotice, NOTICE_KINDS, NoticeKind, ReviewRepository } from '../infrastructure/review.repository';

const BOOLEAN = ['true', 'false'] as const;
/** Open reviews shown with each notice, soonest due first. */
const REVIEWS_PER_NOTICE = 500;

export class FileChangeNoticeDto {
  @ApiProperty({ example: 'finance', description: CODE_FIELD('the department the change comes from', 'CHANGE_NOTICE.PERSONAL_DATA') }) @IsString() @MinLength(1) @MaxLength(80) department!: string;
  @ApiProperty({ enum: NOTICE_KINDS }) @IsIn(NOTICE_KINDS) kind!: NoticeKind;
  @ApiProperty({ example: '2027年起物业费调整' }) @IsString() @MinLength(1) @MaxLength(200) title!: string;
  @ApiProperty({ example: '住宅物业费自2027年1月1日起调整为每月每平方米3.0元' }) @IsString() @MinLength(1) @MaxLength(4000) description!: string;
  @ApiProperty({ type: 'array', items: { type: 'string', pattern: ITEM_CODE_SCHEMA.pattern, maxLength: ITEM_CODE_SCHEMA.maxLength }, example: [ITEM_CODE_SCHEMA.example], minItems: 1, maxItems: 50 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsItemCode({ each: true })
  itemCodes!: string[];
  @ApiPropertyOptional({ type: [String], nullable: true, example: ['P001'], description: 'null or absent: every project' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  projects?: string[] | null;
}

export class ReviewQuery {
  @ApiPropertyOptional({ enum: BOOLEAN, description: 'only reviews past their deadline' }) @IsOptional() @IsIn(BOOLEAN) overdue?: (typeof BOOLEAN)[number];
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 200, default: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

export class ReviewView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) answerId!: string;
  @ApiProperty({ type: 'integer', description: 'the version flagged' }) version!: number;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ['change_notice', 'review_by_date'] }) reason!: AnswerReview['reason'];
  @ApiPropertyOptional({ format: 'uuid' }) noticeId?: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty() overdue!: boolean;

  static of(r: AnswerReview): ReviewView {
    return { id: r.id, answerId: r.answerId, version: r.version, title: r.title, reason: r.reason, ...(r.noticeId ? { noticeId: r.noticeId } : {}), dueAt: r.dueAt.toISOString(), overdue: r.overdue };
  }
}

export class ReviewList {
  @ApiProperty({ type: [ReviewView], description: 'soonest due first' }) items!: ReviewView[];
}

export class ChangeNoticeView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() department!: string;
  @ApiProperty({ enum: NOTICE_KINDS }) kind!: NoticeKind;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: [String] }) itemCodes!: string[];
  @ApiProperty({ type: [String], nullable: true }) projects!: string[] | null;
  @ApiProperty() filedBy!: string;
  @ApiProperty({ format: 'date-time' }) filedAt!: string;
  @ApiProperty({ format: 'date-time', description: 'the flagged answers are reviewed by then: 3 working days by the business calendar' }) dueAt!: string;
  @ApiProperty({ type: [ReviewView], description: 'the answers flagged for review, still open' }) reviews!: ReviewView[];

  static of(n: ChangeNotice, reviews: readonly AnswerReview[]): ChangeNoticeView {
    return {
      id: n.id,
      department: n.department,
      kind: n.kind,
      title: n.title,
      description: n.description,
      itemCodes: [...n.itemCodes],
      projects: n.projects === null ? null : [...n.projects],
      filedBy: n.filedBy,
      filedAt: n.filedAt.toISOString(),
      dueAt: n.dueAt.toISOString(),
      reviews: reviews.map(ReviewView.of),
    };
  }
}

export class ChangeNoticeList {
  @ApiProperty({ type: [ChangeNoticeView], description: 'newest first' }) items!: ChangeNoticeView[];
}

/** 变更通知 — changes departments file, and the answer reviews they call for. */
@ApiTags('change-notices')
@ScopedByProject()
@Controller('v1/change-notices')
export class ChangeNoticesController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notices: ChangeNotices,
    private readonly reviews: ReviewRepository,
  ) {}

  @Post()
  @Roles('handler', 'supervisor', 'admin')
  @ApiOperation({
    summary: 'File a change (fees, policies, activities): the published answers of its items and projects are flagged for review',
    description: 'The review deadline is 3 working days after filing by the default business calendar.',
  })
  @ApiCreatedResponse({ type: ChangeNoticeView })
  async file(@Body() dto: FileChangeNoticeDto, @CurrentUser() user: Principal, @CurrentScope() scope: ProjectScope): Promise<ChangeNoticeView> {
    const projects = scopedProjects(scope);
    const { notice } = await this.notices.file(
      { department: dto.department, kind: dto.kind, title: dto.title, description: dto.description, itemCodes: dto.itemCodes, projects: dto.projects ?? null },
      { sub: user.sub, projects },
    );
    return ChangeNoticeView.of(notice, await this.openReviewsOf(notice.id, projects));
  }

  @Get()
  @ApiOperation({ summary: 'Change notices of your projects, newest first' })
  @ApiOkResponse({ type: ChangeNoticeList })
  async list(@CurrentScope() scope: ProjectScope): Promise<ChangeNoticeList> {
    const projects = scopedProjects(scope);
    const notices = await this.reviews.notices(this.dataSource.manager, projects, 100);
    const reviews = await this.reviews.openOfNotices(this.dataSource.manager, notices.map((n) => n.id), projects, REVIEWS_PER_NOTICE);
    return { items: notices.map((n) => ChangeNoticeView.of(n, reviews.get(n.id) ?? [])) };
  }

  @Get('reviews')
  @ApiOperation({ summary: 'Answers flagged for review (change notices, review-by dates) and not yet reviewed; overdue=true lists those past their deadline' })
  @ApiOkResponse({ type: ReviewList })
  async openReviews(@Query() q: ReviewQuery, @CurrentScope() scope: ProjectScope): Promise<ReviewList> {
    const items = await this.reviews.open(this.dataSource.manager, { projects: scopedProjects(scope), overdueOnly: q.overdue === 'true', limit: q.limit ?? 100 });
    return { items: items.map(ReviewView.of) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'A change notice with the answer reviews it opened that are still open' })
  @ApiOkResponse({ type: ChangeNoticeView })
  async get(@Param('id', uuidParam('id')) id: string, @CurrentScope() scope: ProjectScope): Promise<ChangeNoticeView> {
    const projects = scopedProjects(scope);
    const notice = await this.reviews.notice(this.dataSource.manager, id, projects);
    if (!notice) throw new DomainError('CHANGE_NOTICE.NOT_FOUND', 'not_found', `change notice ${id} not found`);
    return ChangeNoticeView.of(notice, await this.openReviewsOf(id, projects));
  }

  private async openReviewsOf(noticeId: string, projects: readonly string[] | undefined): Promise<AnswerReview[]> {
    return (await this.reviews.openOfNotices(this.dataSource.manager, [noticeId], projects, REVIEWS_PER_NOTICE)).get(noticeId) ?? [];
  }
}
