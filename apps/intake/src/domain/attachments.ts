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
 * sender gave it (…/张三-13812345678.jpg), files by who sent them (…/13812345678/leak.jpg), and an
 * uploader tags the address with who it was for (?owner=zhang.san%40example.com). Each folder, the
 * file name, each name and value of the query and the fragment are masked one by one, so a mask
 * never reaches across a `/`, `&` or `=` and the address stays well-formed; the scheme and the
 * host stay as stored, so the reader still sees where the file is kept. An address unchanged by
 * masking is returned as is.
 */
export function maskedAttachmentUri(uri: string): string {
  const scheme = uri.indexOf('://');
  const authorityStart = scheme === -1 ? 0 : scheme + 3;
  const authorityLength = uri.slice(authorityStart).search(/[/?#]/);
  if (authorityLength === -1) return uri;
  const pathStart = authorityStart + authorityLength;
  const fragmentAt = uri.indexOf('#', pathStart);
  const beforeFragment = fragmentAt === -1 ? uri.slice(pathStart) : uri.slice(pathStart, fragmentAt);
  const queryAt = beforeFragment.indexOf('?');
  const path = queryAt === -1 ? beforeFragment : beforeFragment.slice(0, queryAt);
  const masked = [
    uri.slice(0, pathStart),
    path.split('/').map(maskedComponent).join('/'),
    queryAt === -1 ? '' : `?${maskedQuery(beforeFragment.slice(queryAt + 1))}`,
    fragmentAt === -1 ? '' : `#${maskedComponent(uri.slice(fragmentAt + 1))}`,
  ].join('');
  return masked === uri ? uri : masked;
}

function maskedQuery(query: string): string {
  return query
    .split('&')
    .map((pair) => pair.split('=').map(maskedComponent).join('='))
    .join('&');
}

/**
 * A digest or a signature (an object keyed by its content's hash, a signed address's
 * X-Amz-Signature): hex, 32 characters and more, where a run of digits reads as a phone by chance.
 */
const HEX_TOKEN = /^[0-9a-f]{32,}(?:\.[a-z0-9]+)?$/i;

/**
 * A part of the address masked as it reads: percent-escaped digits (%31%33…) or names are masked
 * decoded, then escaped again. Only phones, e-mails and ID numbers: a photo named or filed by the
 * time it was taken (2026/12/05/IMG_20261205_143012.jpg) names no one, and its address masked
 * would lead the reader to no file.
 */
function maskedComponent(component: string): string {
  if (HEX_TOKEN.test(component)) return component;
  const decoded = decodedComponent(component);
  const redacted = redactIdentifiersInFileName(decoded);
  if (redacted === decoded) return component;
  return decoded === component ? redacted : encodeURIComponent(redacted);
}

function decodedComponent(component: string): string {
  try {
    return decodeURIComponent(component);
  } catch {
    // A stray % is not an escape: the part is read as written.
    return component;
  }
}
