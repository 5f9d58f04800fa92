import { createHash } from 'node:crypto';
import { Body, Controller, Get, Param, Post, Query, Req } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { IsOptional, IsString } from 'class-validator';
import { createLogger } from '@cs/observability';
import { buildHttpTestApp } from '@cs/testing';
import { ProblemDetailsFilter } from '../problem/problem.filter';
import { LOGGER } from '../tokens';
import { MAX_JSON_DEPTH } from './json-body';
import { installRequestInput } from './request-input';

class NoteBody {
  @IsString() text!: string;
  @IsOptional() meta?: object;
}

class NoteQuery {
  @IsOptional() @IsString() q?: string;
}

@Controller('notes')
class NotesController {
  @Post(':tag')
  add(@Param('tag') tag: string, @Body() body: NoteBody, @Req() request: FastifyRequest & { rawBody?: Buffer }) {
    return { tag, text: body.text, rawSha256: createHash('sha256').update(request.rawBody ?? '').digest('hex') };
  }

  @Get()
  list(@Query() query: NoteQuery) {
    return query;
  }
}

let app: NestFastifyApplication;

beforeAll(async () => {
  app = await buildHttpTestApp({
    controllers: [NotesController],
    providers: [
      { provide: LOGGER, useValue: createLogger('notes', 'silent') },
      { provide: APP_FILTER, useClass: ProblemDetailsFilter },
    ],
    configure: installRequestInput,
  });
});

afterAll(async () => {
  await app?.close();
});

const post = (payload: string, url = '/notes/t', contentType = 'application/json') =>
  app.inject({ method: 'POST', url, headers: { 'content-type': contentType }, payload });

function expectFieldError(response: Awaited<ReturnType<typeof post>>, field: string): void {
  expect(response.statusCode).toBe(400);
  expect(response.headers['content-type']).toContain('application/problem+json');
  expect(response.json()).toMatchObject({ code: 'VALIDATION.FAILED', errors: [expect.objectContaining({ field })] });
}

describe('how a service takes requests in', () => {
  it('given a JSON body, then the handler gets it parsed and the raw bytes as sent', async () => {
    const payload = '{ "text" : "3栋电梯" }';
    const response = await post(payload);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({ tag: 't', text: '3栋电梯', rawSha256: createHash('sha256').update(payload).digest('hex') });
  });

  it('given JSON nested 4,000 deep, then it is 400 naming the field that nests too deep', async () => {
    const response = await post(`{"text":"x","meta":${'['.repeat(4_000)}${']'.repeat(4_000)}}`);
    expectFieldError(response, `meta${'[0]'.repeat(MAX_JSON_DEPTH - 1)}`);
  });

  it('given a lone surrogate in a body string or member name, then it is 400 naming the field', async () => {
    expectFieldError(await post('{"text":"a\\ud800"}'), 'text');
    expectFieldError(await post('{"text":"a","meta":{"k\\udc00":1}}'), 'meta.k\udc00');
  });

  it('given NUL in a path parameter or a query parameter, then it is 400 naming it', async () => {
    expectFieldError(await post('{"text":"a"}', '/notes/a%00b'), 'tag');
    expectFieldError(await app.inject({ method: 'GET', url: '/notes?q=a%00' }), 'q');
  });

  it('given prototype poisoning or malformed JSON, then it is 400 naming the body', async () => {
    expectFieldError(await post('{"text":"a","__proto__":{"admin":true}}'), 'body');
    expectFieldError(await post('{"text":'), 'body');
  });

  it('given another content type, then it is 415', async () => {
    expect((await post('text=a', '/notes/t', 'text/plain')).statusCode).toBe(415);
    expect((await post('text=a', '/notes/t', 'application/x-www-form-urlencoded')).statusCode).toBe(415);
  });
});
