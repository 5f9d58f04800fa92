import type { AnswerContent } from '../domain/answer';
import { ChineseAnalyzer, isLatin, unique } from '../infrastructure/search/chinese-analyzer';
import type { WeightedTerms } from '../infrastructure/search-index.repository';

/** What a query is matched by: exact terms (synonyms added) and Latin prefixes (pinyin being typed, English). */
export interface QueryTerms {
  readonly terms: readonly string[];
  readonly prefixes: readonly string[];
  /** The words to mark in a snippet, in the text's own characters after normalising. */
  readonly highlight: readonly string[];
  /** Each Chinese word of the query with its synonyms: how much of the question an answer covers. */
  readonly meanings: readonly (readonly string[])[];
}

/** The search document of an answer version. */
export function documentTerms(analyzer: ChineseAnalyzer, content: AnswerContent): WeightedTerms {
  const heading = analyzer.analyse([content.title, ...content.questions].join('\n'));
  const labels = analyzer.analyse([...content.tags, content.itemCode?.replace(/[._]/g, ' ') ?? ''].join('\n'));
  const body = analyzer.analyse(content.body);
  return { a: heading.words, b: labels.words, c: body.words, d: unique([...heading.pinyin, ...labels.pinyin]) };
}

/** Each normalised synonym to the whole of its group. */
export type SynonymMap = ReadonlyMap<string, readonly string[]>;

export function synonymMap(analyzer: ChineseAnalyzer, groups: readonly (readonly string[])[]): SynonymMap {
  const map = new Map<string, readonly string[]>();
  for (const group of groups) {
    const normalised = group.map((t) => analyzer.normalise(t));
    for (const term of normalised) map.set(term, normalised);
  }
  return map;
}

/**
 * A query's terms: its words, every synonym of them, and its Latin words as prefixes (a pinyin
 * spelling or its initials is Latin too). A query in pinyin of a synonym is found through the
 * answer's own pinyin, not expanded.
 */
export function queryTerms(analyzer: ChineseAnalyzer, query: string, synonyms: SynonymMap): QueryTerms {
  const words = analyzer.words(query);
  const expanded = unique(words.flatMap((w) => synonyms.get(w) ?? [w]));
  const prefixes = expanded.filter((t) => isLatin(t) && t.length >= 2);
  const terms = expanded.filter((t) => !prefixes.includes(t));
  const meanings = unique(words.filter((w) => !isLatin(w) && !/^\d+$/.test(w))).map((w) => synonyms.get(w) ?? [w]);
  return { terms, prefixes, highlight: expanded.filter((t) => t.length > 1 || !isLatin(t)), meanings };
}

/** Share of the query's Chinese words (any synonym counts) the text holds; 1 when the query has none (pinyin, English). */
export function coverage(analyzer: ChineseAnalyzer, text: string, meanings: readonly (readonly string[])[]): number {
  if (meanings.length === 0) return 1;
  const normalised = analyzer.normalise(text);
  return meanings.filter((m) => m.some((w) => normalised.includes(w))).length / meanings.length;
}

const SNIPPET = 80;

/** `at`, or the start of the character it falls inside (the high half of a surrogate pair). */
function betweenCharacters(text: string, at: number): number {
  const inside = at > 0 && at < text.length && /[\uDC00-\uDFFF]/.test(text[at]!) && /[\uD800-\uDBFF]/.test(text[at - 1]!);
  return inside ? at - 1 : at;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A short passage of the text around its first match, matches wrapped in `<mark>`. Positions are
 * found in the normalised text (simplified, half-width, lower case), which has the original's
 * length wherever OpenCC maps character to character, as it does for nearly all text.
 */
export function highlightedSnippet(analyzer: ChineseAnalyzer, text: string, highlight: readonly string[]): string {
  const plain = text.replace(/[#*_`>[\]]/g, '').replace(/\s+/g, ' ').trim();
  const normalised = analyzer.normalise(plain);
  const comparable = normalised.length === plain.length ? normalised : plain;
  const marks: [number, number][] = [];
  for (const term of [...highlight].sort((a, b) => b.length - a.length)) {
    let from = comparable.indexOf(term);
    while (from >= 0) {
      const end = from + term.length;
      if (!marks.some(([s, e]) => from < e && end > s)) marks.push([from, end]);
      from = comparable.indexOf(term, end);
    }
  }
  marks.sort((x, y) => x[0] - y[0]);
  // Cut between characters: a cut inside a surrogate pair shows half an emoji as a broken glyph.
  const start = betweenCharacters(plain, Math.max(0, (marks[0]?.[0] ?? 0) - 20));
  const end = betweenCharacters(plain, Math.min(plain.length, start + SNIPPET));
  let out = start > 0 ? '…' : '';
  let at = start;
  for (const [s, e] of marks) {
    if (s < at || e > end) continue;
    out += `${escapeHtml(plain.slice(at, s))}<mark>${escapeHtml(plain.slice(s, e))}</mark>`;
    at = e;
  }
  out += escapeHtml(plain.slice(at, end)) + (end < plain.length ? '…' : '');
  return out;
}
