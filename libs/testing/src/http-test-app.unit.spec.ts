import { Body, Controller, Get, Put, ValidationPipe } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { IsInt } from 'class-validator';
import { AuthModule, CurrentUser, DEV_JWT_SECRET, Principal } from '@cs/auth';
import { buildHttpTestApp, injectJson } from './http-test-app';

class ProbeDto {
  @IsInt() n!: number;
}

@Controller('probe')
class ProbeController {
  @Get()
  read(@CurrentUser() user: Principal): { sub: string } {
    return { sub: user.sub };
  }

  @Put()
  write(@Body() body: ProbeDto): ProbeDto {
    return body;
  }
}

let app: NestFastifyApplication;

beforeAll(async () => {
  app = await buildHttpTestApp({
    imports: [AuthModule.forRoot({ mode: 'hs256', secret: DEV_JWT_SECRET })],
    controllers: [ProbeController],
    pipes: [new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true })],
  });
});

afterAll(async () => {
  await app?.close();
});

describe('buildHttpTestApp and injectJson', () => {
  it('given no role, when calling, then the real guard refuses it', async () => {
    expect((await injectJson(app, 'GET', '/probe')).status).toBe(401);
  });

  it('given a role, when calling, then a dev token for <role>-1 is accepted', async () => {
    expect(await injectJson(app, 'GET', '/probe', { role: 'agent' })).toMatchObject({ status: 200, body: { sub: 'agent-1' } });
  });

  it('given a JSON body, when sent, then it reaches the controller through the given pipe', async () => {
    expect(await injectJson(app, 'PUT', '/probe', { role: 'admin', body: { n: 3 } })).toMatchObject({ status: 200, body: { n: 3 } });
    expect((await injectJson(app, 'PUT', '/probe', { role: 'admin', body: { n: 'three' } })).status).toBe(400);
    expect((await injectJson(app, 'PUT', '/probe', { role: 'admin', body: { n: 3, extra: true } })).status).toBe(400);
  });
});
