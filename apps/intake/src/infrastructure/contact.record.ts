import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** 来电/来访记录 — one contact through one channel, as the agent recorded it. */
@Entity({ name: 'contacts' })
export class ContactRecord {
  @PrimaryColumn('uuid')
  id!: string;

  @Index()
  @Column('uuid', { name: 'customer_id' })
  customerId!: string;

  @Column('text')
  channel!: string;

  @Column('text')
  direction!: string;

  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt!: Date;

  @Column('text', { name: 'recorded_by' })
  recordedBy!: string;

  @Column('text', { name: 'project_code', nullable: true })
  projectCode!: string | null;

  @Column('text', { nullable: true })
  building!: string | null;

  @Column('text', { nullable: true })
  room!: string | null;

  @Column('text')
  content!: string;

  @Column('text', { name: 'item_code', nullable: true })
  itemCode!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
