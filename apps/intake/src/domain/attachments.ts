import { DomainError } from '@cs/ddd';
import { redactIdentifiersInFileName } from '@cs/privacy';

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

/**
 * An attachment's address as a masked view shows it: a store often keys a file by the name its
 * sender gave it (…/张三-13812345678.jpg), so the file name, the last segment of the path, is
 * masked as the attachment's name is. The host, the folders and the query stay as stored, so the
 * reader still sees where the file is kept; an address unchanged by masking is returned as is.
 */
export function maskedAttachmentUri(uri: string): string {
  const pathStart = uri.indexOf('/', uri.indexOf('://') + 3);
  if (pathStart === -1) return uri;
  const pathEnd = uri.slice(pathStart).search(/[?#]/);
  const path = pathEnd === -1 ? uri.slice(pathStart) : uri.slice(pathStart, pathStart + pathEnd);
  const nameStart = pathStart + path.lastIndexOf('/') + 1;
  const nameEnd = pathStart + path.length;
  const fileName = uri.slice(nameStart, nameEnd);
  const masked = maskedFileName(fileName);
  return masked === fileName ? uri : `${uri.slice(0, nameStart)}${masked}${uri.slice(nameEnd)}`;
}

/**
 * A path segment masked as it reads: percent-escaped digits (%31%33…) or names are masked decoded,
 * then escaped again. Only phones, e-mails and ID numbers: a photo named by the time it was taken
 * (IMG_20261205_143012.jpg) names no one, and its address masked would lead the reader to no file.
 */
function maskedFileName(segment: string): string {
  const decoded = decodedSegment(segment);
  const redacted = redactIdentifiersInFileName(decoded);
  if (redacted === decoded) return segment;
  return decoded === segment ? redacted : encodeURIComponent(redacted);
}

function decodedSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    // A stray % is not an escape: the segment is read as written.
    return segment;
  }
}
