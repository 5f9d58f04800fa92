import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CatalogueChangedV1 } from '@cs/contracts';
import type { EventOf } from '@cs/messaging';
import { InboxContext } from '@cs/platform';
import { trackCatalogue } from '../application/track-catalogue';

/** Intake's copy of the ticket catalogue, which contacts are classified against. */
@Controller()
export class CatalogueEventsController {
  @EventPattern(CatalogueChangedV1.type)
  async catalogueChanged(@Payload() event: EventOf<typeof CatalogueChangedV1>, @Ctx() context: InboxContext): Promise<void> {
    await trackCatalogue(event, context.tx);
  }
}
