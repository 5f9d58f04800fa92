import type { INestApplication } from '@nestjs/common';
import { CustomStrategy, NestMicroservice } from '@nestjs/microservices';
import { KafkaInboxTransport, PassErrorsToTransport } from './kafka-inbox.transport';

/**
 * Makes the application hybrid: its `@EventPattern` handlers are served by the given transport,
 * next to the HTTP routes. Call after `app.init()`.
 */
export async function startEventTransport(app: INestApplication, transport: KafkaInboxTransport): Promise<void> {
  // Deferred, so the filter is in place before the handlers are bound; Nest binds them otherwise
  // inside connectMicroservice.
  const microservice = app.connectMicroservice<CustomStrategy>({ strategy: transport }, { deferInitialization: true });
  if (!(microservice instanceof NestMicroservice)) throw new Error('connectMicroservice returned no NestMicroservice');
  microservice.useGlobalFilters(new PassErrorsToTransport());
  // The application's init and bootstrap hooks have run already; binding must not run them twice.
  microservice.setIsInitHookCalled(true);
  await app.startAllMicroservices();
}
