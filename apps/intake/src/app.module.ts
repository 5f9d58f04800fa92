import { Module } from '@nestjs/common';
import { CHANNELS } from '@cs/contracts';
import type { ServiceConfig } from '@cs/config';
import { PlatformModule, SERVICE_CONFIG } from '@cs/platform';
import { AccessLogController } from './api/access-log.controller';
import { CallbackEventsController } from './api/callback-events.controller';
import { CatalogueEventsController } from './api/catalogue-events.controller';
import { ContactsController } from './api/contacts.controller';
import { CustomersController } from './api/customers.controller';
import { InboundController } from './api/inbound.controller';
import { ProjectsController } from './api/projects.controller';
import { TicketEventsController } from './api/ticket-events.controller';
import { WEBHOOK_SECRETS, WebhookSignatureGuard } from './api/webhook-signature.guard';
import { QueryAccessLog } from './application/access-log';
import { AnnounceBirthdays } from './application/announce-birthdays';
import { LookUpCaller } from './application/look-up-caller';
import { MaintainCustomers } from './application/maintain-customers';
import { ReadContacts } from './application/read-contacts';
import { ReadCustomers } from './application/read-customers';
import { ReceiveWebhook } from './application/receive-webhook';
import { RecordCallbackNeeds } from './application/record-callback-needs';
import { RecordContact } from './application/record-contact';
import { ReferenceData } from './application/reference-data';
import { ResolveCustomer } from './application/resolve-customer';
import { ACTIVE_ITEMS_PROVIDER } from './infrastructure/active-items';
import { ContactRepository } from './infrastructure/contact.repository';
import { CustomerRepository } from './infrastructure/customer.repository';
import { ProjectsRepository } from './infrastructure/projects.repository';
import { PII_CIPHER, PII_INDEX, PII_KEY_RING, PiiCodec } from './infrastructure/pii-codec';
import { BlindIndex, FieldCipher, KeyRingReplicas, PiiKeyRing, loadPiiKeyRing } from './infrastructure/pii';
import { webhookSecretsFromEnv } from './infrastructure/webhooks';
import { MIGRATIONS } from './infrastructure/migrations';
import { SealPlainAttachments } from './application/seal-plain-attachments';
import { AnnounceKeyRing } from './application/announce-key-ring';

/** Channels whose gateways deliver by webhook; the phone line, walk-ins and letters are recorded by agents. */
const GATEWAY_CHANNELS = CHANNELS.filter((c) => !['phone', 'walk_in', 'letter'].includes(c));

/** 受理 — where every customer contact enters, and the only holder of customers' personal data. */
@Module({
  imports: [PlatformModule.forService({ service: 'intake', migrations: MIGRATIONS })],
  controllers: [
    ContactsController,
    InboundController,
    CustomersController,
    AccessLogController,
    ProjectsController,
    TicketEventsController,
    CatalogueEventsController,
    CallbackEventsController,
  ],
  providers: [
    { provide: PII_KEY_RING, inject: [SERVICE_CONFIG], useFactory: (config: ServiceConfig) => loadPiiKeyRing(config.pii) },
    { provide: PII_CIPHER, inject: [PII_KEY_RING], useFactory: (keyRing: PiiKeyRing) => new FieldCipher(keyRing) },
    { provide: PII_INDEX, inject: [PII_KEY_RING], useFactory: (keyRing: PiiKeyRing) => new BlindIndex(keyRing) },
    {
      provide: WEBHOOK_SECRETS,
      inject: [SERVICE_CONFIG],
      useFactory: (config: ServiceConfig) => webhookSecretsFromEnv(config.webhooks.secrets, GATEWAY_CHANNELS),
    },
    PiiCodec,
    CustomerRepository,
    ContactRepository,
    ProjectsRepository,
    ResolveCustomer,
    ACTIVE_ITEMS_PROVIDER,
    RecordContact,
    RecordCallbackNeeds,
    ReceiveWebhook,
    WebhookSignatureGuard,
    ReadCustomers,
    MaintainCustomers,
    QueryAccessLog,
    ReferenceData,
    ReadContacts,
    LookUpCaller,
    AnnounceBirthdays,
    SealPlainAttachments,
    KeyRingReplicas,
    AnnounceKeyRing,
  ],
})
export class AppModule {}
