/** One entry of an Accept header: a media range (`type/subtype`, `type/*` or `*\/*`) and its weight. */
interface MediaRange {
  readonly type: string;
  readonly subtype: string;
  readonly q: number;
  readonly index: number;
}

function mediaRanges(accept: string): MediaRange[] {
  return accept.split(',').flatMap((part, index) => {
    const [range = '', ...params] = part.split(';');
    const [type = '', subtype = '', ...rest] = range.trim().toLowerCase().split('/');
    if (type === '' || subtype === '' || rest.length > 0) return [];
    // The weight's name is case-insensitive (RFC 9110 §12.4.2): `Q=0` refuses as `q=0` does.
    const weight = params.map((param) => param.split('=')).find(([name]) => name?.trim().toLowerCase() === 'q');
    const q = weight === undefined ? 1 : Number(weight.slice(1).join('=').trim());
    return [{ type: type.trim(), subtype: subtype.trim(), q: Number.isNaN(q) ? 0 : q, index }];
  });
}

/** How closely `range` names `mediaType`: 2 exactly, 1 by `type/*`, 0 by `*\/*`, -1 not at all. */
function specificity(range: MediaRange, type: string, subtype: string): number {
  if (range.type === '*' && range.subtype === '*') return 0;
  if (range.type !== type) return -1;
  if (range.subtype === '*') return 1;
  return range.subtype === subtype ? 2 : -1;
}

/**
 * Which of `offered` (in the caller's order of preference) an Accept header prefers, as RFC 9110
 * §12.5.1 weighs it: each type takes the weight of the most specific range matching it (so
 * `text/html;q=0, *\/*` refuses HTML and accepts the rest, and `application/json;q=0.5, *\/*`
 * prefers anything else to JSON); the highest weight wins, among equals one named exactly before
 * one a wildcard covers, then the one named first, then the first offered (`*\/*` alone is the
 * caller's first). Undefined when there is no header or it accepts none of them: the caller's
 * own default applies.
 */
export function preferredMediaType<T extends string>(accept: string | undefined, offered: readonly T[]): T | undefined {
  const ranges = mediaRanges(accept ?? '');
  const weighed = offered.flatMap((mediaType, order) => {
    const [type = '', subtype = ''] = mediaType.toLowerCase().split('/');
    let best: { q: number; specificity: number; index: number } | undefined;
    for (const range of ranges) {
      const closeness = specificity(range, type, subtype);
      if (closeness < 0) continue;
      // Named twice as closely, the higher weight counts, as before.
      if (best === undefined || closeness > best.specificity || (closeness === best.specificity && range.q > best.q)) {
        best = { q: range.q, specificity: closeness, index: range.index };
      }
    }
    return best !== undefined && best.q > 0 ? [{ mediaType, order, ...best }] : [];
  });
  weighed.sort((a, b) => b.q - a.q || b.specificity - a.specificity || a.index - b.index || a.order - b.order);
  return weighed[0]?.mediaType;
}
