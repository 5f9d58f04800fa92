import { Body, Controller, Get, Headers, Module, Param, Post, Put, Query } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsEmail, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Public, ROLES, Roles } from '@cs/auth';
import { createLogger } from '@cs/observability';
import { ProblemDetailsFilter } from '../../problem/problem.filter';
import { uuidParam } from '../params';
import { createValidationPipe } from '../validation';
import { buildOpenApiDocument } from './install-openapi';

class NoteBody {
  @ApiProperty() @IsString() @MaxLength(200) text!: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() replyTo?: string;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @ArrayMaxSize(3) @IsIn(['a', 'b'], { each: true }) tags?: string[];
}

class NotesQuery {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(50) limit?: number;
  @ApiPropertyOptional() @IsOptional() @IsEmail() author?: string;
}

class NoteView {
  @ApiProperty() text!: string;
}

@Controller('v1/notes')
class NotesController {
  @Get()
  list(@Query() query: NotesQuery): NotesQuery {
    return query;
  }

  @Post(':id')
  @Roles('agent', 'supervisor')
  @ApiOperation({ summary: 'Add a note', description: 'Appends a note to the record.' })
  @ApiOkResponse({ type: NoteView })
  add(@Param('id', uuidParam('id')) _id: string, @Body() body: NoteBody): NoteView {
    return { text: body.text };
  }

  @Put(':id')
  @ApiOkResponse({ type: NoteView })
  replace(@Param('id', uuidParam('id')) _id: string, @Headers('if-match') _ifMatch: string | undefined, @Body() body: NoteBody): NoteView {
    return { text: body.text };
  }

  @Public()
  @Post('inbound/:channel')
  inbound(@Param('channel') channel: string): NoteView {
    return { text: channel };
  }
}

@Controller('v1/archive')
@Roles('admin')
class ArchiveController {
  @Get()
  list(): NoteView[] {
    return [];
  }

  @Post()
  @Roles('supervisor', 'admin')
  store(): NoteView {
    return { text: '' };
  }
}

@Module({ controllers: [NotesController, ArchiveController] })
class NotesModule {}

interface Schema {
  type?: string;
  pattern?: string;
  format?: string;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  additionalProperties?: boolean;
  items?: Schema;
  properties?: Record<string, Schema>;
}
interface Parameter {
  name: string;
  in: string;
  allowEmptyValue?: boolean;
  schema: Schema;
}
interface Operation {
  description?: string;
  'x-roles'?: string[];
  parameters: Parameter[];
  responses: Record<string, unknown>;
  security?: unknown[];
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

describe('the published OpenAPI document', () => {
  let app: NestFastifyApplication;
  let document: Document;

  beforeAll(async () => {
    app = await NestFactory.create<NestFastifyApplication>(NotesModule, new FastifyAdapter(), { logger: false });
    app.useGlobalPipes(createValidationPipe());
    app.useGlobalFilters(new ProblemDetailsFilter(createLogger('notes', 'silent')));
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    document = buildOpenApiDocument(app, 'notes', '1.0.0') as unknown as Document;
  });

  afterAll(async () => {
    await app.close();
  });

  it('says what the validation rules of a body accept, and refuses unknown properties', () => {
    const body = document.components.schemas['NoteBody']!;
    expect(body.additionalProperties).toBe(false);
    expect(body.properties!['text']).toMatchObject({ type: 'string', maxLength: 200 });
    expect(body.properties!['replyTo']).toMatchObject({ format: 'email' });
    expect(body.properties!['tags']).toMatchObject({ type: 'array', maxItems: 3, items: { type: 'string', enum: ['a', 'b'] } });
  });

  it('leaves response schemas open', () => {
    expect(document.components.schemas['NoteView']!.additionalProperties).toBeUndefined();
  });

  it('says what query parameters accept, and that an optional one may be empty', () => {
    const parameters = document.paths['/v1/notes']!['get']!.parameters;
    expect(parameters.find((p) => p.name === 'limit')).toMatchObject({
      allowEmptyValue: true,
      schema: { type: 'integer', minimum: 1, maximum: 50 },
    });
    expect(parameters.find((p) => p.name === 'author')!.schema.format).toBe('email');
  });

  it('publishes UUID path parameters as such and public routes without the bearer requirement', () => {
    const add = document.paths['/v1/notes/{id}']!['post']!;
    expect(add.parameters.find((p) => p.name === 'id')!.schema).toEqual({ type: 'string', format: 'uuid' });
    expect(add.security).toBeUndefined();
    const inbound = document.paths['/v1/notes/inbound/{channel}']!['post']!;
    expect(inbound.security).toEqual([]);
    expect(inbound.parameters.find((p) => p.name === 'channel')!.schema.format).toBeUndefined();
  });

  it('names the roles @Roles admits, the handler’s list replacing its controller’s, after the description', () => {
    const add = document.paths['/v1/notes/{id}']!['post']!;
    expect(add['x-roles']).toEqual(['agent', 'supervisor']);
    expect(add.description).toBe('Appends a note to the record.\n\nRoles: agent, supervisor.');
    expect(document.paths['/v1/archive']!['get']!).toMatchObject({ 'x-roles': ['admin'], description: 'Roles: admin.' });
    expect(document.paths['/v1/archive']!['post']!['x-roles']).toEqual(['supervisor', 'admin']);
  });

  it('names every role on a route without @Roles, and none on a public route', () => {
    const list = document.paths['/v1/notes']!['get']!;
    expect(list['x-roles']).toEqual([...ROLES]);
    expect(list.description).toBe(`Roles: any authenticated user (${ROLES.join(', ')}).`);
    const inbound = document.paths['/v1/notes/inbound/{channel}']!['post']!;
    expect(inbound['x-roles']).toBeUndefined();
    expect(inbound.description).toBeUndefined();
  });

  it('documents problem+json errors on every operation', () => {
    expect(Object.keys(document.paths['/v1/notes/{id}']!['post']!.responses)).toEqual(
      expect.arrayContaining(['400', '401', '403', '404', '409', '422', 'default']),
    );
  });

  it('documents If-Match, its shape and 412 where the handler reads it', () => {
    const replace = document.paths['/v1/notes/{id}']!['put']!;
    const ifMatch = replace.parameters.find((p) => p.name === 'If-Match')!;
    expect(ifMatch.in).toBe('header');
    expect(new RegExp(ifMatch.schema.pattern!).test('W/"3"')).toBe(true);
    expect(new RegExp(ifMatch.schema.pattern!).test('3')).toBe(false);
    expect(replace.responses['412']).toBeDefined();
    const add = document.paths['/v1/notes/{id}']!['post']!;
    expect(add.parameters.some((p) => p.name === 'If-Match')).toBe(false);
    expect(add.responses['412']).toBeUndefined();
  });

  it('reads an empty optional query parameter as absent, and still refuses an invalid one', async () => {
    const empty = await app.inject({ method: 'GET', url: '/v1/notes?limit=&author=' });
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toEqual({});
    const invalid = await app.inject({ method: 'GET', url: '/v1/notes?limit=0' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({ errors: [{ field: 'limit' }] });
  });
});
