import { Body, Controller, Get, Headers, Put, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Principal, Roles, SharedAcrossProjects } from '@cs/auth';
import { parseIfMatch, weakEtag } from '@cs/platform';
import { GetCatalogue } from '../application/get-catalogue';
import { UpdateCatalogue } from '../application/update-catalogue';
import type { VersionedCatalogue } from '../domain/catalogue';
import { CatalogueQueryDto, CatalogueViewDto, PutCatalogueDto } from './catalogue.dto';

/** 业务分类 — the sections and items contacts and tickets are filed under. */
@ApiTags('catalogue')
@SharedAcrossProjects('the catalogue of matters is one for the whole company')
@Controller('v1/catalogue')
export class CatalogueController {
  constructor(
    private readonly getCatalogue: GetCatalogue,
    private readonly updateCatalogue: UpdateCatalogue,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The catalogue; retired sections and items only with includeInactive=true' })
  @ApiOkResponse({ type: CatalogueViewDto, headers: { ETag: { description: 'the catalogue version', schema: { type: 'string' } } } })
  async read(@Query() query: CatalogueQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<VersionedCatalogue> {
    const catalogue = await this.getCatalogue.execute({ includeInactive: query.includeInactive === 'true' });
    void reply.header('etag', weakEtag(catalogue.version));
    return catalogue;
  }

  @Put()
  @Roles('admin')
  @ApiOperation({
    summary: 'Replace the catalogue',
    description:
      'Send every section and item: codes never change or disappear (retire with active: false), ' +
      'and an item stays in the section its code names. Answers the stored catalogue, inactive entries included.',
  })
  @ApiOkResponse({ type: CatalogueViewDto })
  async replace(
    @Body() body: PutCatalogueDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() user: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<VersionedCatalogue> {
    const catalogue = await this.updateCatalogue.execute({
      catalogue: body,
      expectedVersion: parseIfMatch(ifMatch, 'CATALOGUE.BAD_IF_MATCH'),
      by: user.sub,
    });
    void reply.header('etag', weakEtag(catalogue.version));
    return catalogue;
  }
}
