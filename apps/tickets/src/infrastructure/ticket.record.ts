import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';
import type { Channel } from '@cs/contracts';
import type { TicketStatus } from '../domain/ticket';

@Entity({ name: 'tickets' })
export class TicketRecord {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { unique: true })
  number!: string;

  @Column('uuid', { name: 'contact_id', unique: true })
  contactId!: string;

  @Column('uuid', { name: 'customer_id' })
  customerId!: string;

  @Column('text')
  channel!: Channel;

  @Column('text', { name: 'section_code', nullable: true })
  sectionCode!: string | null;

  @Column('text', { name: 'item_code', nullable: true })
  itemCode!: string | null;

  @Column('text', { name: 'project_code', nullable: true })
  projectCode!: string | null;

  @Column('text', { nullable: true })
  building!: string | null;

  @Column('text', { nullable: true })
  room!: string | null;

  @Column('text', { name: 'owner_id' })
  ownerId!: string;

  @Column('text')
  status!: TicketStatus;

  @Column('integer', { name: 'repeat_contact_count', default: 0 })
  repeatContactCount!: number;

  /** Masked (张*), or the pseudonym once the customer was erased. */
  @Column('text', { name: 'customer_name', default: '' })
  customerName!: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @VersionColumn()
  version!: number;
}
