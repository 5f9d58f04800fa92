import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { KnowledgeGapOpenedV1 } from '@cs/contracts';
import { DomainError, cutToCharacters, presentProps } from '@cs/ddd';
import { OutboxWriter } from '@cs/messaging';
import { OUTBOX } from '@cs/platform';
import { redactPersonalData } from '@cs/privacy';
import type { UnifiedAnswer } from '../domain/answer';
import { KnowledgeGap, draftShare, gapProjects, matchingGap, soleProject } from '../domain/gap';
import { holdToKeepWords } from '../infrastructure/customer-fates';
import { GapRepository } from '../infrastructure/gap.repository';
import { ChineseAnalyzer, unique } from '../infrastructure/search/chinese-analyzer';
import { AnswerActor, ManageAnswers } from './manage-answers';
import { SearchHit, isGoodHit } from './search-answers';

export interface GapOccurrence {
  readonly source: KnowledgeGap['source'];
  readonly text: string;
  readonly itemCode?: string;
  /** Where it was asked; undefined: for every project. */
  readonly projects?: readonly string[];
  readonly ticketId?: string;
}

const SAMPLE_LENGTH = 500;
/** As long as an answer's title and each phrasing may be. */
const DRAFT_TEXT_LENGTH = 200;

/**
 * 知识缺口 — questions no published answer covers, grouped by catalogue item and similar wording,
 * for supervisors to turn into drafts. A new group emits knowledge.gap.opened once; later
 * questions in the same words only count.
 */
@Injectable()
export class RecordGaps {
  constructor(
    private readonly dataSource: DataSource,
    private readonly gaps: GapRepository,
    private readonly analyzer: ChineseAnalyzer,
    private readonly manage: ManageAnswers,
    @Inject(OUTBOX) private readonly outbox: OutboxWriter,
  ) {}

  /**
   * A search whose best hit is poor (or none) is a question the knowledge base cannot answer.
   * `where.projects` are those the search covered: the one it named, or all of the searcher's.
   */
  async afterSearch(text: string, hits: readonly SearchHit[], where: { itemCode?: string; projects?: readonly string[] }): Promise<void> {
    if (isGoodHit(hits[0])) return;
    if (this.analyzer.words(text).length === 0) return;
    await this.dataSource.transaction((tx) => this.record(tx, { source: 'search', text, ...where }));
  }

  async record(tx: EntityManager, occurrence: GapOccurrence, now = new Date()): Promise<KnowledgeGap> {
    const sample = cutToCharacters(redactPersonalData(occurrence.text), SAMPLE_LENGTH);
    const tokens = unique(this.analyzer.words(sample));
    const projects = gapProjects(occurrence.projects);
    const open = await this.gaps.openOfItem(tx, occurrence.itemCode, projects);
    const same = matchingGap(open, tokens, occurrence.itemCode, projects);
    if (same) return this.gaps.grow(tx, same.id, occurrence.ticketId, now);
    const gap: KnowledgeGap = {
      id: randomUUID(),
      source: occurrence.source,
      status: 'open',
      ...presentProps({ itemCode: occurrence.itemCode, projects }),
      tokens,
      sample,
      ...presentProps({ sampleTicketId: occurrence.ticketId }),
      occurrences: 1,
      ticketIds: occurrence.ticketId ? [occurrence.ticketId] : [],
      ticketCount: occurrence.ticketId ? 1 : 0,
      openedAt: now,
      lastSeenAt: now,
    };
    await this.gaps.save(tx, gap);
    await this.outbox.append(tx, KnowledgeGapOpenedV1, gap.id, {
      gapId: gap.id,
      source: gap.source,
      // The event's contract names one project: a gap of several goes out naming none.
      ...presentProps({ itemCode: gap.itemCode, projectCode: soleProject(gap), ticketId: occurrence.ticketId }),
      sample,
      at: now.toISOString(),
    });
    return gap;
  }

  /**
   * Turns an open gap into a draft answer in one step: its question is the draft's first phrasing.
   * A drafter serving only some of its projects drafts their share apart, as a gap of its own; the
   * gap stays open for the rest (ADR 0072).
   */
  async draft(gapId: string, actor: AnswerActor, given: { title?: string; body?: string }): Promise<{ gap: KnowledgeGap; answer: UnifiedAnswer }> {
    return this.dataSource.transaction(async (tx) => {
      // The sample read here becomes the draft's phrasing and, drafted apart, a new gap's: an
      // erasure of its customer under way commits first, or it would miss that gap (ADR 0089).
      // Before the gap's row, as an erasure takes the gate before it wipes the gaps.
      await holdToKeepWords(tx);
      const gap = await this.gaps.find(tx, gapId, actor.projects, true);
      const share = gap?.status === 'open' ? draftShare(gap, actor.projects) : null;
      if (!gap || !share) throw alreadyDrafted(gap ?? (await this.gaps.shareDraftedFrom(tx, gapId, actor.projects)), gapId);
      const id = randomUUID();
      const answer = await this.manage.executeIn(
        tx,
        id,
        {
          action: 'create',
          id,
          content: {
            // Cut between characters: half an emoji is refused by the jsonb the draft is stored in.
            title: given.title ?? cutToCharacters(gap.sample, DRAFT_TEXT_LENGTH),
            questions: [cutToCharacters(gap.sample, DRAFT_TEXT_LENGTH)],
            body: given.body ?? '（待起草：请根据责任部门意见和公司政策填写统一答复）',
            tags: [],
            projects: share.projects ? [...share.projects] : null,
            ...presentProps({ itemCode: gap.itemCode, sectionCode: gap.itemCode?.split('.')[0] }),
          },
        },
        actor,
        undefined,
        new Date(),
      );
      if (share.whole) {
        const drafted: KnowledgeGap = { ...gap, status: 'drafted', draftAnswerId: answer.id };
        await this.gaps.save(tx, drafted);
        return { gap: drafted, answer };
      }
      const apart: KnowledgeGap = { ...withoutDraftedApart(gap), id: randomUUID(), status: 'drafted', projects: share.projects, draftedFrom: gap.id, draftAnswerId: answer.id };
      await this.gaps.save(tx, apart);
      await this.gaps.save(tx, { ...gap, draftedApart: gapProjects([...(gap.draftedApart ?? []), ...share.projects]) });
      return { gap: apart, answer };
    });
  }
}

/** 409 naming the draft the user's share already has; 404 when they have none to see. */
function alreadyDrafted(drafted: KnowledgeGap | undefined, gapId: string): DomainError {
  if (!drafted?.draftAnswerId) return new DomainError('GAP.NOT_FOUND', 'not_found', `gap ${gapId} not found`);
  return new DomainError('GAP.ALREADY_DRAFTED', 'conflict', `the gap already has a draft: ${drafted.draftAnswerId}`, undefined, { draftAnswerId: drafted.draftAnswerId });
}

function withoutDraftedApart(gap: KnowledgeGap): KnowledgeGap {
  const { draftedApart: _, ...rest } = gap;
  return rest;
}
