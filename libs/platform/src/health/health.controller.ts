import { Controller, Get, Header, HttpCode, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@cs/auth';
import { ServiceMetrics } from '@cs/observability';
import { METRICS } from '../tokens';
import { ReadinessProbe, readinessOf } from './readiness';

/** Probes for Kubernetes and the scrape endpoint for Prometheus; no token needed. */
@ApiExcludeController()
@Public()
@Controller()
export class HealthController {
  constructor(
    private readonly readiness: ReadinessProbe,
    @Inject(METRICS) private readonly metrics: ServiceMetrics,
  ) {}

  @Get('health/live')
  @HttpCode(200)
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('health/ready')
  async ready(@Res() reply: FastifyReply): Promise<void> {
    const checks = await this.readiness.check();
    const status = readinessOf(checks, this.readiness.isDraining);
    await reply
      .status(status === 'ready' || status === 'degraded' ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status, checks });
  }

  @Get('metrics')
  @Header('cache-control', 'no-store')
  async scrape(@Res() reply: FastifyReply): Promise<void> {
    await reply.header('content-type', this.metrics.registry.contentType).send(await this.metrics.registry.metrics());
  }
}
