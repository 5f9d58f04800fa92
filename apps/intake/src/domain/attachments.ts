import { DomainError } from '@cs/ddd';
import { redactIdentifiersInUrl } from '@cs/privacy';

/** A file the customer sent (photo of a leak, a scanned letter), stored elsewhere and referenced here. */
export interface AttachmentRef {
  readonly name: string;
  readonly type: string;
  readonly sizeBytes: number;
  readonly uri: string;
}

export const MAX_ATTACHMENTS = 10;
export const MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024;
const MIME = /^[a-z]+\/[a-z0-9.+-]+$/i;

export function validateAttachments(attachments: readonly AttachmentRef[]): void {
  if (attachments.length > MAX_ATTACHMENTS) {
    throw new DomainError('CONTACT.TOO_MANY_ATTACHMENTS', 'invalid', `at most ${MAX_ATTACHMENTS} attachments`, 'attachments');
  }
  attachments.forEach((a, i) => {
    const field = (name: string) => `attachments[${i}].${name}`;
    if (!MIME.test(a.type)) throw new DomainError('CONTACT.ATTACHMENT_TYPE', 'invalid', 'not a MIME type', field('type'));
    if (a.sizeBytes > MAX_ATTACHMENT_BYTES) {
      throw new DomainError('CONTACT.ATTACHMENT_TOO_LARGE', 'invalid', `larger than ${MAX_ATTACHMENT_BYTES} bytes`, field('sizeBytes'));
    }
    if (!/^(https|s3|oss):\/\//.test(a.uri)) {
      throw new DomainError('CONTACT.ATTACHMENT_URI', 'invalid', 'uri must be https://, s3:// or oss://', field('uri'));
    }
  });
}

/** An attachment's address as a masked view shows it (ADR 0006): see redactIdentifiersInUrl. */
export function maskedAttachmentUri(uri: string): string {
  return redactIdentifiersInUrl(uri);
}
