import 'reflect-metadata';
import { Controller, Get, Put } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { signDevToken } from '../dev-token';
import type { ProjectScope } from '../project-scope';
import { TEST_SECRET } from '../testing/sign';
import { AuthModule } from './auth.module';
import { CurrentScope, ScopedByProject, SharedAcrossProjects } from './project-scoping';

@SharedAcrossProjects('one calendar for the company')
@Controller('calendars')
class CalendarsController {
  @Get() read() {
    return { ok: true };
  }
  @Put() replace() {
    return { ok: true };
  }
}

@ScopedByProject()
@Controller('tickets')
class TicketsController {
  @Put() change(@CurrentScope() scope: ProjectScope) {
    return scope;
  }
}

describe('project scoping in the guard', () => {
  let app: NestFastifyApplication;
  const call = async (method: 'GET' | 'PUT', url: string, projects?: string[]) => {
    const token = await signDevToken({ roles: 'admin', ...(projects ? { projects } : {}) }, TEST_SECRET);
    const response = await app.inject({ method, url, headers: { authorization: `Bearer ${token}` } });
    return { status: response.statusCode, body: response.json<Record<string, unknown>>() };
  };

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [AuthModule.forRoot({ mode: 'hs256', secret: TEST_SECRET })],
      controllers: [CalendarsController, TicketsController],
    }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(() => app.close());

  it('lets anyone read data shared by every project', async () => {
    expect((await call('GET', '/calendars', ['P002'])).status).toBe(200);
  });

  it('refuses a change to shared data from a user limited to some projects', async () => {
    const refused = await call('PUT', '/calendars', ['P002']);
    expect(refused.status).toBe(403);
    expect(refused.body['message']).toMatch(/serving every project/);
  });

  it('lets a user serving every project change shared data', async () => {
    expect((await call('PUT', '/calendars')).status).toBe(200);
  });

  it('hands project-scoped handlers the caller’s scope', async () => {
    expect((await call('PUT', '/tickets', ['P002'])).body).toEqual({ all: false, projects: ['P002'] });
    expect((await call('PUT', '/tickets')).body).toEqual({ all: true });
  });
});
