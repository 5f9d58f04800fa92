import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { NestedEach } from '@cs/platform';
import { CurrentScope, ProjectScope, Roles, ScopedByProject } from '@cs/auth';
import { DomainError } from '@cs/ddd';
import { ProjectReference, ReferenceData } from '../application/reference-data';

const CODE = /^[A-Za-z0-9_-]{1,40}$/;

export class BuildingDto {
  @ApiProperty({ example: '3' }) @Matches(CODE) code!: string;
  @ApiProperty({ example: '3栋' }) @IsString() @MinLength(1) @MaxLength(40) name!: string;
  @ApiProperty({ example: ['101', '1202'] }) @ArrayMaxSize(5000) @Matches(CODE, { each: true }) rooms!: string[];
}

export class PutProjectDto {
  @ApiProperty({ example: '花木苑' }) @IsString() @MinLength(1) @MaxLength(80) name!: string;
  @ApiPropertyOptional({ example: '上海' }) @IsOptional() @IsString() @MaxLength(40) city?: string;
  @ApiProperty({ type: [BuildingDto] }) @ArrayMaxSize(500) @NestedEach(() => BuildingDto) buildings!: BuildingDto[];
}

export class BuildingViewDto {
  @ApiProperty({ example: '3' }) code!: string;
  @ApiProperty({ example: '3栋' }) name!: string;
  @ApiProperty({ example: ['101', '1202'] }) rooms!: string[];
}

export class ProjectViewDto {
  @ApiProperty({ example: 'P001' }) code!: string;
  @ApiProperty({ example: '花木苑' }) name!: string;
  @ApiPropertyOptional({ example: '上海' }) city?: string;
  @ApiProperty({ type: [BuildingViewDto] }) buildings!: BuildingViewDto[];
}

export class ProjectListDto {
  @ApiProperty({ type: [ProjectViewDto] }) items!: ProjectViewDto[];
}

/** 项目/楼栋/房号 reference data. */
@ApiTags('reference data')
@ScopedByProject()
@Controller('v1/projects')
export class ProjectsController {
  constructor(private readonly reference: ReferenceData) {}

  @Get()
  @ApiOperation({ summary: 'The projects within the caller’s scope, with their buildings and rooms' })
  @ApiOkResponse({ type: ProjectListDto })
  async list(@CurrentScope() scope: ProjectScope): Promise<{ items: ProjectReference[] }> {
    return { items: await this.reference.list(scope) };
  }

  @Get(':code')
  @ApiOperation({ summary: 'One project with its buildings and rooms' })
  @ApiOkResponse({ type: ProjectViewDto })
  async get(@Param('code') code: string, @CurrentScope() scope: ProjectScope): Promise<ProjectReference> {
    return this.reference.get(code, scope);
  }

  @Put(':code')
  @Roles('admin')
  @ApiOperation({ summary: 'Replace a project’s definition as a whole' })
  @ApiOkResponse({ type: ProjectViewDto })
  async put(@Param('code') code: string, @Body() body: PutProjectDto, @CurrentScope() scope: ProjectScope): Promise<ProjectReference> {
    if (!CODE.test(code)) throw new DomainError('PROJECT.BAD_CODE', 'invalid', 'project codes are letters, digits, - and _', 'code');
    return this.reference.put({ code, ...body }, scope);
  }
}
