import { Body, Controller, Delete, Get, Headers, Module, Param, Post, Put, Query } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsEmail, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { Public, ROLES, Roles, RolesByRule } from '@cs/auth';
import { createLogger } from '@cs/observability';
import { ProblemDetailsFilter } from '../../problem/problem.filter';
import { uuidParam } from '../params';
import { createValidationPipe } from '../validation';
import { ApiExactlyOneOf } from './exactly-one-of';
import { buildOpenApiDocument } from './install-openapi';

class NoteBody {
  @ApiProperty() @IsString() @MaxLength(200) text!: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() replyTo?: string;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @ArrayMaxSize(3) @IsIn(['a', 'b'], { each: true }) tags?: string[];
  @ApiPropertyOptional() @IsOptional() @Matches(/^[a-z]+$/, { each: true }) labels?: string[];
}

@ApiExactlyOneOf('days', 'hours')
class DelayBody {
  @ApiPropertyOptional() @IsOptional() @IsInt() days?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() hours?: number;
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

  @Post(':id/delay')
  delay(@Param('id', uuidParam('id')) _id: string, @Body() _body: DelayBody): NoteView {
    return { text: 'delayed' };
  }

  @Post(':id/pin')
  @RolesByRule({ roles: ['supervisor', 'agent'], refusal: 'NOTE.NOT_ALLOWED' })
  @ApiOperation({ summary: 'Pin a note' })
  pin(@Param('id', uuidParam('id')) _id: string): NoteView {
    return { text: 'pinned' };
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

@Controller('v1/archive/old')
@Roles('admin')
class OldArchiveController {
  @Delete()
  @RolesByRule({ roles: ['quality', 'admin'], refusal: 'ARCHIVE.NOT_ALLOWED' })
  purge(): NoteView {
    return { text: '' };
  }
}

@Module({ controllers: [OldArchiveController] })
class OldArchiveModule {}

@Module({ controllers: [NotesController, ArchiveController] })
class NotesModule {}

interface Schema {
  type?: string;
  anyOf?: Schema[];
  oneOf?: Schema[];
  enum?: unknown[];
  required?: string[];
  pattern?: string;
  format?: string;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  nullable?: boolean;
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
  'x-roles-refusal'?: string;
  parameters: Parameter[];
  requestBody?: { required?: boolean };
  responses: Record<string, { content?: Record<string, { example?: unknown }> }>;
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

  it('says that request text may not hold NUL, which the server refuses everywhere', () => {
    const body = document.components.schemas['NoteBody']!;
    const text = new RegExp(body.properties!['text']!.pattern!, 'u');
    expect(text.test('plain text, 中文')).toBe(true);
    expect(text.test('nul \u0000 inside')).toBe(false);
    // A format or an enum already excludes NUL.
    expect(body.properties!['replyTo']!.pattern).toBeUndefined();
    expect(body.properties!['tags']!.items!.pattern).toBeUndefined();
    const inbound = document.paths['/v1/notes/inbound/{channel}']!['post']!;
    expect(inbound.parameters.find((p) => p.name === 'channel')!.schema.pattern).toBe(body.properties!['text']!.pattern);
    expect(document.components.schemas['NoteView']!.properties!['text']!.pattern).toBeUndefined();
  });

  it('gives an array declared without an element type the element rules it validates', () => {
    expect(document.components.schemas['NoteBody']!.properties!['labels']).toMatchObject({
      type: 'array',
      items: { type: 'string', pattern: '^[a-z]+$' },
    });
  });

  it('lets a body with no required property be left out, as the pipe reads it as empty', () => {
    expect(document.paths['/v1/notes/{id}/delay']!['post']!.requestBody).toMatchObject({ required: false });
    expect(document.paths['/v1/notes/{id}']!['post']!.requestBody).toMatchObject({ required: true });
  });

  it('says that an optional body property may be null, which the pipe accepts, but not a query parameter', () => {
    expect(document.components.schemas['NoteBody']!.properties!['replyTo']!.nullable).toBe(true);
    expect(document.components.schemas['NoteBody']!.properties!['text']!.nullable).toBeUndefined();
    const limit = document.paths['/v1/notes']!['get']!.parameters.find((p) => p.name === 'limit')!;
    expect(limit.schema.nullable).toBeUndefined();
  });

  it('publishes "exactly one of" a body’s properties as oneOf alternatives', () => {
    expect(document.components.schemas['DelayBody']!.oneOf).toEqual([{ required: ['days'] }, { required: ['hours'] }]);
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

  it('names the roles a business rule admits where it narrows the route, and the 403 it refuses the others with', () => {
    const pin = document.paths['/v1/notes/{id}/pin']!['post']!;
    expect(pin).toMatchObject({ 'x-roles': ['supervisor', 'agent'], 'x-roles-refusal': 'NOTE.NOT_ALLOWED' });
    expect(pin.description).toBe('Roles: supervisor, agent; any other role is refused 403 NOTE.NOT_ALLOWED.');
    expect(pin.responses['403']!.content!['application/problem+json']!.example).toMatchObject({
      status: 403,
      code: 'NOTE.NOT_ALLOWED',
      detail: 'your role may not do this here (allowed: supervisor, agent)',
    });
    expect(document.paths['/v1/archive']!['get']!.responses['403']!.content!['application/problem+json']!.example).toMatchObject({ code: 'HTTP.FORBIDDEN' });
  });

  it('is not built where a route has both @Roles and a business rule, whose refusals would answer two codes', async () => {
    const old = await NestFactory.create<NestFastifyApplication>(OldArchiveModule, new FastifyAdapter(), { logger: false });
    try {
      await old.init();
      expect(() => buildOpenApiDocument(old, 'archive', '1.0.0')).toThrow('OldArchiveController.purge has both @Roles and @RolesByRule');
    } finally {
      await old.close();
    }
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
    const accepts = (value: string) =>
      ifMatch.schema.anyOf!.some((s) => (s.enum ? s.enum.includes(value) : new RegExp(s.pattern!).test(value)));
    expect(['*', 'W/"3"', '"3"'].every(accepts)).toBe(true);
    expect(['3', 'W/3', '"x"', ''].some(accepts)).toBe(false);
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
