/** 知识缺口 — what customers asked that no published answer covers, grouped by item and wording. */
export interface KnowledgeGap {
  readonly id: string;
  readonly source: 'consultation' | 'search';
  readonly status: 'open' | 'drafted';
  readonly itemCode?: string;
  /**
   * The projects it was asked in, sorted: the ticket's, the one a search named, or the searcher's
   * own when they serve only some. Absent: asked for every project (ADR 0066).
   */
  readonly projects?: readonly string[];
  /**
   * Projects whose share of the gap a supervisor serving only some drafted apart, as a gap of its
   * own (ADR 0072): the gap is still open for its other projects.
   */
  readonly draftedApart?: readonly string[];
  /** Of a share drafted apart: the gap it was drafted from. */
  readonly draftedFrom?: string;
  /** The words of the first question, which later ones are compared with. */
  readonly tokens: readonly string[];
  readonly sample: string;
  /** The ticket whose demand the sample is: a PIPL erasure of its customer wipes the sample. */
  readonly sampleTicketId?: string;
  readonly occurrences: number;
  /** The latest MAX_GAP_TICKET_IDS tickets that asked it, oldest first. */
  readonly ticketIds: readonly string[];
  /** How many tickets asked it, those no longer listed included. */
  readonly ticketCount: number;
  readonly draftAnswerId?: string;
  readonly openedAt: Date;
  readonly lastSeenAt: Date;
}

/**
 * The sample of a consultation's gap whose question is not known (never seen, or erased with its
 * customer) when it has no item to stand for it.
 */
export const WORDLESS_CONSULTATION = 'consultation';

/**
 * Tickets a gap lists at the most: a question asked by thousands of tickets would otherwise grow
 * its row, and every read of it, without end. The count goes on.
 */
export const MAX_GAP_TICKET_IDS = 100;

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

/** Projects as a gap keeps them: sorted, each once; undefined (every project) stays so. */
export function gapProjects(projects: readonly string[] | undefined): readonly string[] | undefined {
  return projects === undefined ? undefined : [...new Set(projects)].sort();
}

/** The one project a gap was asked in, when it was asked in exactly one. */
export function soleProject(gap: Pick<KnowledgeGap, 'projects'>): string | undefined {
  return gap.projects?.length === 1 ? gap.projects[0] : undefined;
}

/** Whether two sets of projects as `gapProjects` gives them are the same. */
export function sameProjects(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  return a === undefined || b === undefined ? a === b : a.length === b.length && a.every((p, i) => p === b[i]);
}

/** The open gap of the same item and projects asked in the most similar words, if similar enough. */
export function matchingGap(gaps: readonly KnowledgeGap[], tokens: readonly string[], itemCode: string | undefined, projects: readonly string[] | undefined): KnowledgeGap | undefined {
  let best: { gap: KnowledgeGap; score: number } | undefined;
  for (const gap of gaps) {
    if (gap.status !== 'open' || gap.itemCode !== itemCode || !sameProjects(gap.projects, projects)) continue;
    const score = similarity(gap.tokens, tokens);
    if (score >= SAME_WORDING && (!best || score > best.score)) best = { gap, score };
  }
  return best?.gap;
}

/** Whom a draft from a gap is for, and whether it drafts the whole gap or only the drafter's share. */
export type GapDraftShare =
  /** The draft answer's projects (null: every project); the gap is drafted. */
  | { readonly whole: true; readonly projects: readonly string[] | null }
  /** The drafter's share, drafted apart; never a project the drafter does not serve. */
  | { readonly whole: false; readonly projects: readonly string[] };

/**
 * A drafter serving every project drafts what is left of the gap. One serving only some drafts
 * the projects they serve that are still open; the gap stays open for the others, so a shared
 * question is not closed for a team that has no answer yet. Null when nothing is left for them.
 */
export function draftShare(gap: Pick<KnowledgeGap, 'projects' | 'draftedApart'>, served: readonly string[] | undefined): GapDraftShare | null {
  const apart = new Set(gap.draftedApart ?? []);
  const open = gap.projects?.filter((p) => !apart.has(p));
  if (open?.length === 0) return null;
  if (served === undefined) return { whole: true, projects: open ?? null };
  const candidates = open ?? [...new Set(served)].filter((p) => !apart.has(p));
  const share = candidates.filter((p) => served.includes(p)).sort();
  if (share.length === 0) return null;
  return open !== undefined && share.length === open.length ? { whole: true, projects: share } : { whole: false, projects: share };
}
