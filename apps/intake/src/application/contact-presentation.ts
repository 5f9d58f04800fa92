import type { EntityManager } from 'typeorm';
import type { Channel } from '@cs/contracts';
import { redactPersonalData } from '@cs/privacy';
import { maskedAttachmentUri } from '../domain/attachments';
import type { ContactRecord } from '../infrastructure/contact.repository';
import { AccessContext, logUnmaskedRead, showsUnmasked } from './pii-access';

/** What a caller sees of a contact: what the customer said, with personal data in it masked unless they may and say why. */
export interface ContactView {
  readonly id: string;
  readonly customerId: string;
  readonly channel: Channel;
  readonly direction: 'inbound' | 'outbound';
  readonly occurredAt: string;
  readonly recordedBy: string;
  readonly unit: { readonly projectCode?: string; readonly building?: string; readonly room?: string };
  /** Absent once the customer was erased. */
  readonly content?: string;
  /** Whether phones, e-mails and ID numbers in the content are masked. */
  readonly masked: boolean;
  readonly erased: boolean;
  readonly route: 'new_matter' | 'follow_up';
  readonly ticketId?: string;
  readonly itemCode?: string;
  readonly attachments: readonly { name: string; type: string; size: number; uri: string }[];
}

const CONTENT_FIELDS = ['contact.content'];

/**
 * The contacts as the caller may see them. An unmasked view of what a customer said is personal
 * data read like any other: one access-log row per customer, in the caller's transaction.
 */
export async function presentContacts(tx: EntityManager, contacts: readonly ContactRecord[], access: AccessContext): Promise<ContactView[]> {
  const unmasked = showsUnmasked(access);
  const views = contacts.map((c) => viewContact(c, unmasked));
  const shown = [...new Set(contacts.filter((c) => unmasked && c.content !== undefined).map((c) => c.customerId))];
  if (shown.length > 0) await logUnmaskedRead(tx, access, shown, CONTENT_FIELDS);
  return views;
}

export function viewContact(c: ContactRecord, unmasked: boolean): ContactView {
  return {
    id: c.id,
    customerId: c.customerId,
    channel: c.channel,
    direction: c.direction,
    occurredAt: c.occurredAt.toISOString(),
    recordedBy: c.recordedBy,
    unit: c.unit,
    ...(c.content !== undefined ? { content: unmasked ? c.content : redactPersonalData(c.content) } : {}),
    masked: !unmasked,
    erased: c.customerErased,
    route: c.route,
    ...(c.ticketId ? { ticketId: c.ticketId } : {}),
    ...(c.itemCode ? { itemCode: c.itemCode } : {}),
    // A file's name is what its sender typed ("张三-身份证.jpg"), and its address often holds that name: masked with the content.
    attachments: c.attachments.map((a) =>
      unmasked
        ? { name: a.name, type: a.type, size: a.sizeBytes, uri: a.uri }
        : { name: redactPersonalData(a.name), type: a.type, size: a.sizeBytes, uri: maskedAttachmentUri(a.uri) },
    ),
  };
}
