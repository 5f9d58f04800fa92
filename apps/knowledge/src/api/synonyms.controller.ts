import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsString, MaxLength, MinLength } from 'class-validator';
import { CurrentUser, Principal, Roles, SharedAcrossProjects } from '@cs/auth';
import { uuidParam } from '@cs/platform';
import { ManageSynonyms } from '../application/manage-synonyms';
import type { SynonymGroup } from '../infrastructure/synonym.repository';

export class SynonymGroupDto {
  @ApiProperty({ type: [String], example: ['物业费', '管理费'], minItems: 2, maxItems: 20, uniqueItems: true })
  @IsArray()
  @ArrayUnique()
  @ArrayMinSize(2)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(20, { each: true })
  terms!: string[];
}

export class SynonymGroupView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: [String] }) terms!: string[];
  @ApiProperty() updatedBy!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;

  static of(g: SynonymGroup): SynonymGroupView {
    return { id: g.id, terms: [...g.terms], updatedBy: g.updatedBy, updatedAt: g.updatedAt.toISOString() };
  }
}

export class SynonymGroupList {
  @ApiProperty({ type: [SynonymGroupView] }) items!: SynonymGroupView[];
}

/** 同义词 — words customers use for the same thing (物业费 ~ 管理费); search treats a group as one word. */
@ApiTags('synonyms')
@SharedAcrossProjects('synonyms are the company’s vocabulary, the same for every project')
@Controller('v1/synonyms')
export class SynonymsController {
  constructor(private readonly synonyms: ManageSynonyms) {}

  @Get()
  @ApiOperation({ summary: 'Synonym groups search uses' })
  @ApiOkResponse({ type: SynonymGroupList })
  async list(): Promise<SynonymGroupList> {
    return { items: (await this.synonyms.list()).map(SynonymGroupView.of) };
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Add a synonym group; a term belongs to one group only (409 otherwise)' })
  @ApiCreatedResponse({ type: SynonymGroupView })
  async create(@Body() dto: SynonymGroupDto, @CurrentUser() user: Principal): Promise<SynonymGroupView> {
    return SynonymGroupView.of(await this.synonyms.save(undefined, dto.terms, user.sub));
  }

  @Put(':id')
  @Roles('admin')
  @ApiOperation({
    summary: 'Replace the terms of a synonym group',
    description: 'Groups are added by POST, which makes their ids; an id no group has is 404 SYNONYM.NOT_FOUND and adds nothing.',
  })
  @ApiOkResponse({ type: SynonymGroupView })
  async replace(@Param('id', uuidParam('id')) id: string, @Body() dto: SynonymGroupDto, @CurrentUser() user: Principal): Promise<SynonymGroupView> {
    return SynonymGroupView.of(await this.synonyms.save(id, dto.terms, user.sub));
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin')
  @ApiOperation({ summary: 'Remove a synonym group' })
  @ApiNoContentResponse({ description: 'removed' })
  async remove(@Param('id', uuidParam('id')) id: string): Promise<void> {
    await this.synonyms.remove(id);
  }
}
