import { ITEM_CODE_SCHEMA, IsItemCode } from '@cs/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { presentProps } from '@cs/ddd';
import { KnowledgeGap, MAX_GAP_TICKET_IDS, soleProject } from '../domain/gap';
import { AnswerView } from './answers.dto';

const GAP_STATUSES = ['open', 'drafted'] as const;
const GAP_SOURCES = ['consultation', 'search'] as const;

export class GapListQuery {
  @ApiPropertyOptional({ enum: GAP_STATUSES, default: 'open' }) @IsOptional() @IsIn(GAP_STATUSES) status?: (typeof GAP_STATUSES)[number];
  @ApiPropertyOptional(ITEM_CODE_SCHEMA) @IsOptional() @IsItemCode() item?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 200, default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

export class DraftFromGapDto {
  @ApiPropertyOptional({ maxLength: 200, description: 'default: the question as asked' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(200) title?: string;
  @ApiPropertyOptional({ maxLength: 20000, description: 'markdown; default: a placeholder to fill in' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(20000) body?: string;
}

export class GapView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: GAP_SOURCES }) source!: KnowledgeGap['source'];
  @ApiProperty({ enum: GAP_STATUSES }) status!: KnowledgeGap['status'];
  @ApiPropertyOptional() itemCode?: string;
  @ApiPropertyOptional({ description: 'the project it was asked in, when one' }) projectCode?: string;
  @ApiPropertyOptional({ type: [String], description: 'the projects it was asked in (a search by someone serving several, naming none); absent: every project' })
  projects?: string[];
  @ApiPropertyOptional({
    type: [String],
    description: 'projects whose share a supervisor serving only some drafted apart, as a gap of its own; the gap is open for its other projects',
  })
  draftedApart?: string[];
  @ApiProperty({ description: 'how it was first asked, personal data redacted' }) sample!: string;
  @ApiProperty({ type: 'integer', description: 'how many times it was asked in similar words' }) occurrences!: number;
  @ApiProperty({ type: [String], maxItems: MAX_GAP_TICKET_IDS, description: `the latest ${MAX_GAP_TICKET_IDS} tickets that asked it, oldest first` }) ticketIds!: string[];
  @ApiProperty({ type: 'integer', description: 'how many tickets asked it, those no longer listed included' }) ticketCount!: number;
  @ApiPropertyOptional({ format: 'uuid' }) draftAnswerId?: string;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ format: 'date-time' }) lastSeenAt!: string;

  static of(g: KnowledgeGap): GapView {
    return {
      id: g.id,
      source: g.source,
      status: g.status,
      ...(g.itemCode ? { itemCode: g.itemCode } : {}),
      ...presentProps({ projectCode: soleProject(g), projects: g.projects ? [...g.projects] : undefined, draftedApart: g.draftedApart ? [...g.draftedApart] : undefined }),
      sample: g.sample,
      occurrences: g.occurrences,
      ticketIds: [...g.ticketIds],
      ticketCount: g.ticketCount,
      ...(g.draftAnswerId ? { draftAnswerId: g.draftAnswerId } : {}),
      openedAt: g.openedAt.toISOString(),
      lastSeenAt: g.lastSeenAt.toISOString(),
    };
  }
}

export class GapList {
  @ApiProperty({ type: [GapView], description: 'most asked first' }) items!: GapView[];
}

export class GapDraftView {
  @ApiProperty({ type: GapView }) gap!: GapView;
  @ApiProperty({ type: AnswerView }) answer!: AnswerView;
}
