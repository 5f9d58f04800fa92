import { Module } from '@nestjs/common';
import { PlatformModule } from '@cs/platform';
import { ContactsController } from './api/contacts.controller';
import { RecordContact } from './application/record-contact';
import { ContactRecord } from './infrastructure/contact.record';
import { CustomerRecord } from './infrastructure/customer.record';

/** 受理 — where every customer contact enters, and the only holder of customers' personal data. */
@Module({
  imports: [PlatformModule.forService({ service: 'intake', entities: [ContactRecord, CustomerRecord] })],
  controllers: [ContactsController],
  providers: [RecordContact],
})
export class AppModule {}
