import { Module } from '@nestjs/common';
import { CHANNELS } from '@cs/contracts';
import { PlatformModule } from '@cs/platform';
import { AccessLogController } from './api/access-log.controller';
import { CatalogueEventsController } from './api/catalogue-events.controller';
import { ContactsController } from './api/contacts.controller';
import { CustomersController } from './api/customers.controller';
import { InboundController } from './api/inbound.controller';
import { ProjectsController } from './api/projects.controller';
import { TicketEventsController } from './api/ticket-events.controller';
import { WEBHOOK_SECRETS, WebhookSignatureGuard } from './api/webhook-signature.guard';
import { QueryAccessLog } from './application/access-log';
import { MaintainCustomers } from './application/maintain-customers';
import { ReadCustomers } from './application/read-customers';
import { ReceiveWebhook } from './application/receive-webhook';
import { RecordContact } from './application/record-contact';
import { ReferenceData } from './application/reference-data';
import { ResolveCustomer } from './application/resolve-customer';
import { ContactRepository } from './infrastructure/contact.repository';
import { CustomerRepository } from './infrastructure/customer.repository';
import { PII_CIPHER, PII_INDEX, PiiCodec } from './infrastructure/pii-codec';
import { BlindIndex, FieldCipher, loadPiiKeyRing } from './infrastructure/pii';
import { webhookSecretsFromEnv } from './infrastructure/webhooks';

/** Channels whose gateways deliver by webhook; the phone line, walk-ins and letters are recorded by agents. */
const GATEWAY_CHANNELS = CHANNELS.filter((c) => !['phone', 'walk_in', 'letter'].includes(c));
const keyRing = loadPiiKeyRing(process.env);

/** 受理 — where every customer contact enters, and the only holder of customers' personal data. */
@Module({
  imports: [PlatformModule.forService({ service: 'intake' })],
  controllers: [
    ContactsController,
    InboundController,
    CustomersController,
    AccessLogController,
    ProjectsController,
    TicketEventsController,
    CatalogueEventsController,
  ],
  providers: [
    { provide: PII_CIPHER, useValue: new FieldCipher(keyRing) },
    { provide: PII_INDEX, useValue: new BlindIndex(keyRing) },
    { provide: WEBHOOK_SECRETS, useFactory: () => webhookSecretsFromEnv(process.env, GATEWAY_CHANNELS) },
    PiiCodec,
    CustomerRepository,
    ContactRepository,
    ResolveCustomer,
    RecordContact,
    ReceiveWebhook,
    WebhookSignatureGuard,
    ReadCustomers,
    MaintainCustomers,
    QueryAccessLog,
    ReferenceData,
  ],
})
export class AppModule {}
