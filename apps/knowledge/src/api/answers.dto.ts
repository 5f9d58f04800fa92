import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsCalendarDate, IsInstant, IsItemCode, ITEM_CODE_SCHEMA, Omittable } from '@cs/platform';
import { ANSWER_STATUSES, AnswerContent, AnswerStatus, UnifiedAnswer } from '../domain/answer';
import { MAX_LINE_EDITS } from '../domain/version-diff';
import type { AnswerVersion } from '../infrastructure/answer.repository';

const text = (max: number) => [IsString(), MinLength(1), MaxLength(max)];
/** Free text of 1 to `max` characters. */
function Text(max: number): PropertyDecorator {
  return (target, key) => text(max).forEach((d) => d(target, key));
}
/** A list of 1 to `max` texts of up to `length` characters each. */
function Texts(max: number, length: number, min = 1): PropertyDecorator {
  const rules = [IsArray(), ArrayMinSize(min), ArrayMaxSize(max), IsString({ each: true }), MinLength(1, { each: true }), MaxLength(length, { each: true })];
  return (target, key) => rules.forEach((d) => d(target, key));
}

/** How a staff-written code is described: shown and published as given, so refused when personal. */
export const CODE_FIELD = (what: string, code: string) =>
  `${what}; a code shown and published as given: one holding a phone number, an e-mail address or an ID number is 422 ${code} naming it`;

/** Fields an answer is written with; on PATCH every one is optional and null clears it. */
class AnswerFields {
  @ApiPropertyOptional({ type: 'string', nullable: true, example: 'consultation', maxLength: 40, description: CODE_FIELD('the catalogue section', 'ANSWER.PERSONAL_DATA') }) @IsOptional() @IsString() @MaxLength(40) sectionCode?: string | null;
  @ApiPropertyOptional({ type: 'string', nullable: true, ...ITEM_CODE_SCHEMA }) @IsOptional() @IsItemCode() itemCode?: string | null;
  @ApiPropertyOptional({ type: [String], example: ['物业费', '缴费'], maxItems: 20, description: CODE_FIELD('an empty list clears them', 'ANSWER.PERSONAL_DATA (e.g. `tags[2]`)') }) @Omittable() @Texts(20, 40, 0) tags?: string[];
  @ApiPropertyOptional({ type: [String], nullable: true, example: ['P001'], description: 'the projects the answer is for; null or absent: every project' })
  @IsOptional()
  @Texts(200, 40)
  projects?: string[] | null;
  @ApiPropertyOptional({ type: 'string', nullable: true, format: 'date-time', example: '2026-01-01T00:00:00+08:00' }) @IsOptional() @IsInstant() effectiveFrom?: string | null;
  @ApiPropertyOptional({ type: 'string', nullable: true, format: 'date-time', example: '2026-12-31T23:59:59+08:00' }) @IsOptional() @IsInstant() effectiveTo?: string | null;
  @ApiPropertyOptional({ type: 'string', nullable: true, maxLength: 80, example: 'property_management', description: CODE_FIELD('the department whose opinion the answer states', 'ANSWER.PERSONAL_DATA') }) @IsOptional() @IsString() @MaxLength(80) sourceDepartment?: string | null;
  @ApiPropertyOptional({ type: 'string', nullable: true, format: 'date', example: '2027-06-30', description: '复核日期: after it the answer is flagged for review' })
  @IsOptional()
  @IsCalendarDate()
  reviewBy?: string | null;
}

export class CreateAnswerDto extends AnswerFields {
  @ApiProperty({ example: '物业费的缴纳方式', maxLength: 200 }) @Text(200) title!: string;
  @ApiProperty({ type: [String], example: ['物业费怎么交', '可以微信交管理费吗'], minItems: 1, maxItems: 30, description: 'how customers ask it' })
  @Texts(30, 200)
  questions!: string[];
  @ApiProperty({ example: '您好，物业费可通过物业服务中心前台、微信公众号或银行代扣缴纳。', description: 'markdown', maxLength: 20000 }) @Text(20000) body!: string;
}

export class UpdateAnswerDto extends AnswerFields {
  @ApiPropertyOptional({ maxLength: 200, description: 'not null: an answer always has a title' }) @Omittable() @Text(200) title?: string;
  @ApiPropertyOptional({ type: [String], minItems: 1, maxItems: 30 }) @Omittable() @Texts(30, 200) questions?: string[];
  @ApiPropertyOptional({ description: 'markdown', maxLength: 20000 }) @Omittable() @Text(20000) body?: string;
}

export class RejectAnswerDto {
  @ApiProperty({ example: '收费标准请以2026年物价局备案为准，修改后再提交' }) @Text(2000) comment!: string;
}

export class AnswerListQuery {
  @ApiPropertyOptional({ enum: ANSWER_STATUSES }) @IsOptional() @IsIn(ANSWER_STATUSES) status?: AnswerStatus;
  @ApiPropertyOptional(ITEM_CODE_SCHEMA) @IsOptional() @IsItemCode() item?: string;
  @ApiPropertyOptional({ description: 'from a previous page' }) @IsOptional() @IsString() @MaxLength(200) cursor?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

export class VersionListQuery {
  @ApiPropertyOptional({ description: 'from a previous page' }) @IsOptional() @IsString() @MaxLength(200) cursor?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

export class SearchQuery {
  @ApiProperty({ example: '管理费怎么交', description: 'Chinese (simplified or traditional), pinyin or its initials, English, digits' }) @Text(200) q!: string;
  @ApiPropertyOptional({ example: 'P001', description: 'only answers for this project (and for every project)' }) @IsOptional() @IsString() @MaxLength(40) project?: string;
  @ApiPropertyOptional(ITEM_CODE_SCHEMA) @IsOptional() @IsItemCode() item?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 50, default: 10 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(50) limit?: number;
}

/** Versions are stored as Postgres integers; a larger one names no version and never reaches a query. */
export const MAX_VERSION = 2_147_483_647;

export class DiffQuery {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_VERSION, example: 1 }) @Type(() => Number) @IsInt() @Min(1) @Max(MAX_VERSION) from!: number;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_VERSION, example: 2 }) @Type(() => Number) @IsInt() @Min(1) @Max(MAX_VERSION) to!: number;
}

export class RejectionView {
  @ApiProperty() comment!: string;
  @ApiProperty() by!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

class ContentView {
  @ApiProperty({ example: '物业费的缴纳方式' }) title!: string;
  @ApiProperty({ type: [String] }) questions!: string[];
  @ApiProperty({ description: 'markdown' }) body!: string;
  @ApiPropertyOptional() sectionCode?: string;
  @ApiPropertyOptional() itemCode?: string;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ type: [String], nullable: true, description: 'null: every project' }) projects!: string[] | null;
  @ApiPropertyOptional({ format: 'date-time' }) effectiveFrom?: string;
  @ApiPropertyOptional({ format: 'date-time' }) effectiveTo?: string;
  @ApiPropertyOptional() sourceDepartment?: string;
  @ApiPropertyOptional({ format: 'date' }) reviewBy?: string;

  static content(c: AnswerContent): ContentView {
    return { ...c, questions: [...c.questions], tags: [...c.tags], projects: c.projects === null ? null : [...c.projects] };
  }
}

/** 统一答复 — the working copy and where it stands. */
export class AnswerView extends ContentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ANSWER_STATUSES, description: 'of the working copy; a published version stays in force while a new draft is edited' }) status!: AnswerStatus;
  @ApiPropertyOptional({ type: 'integer', description: 'the latest version approved, if one was; one approved to start later (its effectiveFrom) waits for its start while the version before stays in force for search and suggestions' }) publishedVersion?: number;
  @ApiProperty({ type: [String], description: 'who wrote the draft: none of them may approve it' }) contributors!: string[];
  @ApiPropertyOptional({ type: RejectionView }) rejection?: RejectionView;
  @ApiProperty() createdBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ type: 'integer', description: 'the working copy’s version, also its ETag' }) version!: number;

  static of(a: UnifiedAnswer): AnswerView {
    return {
      ...ContentView.content(a.content),
      id: a.id,
      status: a.status,
      ...(a.publishedVersion !== undefined ? { publishedVersion: a.publishedVersion } : {}),
      contributors: [...a.contributors],
      ...(a.rejection ? { rejection: { comment: a.rejection.comment, by: a.rejection.by, at: a.rejection.at.toISOString() } } : {}),
      createdBy: a.createdBy,
      createdAt: a.createdAt.toISOString(),
      updatedAt: a.updatedAt.toISOString(),
      version: a.rowVersion,
    };
  }
}

export class AnswerPage {
  @ApiProperty({ type: [AnswerView] }) items!: AnswerView[];
  @ApiPropertyOptional({ description: 'pass as `cursor` for the next page' }) nextCursor?: string;
}

/** An immutable published version: what replies and validity decisions cite. */
export class AnswerVersionView extends ContentView {
  @ApiProperty({ format: 'uuid' }) answerId!: string;
  @ApiProperty({ type: 'integer', minimum: 1 }) version!: number;
  @ApiProperty({ description: 'the supervisor who approved it' }) approvedBy!: string;
  @ApiProperty({ format: 'date-time' }) publishedAt!: string;

  static of(v: AnswerVersion): AnswerVersionView {
    return { ...ContentView.content(v.content), answerId: v.answerId, version: v.version, approvedBy: v.approvedBy, publishedAt: v.publishedAt.toISOString() };
  }
}

export class AnswerVersionList {
  @ApiProperty({ type: [AnswerVersionView], description: 'newest first' }) items!: AnswerVersionView[];
  @ApiPropertyOptional({ description: 'pass as `cursor` for the next page' }) nextCursor?: string;
}

const FIELD_NAMES = ['title', 'questions', 'body', 'sectionCode', 'itemCode', 'tags', 'projects', 'effectiveFrom', 'effectiveTo', 'sourceDepartment', 'reviewBy'] as const;
const FIELD_VALUE = { nullable: true, oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }], description: 'null: absent' };

export class FieldChangeView {
  @ApiProperty({ enum: FIELD_NAMES }) field!: string;
  @ApiProperty(FIELD_VALUE) before!: unknown;
  @ApiProperty(FIELD_VALUE) after!: unknown;
}

export class LineChangeView {
  @ApiProperty({ enum: ['same', 'added', 'removed'] }) op!: 'same' | 'added' | 'removed';
  @ApiProperty() line!: string;
}

export class VersionDiffView {
  @ApiProperty({ format: 'uuid' }) answerId!: string;
  @ApiProperty({ type: 'integer' }) from!: number;
  @ApiProperty({ type: 'integer' }) to!: number;
  @ApiProperty({ type: [FieldChangeView] }) fields!: FieldChangeView[];
  @ApiProperty({ type: [LineChangeView], description: 'the body, line by line; each run of changed lines shows its added lines, then its removed ones' }) body!: LineChangeView[];
  @ApiProperty({
    description: `false when the bodies differ in more than ${MAX_LINE_EDITS} lines added and removed: the part between their common first and last lines is then shown added, then removed, whole (ADR 0088)`,
  })
  bodyLineByLine!: boolean;
}

export class SearchHitView {
  @ApiProperty({ format: 'uuid' }) answerId!: string;
  @ApiProperty({ type: 'integer', description: 'the version in force, which a reply cites' }) version!: number;
  @ApiProperty() title!: string;
  @ApiPropertyOptional() itemCode?: string;
  @ApiProperty({ description: 'relevance; higher is better' }) score!: number;
  @ApiProperty({ description: 'a passage of the title and body, matches in <mark>', example: '物业费的缴纳方式。您好，<mark>物业费</mark>可通过…' }) snippet!: string;
  @ApiPropertyOptional({ description: 'the stored phrasing that matched, marked' }) matchedQuestion?: string;
}

export class SearchResultView {
  @ApiProperty({ type: [SearchHitView], description: 'best first' }) items!: SearchHitView[];
}
