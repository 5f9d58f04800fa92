/** 知识缺口 — what customers asked that no published answer covers, grouped by item and wording. */
export interface KnowledgeGap {
  readonly id: string;
  readonly source: 'consultation' | 'search';
  readonly status: 'open' | 'drafted';
  readonly itemCode?: string;
  readonly projectCode?: string;
  /** The words of the first question, which later ones are compared with. */
  readonly tokens: readonly string[];
  readonly sample: string;
  readonly occurrences: number;
  readonly ticketIds: readonly string[];
  readonly draftAnswerId?: string;
  readonly openedAt: Date;
  readonly lastSeenAt: Date;
}

/** Share of words two questions have in common (Jaccard); at least this much, they ask the same thing. */
export const SAME_WORDING = 0.4;

export function similarity(a: readonly string[], b: readonly string[]): number {
  const left = new Set(a);
  const right = new Set(b);
  if (left.size === 0 && right.size === 0) return 1;
  let common = 0;
  left.forEach((t) => (common += right.has(t) ? 1 : 0));
  return common / (left.size + right.size - common);
}

/** The open gap of the same item (and project) asked in the most similar words, if similar enough. */
export function matchingGap(gaps: readonly KnowledgeGap[], tokens: readonly string[], itemCode: string | undefined, projectCode: string | undefined): KnowledgeGap | undefined {
  let best: { gap: KnowledgeGap; score: number } | undefined;
  for (const gap of gaps) {
    if (gap.status !== 'open' || gap.itemCode !== itemCode || gap.projectCode !== projectCode) continue;
    const score = similarity(gap.tokens, tokens);
    if (score >= SAME_WORDING && (!best || score > best.score)) best = { gap, score };
  }
  return best?.gap;
}
