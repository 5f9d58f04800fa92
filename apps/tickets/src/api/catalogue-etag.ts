import { DomainError } from '@cs/ddd';

/** Weak: the active-only and the full view of one version are different bytes but the same version. */
export function catalogueEtag(version: number): string {
  return `W/"${version}"`;
}

/** The version an If-Match names; none for an absent header or `*` (any current catalogue). */
export function versionFromIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^(?:W\/)?"(\d{1,9})"$/.exec(header.trim());
  if (!match) {
    throw new DomainError('CATALOGUE.BAD_IF_MATCH', 'invalid', 'If-Match must be the ETag of a catalogue read, e.g. W/"3"', 'If-Match');
  }
  return Number(match[1]);
}
