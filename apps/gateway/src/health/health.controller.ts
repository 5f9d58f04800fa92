import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ServiceMetrics } from '@cs/observability';
import { METRICS } from '@cs/platform';
import type { GatewayConfig } from '@cs/config';
import { GATEWAY_CONFIG } from '../tokens';
import { Draining } from './draining';

const PROBE_TIMEOUT_MS = 1_000;

/**
 * Probes and metrics. The gateway is ready whenever it is not shutting down: a service that is
 * down makes its own paths fail, not every other service's; readiness lists which are reachable.
 */
@ApiExcludeController()
@Controller()
export class GatewayHealthController {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(METRICS) private readonly metrics: ServiceMetrics,
    private readonly draining: Draining,
  ) {}

  @Get('health/live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('health/ready')
  async ready(@Res() reply: FastifyReply): Promise<void> {
    const upstreams = await Promise.all(
      Object.entries(this.config.upstreams).map(async ([name, baseUrl]) => ({
        name,
        up: await fetch(`${baseUrl}/health/live`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) }).then(
          (response) => response.ok,
          () => false,
        ),
      })),
    );
    const ready = !this.draining.isDraining;
    await reply
      .status(ready ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status: ready ? 'ready' : 'draining', upstreams });
  }

  @Get('metrics')
  @Header('cache-control', 'no-store')
  async scrape(@Res() reply: FastifyReply): Promise<void> {
    await reply.header('content-type', this.metrics.registry.contentType).send(await this.metrics.registry.metrics());
  }
}
