import { Controller, Get, Module, Param, Query } from '@nestjs/common';
import { APP_FILTER, NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength } from 'class-validator';
import { createLogger } from '@cs/observability';
import { ProblemDetailsFilter } from '../problem/problem.filter';
import { LOGGER } from '../tokens';
import { buildOpenApiDocument } from './openapi/install-openapi';
import { installPlainQueryParameters } from './plain-query-parameters';
import { createValidationPipe } from './validation';

class ContactsQuery {
  @ApiPropertyOptional({ type: 'integer' }) @IsOptional() @Type(() => Number) @IsInt() @Max(200) limit?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5) q?: string;
}

class LookupQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() phone?: string;
  @ApiPropertyOptional({ type: 'integer' }) @IsOptional() @Type(() => Number) @IsInt() @Max(200) limit?: number;
}

@Controller('v1/customers')
class CustomersController {
  @Get('lookup') lookup(@Query() query: LookupQuery): LookupQuery {
    return query;
  }

  @Get(':id/contacts') contacts(@Param('id') _id: string, @Query() query: ContactsQuery): ContactsQuery {
    return query;
  }
}

@Module({ controllers: [CustomersController], providers: [{ provide: LOGGER, useValue: createLogger('intake', 'silent') }, { provide: APP_FILTER, useClass: ProblemDetailsFilter }] })
class CustomersModule {}

describe('a problem’s instance, by what the route reached declares of its query', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    // Given a service whose document declares limit an integer and q and phone text, wired as installOpenApi wires it
    app = await NestFactory.create<NestFastifyApplication>(CustomersModule, new FastifyAdapter(), { logger: false });
    app.useGlobalPipes(createValidationPipe());
    installPlainQueryParameters(app.getHttpAdapter().getInstance(), buildOpenApiDocument(app, 'intake', '1'));
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app.close();
  });

  const instanceOf = async (url: string) => {
    const response = await app.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(400);
    return response.json<{ instance: string }>().instance;
  };

  it('shows a value declared a number as sent, and masks a free text’s landline', async () => {
    expect(await instanceOf('/v1/customers/c-1/contacts?limit=99999999&q=62345678')).toBe('/v1/customers/c-1/contacts?limit=99999999&q=****5678');
  });

  it('masks a phone in any problem: a personal parameter whole, and in a number', async () => {
    expect(await instanceOf('/v1/customers/lookup?phone=13800138000&limit=99999999')).toBe('/v1/customers/lookup?phone=***&limit=99999999');
    expect(await instanceOf('/v1/customers/lookup?phone=13800138000&limit=13800138000')).toBe('/v1/customers/lookup?phone=***&limit=138****8000');
  });

  it('reads the route’s parameters only for a problem: a request answered without one runs no hook of theirs (the caller lookup is a hot path)', async () => {
    // Given the same service without its plain parameters installed
    const bare = await NestFactory.create<NestFastifyApplication>(CustomersModule, new FastifyAdapter(), { logger: false });
    await bare.init();
    await bare.getHttpAdapter().getInstance().ready();
    try {
      // Then every route runs exactly the hooks it runs without them
      const hooks = (served: NestFastifyApplication) => served.getHttpAdapter().getInstance().printRoutes({ includeHooks: true, commonPrefix: false });
      expect(hooks(app)).toBe(hooks(bare));
    } finally {
      await bare.close();
    }
  });
});
