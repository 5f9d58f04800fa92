import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { KnowledgeAnswerPublishedV1, KnowledgeAnswerRetiredV1 } from '@cs/contracts';
import { assertExpectedVersion, DomainError, presentProps } from '@cs/ddd';
import { OutboxWriter } from '@cs/messaging';
import { OUTBOX } from '@cs/platform';
import { redactPersonalData } from '@cs/privacy';
import { AnswerCommand, AnswerContent, AnswerEvent, UnifiedAnswer, decideAnswer, evolveAllAnswer } from '../domain/answer';
import { AnswerRepository } from '../infrastructure/answer.repository';
import { PublishedAnswerCache } from '../infrastructure/published-answer-cache';
import { ReviewRepository } from '../infrastructure/review.repository';
import { ChineseAnalyzer } from '../infrastructure/search/chinese-analyzer';
import { SearchIndexRepository } from '../infrastructure/search-index.repository';
import { SynonymRepository } from '../infrastructure/synonym.repository';
import { documentTerms } from './search-terms';

/** Who acts, and the projects they are limited to (undefined: every project). */
export interface AnswerActor {
  readonly sub: string;
  readonly projects: readonly string[] | undefined;
}

function projectOutOfScope(message: string): DomainError {
  return new DomainError('ANSWER.PROJECT_OUT_OF_SCOPE', 'forbidden', message, 'projects', undefined, { code: 'unknown_reference' });
}

/**
 * A limited user writes only for their own projects: an answer for every project, or naming one
 * of another team's, would reach customers that team answers for. Changing the projects of an
 * answer they share with other teams (`current`, the working copy's), they keep the other teams'
 * projects as they are: taking one off would take the answer from that team's customers, and an
 * answer for every project is changed only by a user who serves every project.
 */
function assertProjectsInScope(content: Partial<AnswerContent>, actor: AnswerActor, current?: readonly string[] | null): void {
  if (actor.projects === undefined || !('projects' in content) || content.projects === undefined) return;
  const limited = actor.projects;
  const next = content.projects;
  if (current !== undefined && sameProjects(current, next)) return;
  if (current === null) throw projectOutOfScope('the answer is for every project; only a user serving every project changes its projects');
  const others = (current ?? []).filter((p) => !limited.includes(p));
  if (next === null || next.some((p) => !limited.includes(p) && !others.includes(p))) throw projectOutOfScope(`name only your projects: ${limited.join(', ')}`);
  const dropped = others.filter((p) => !next.includes(p));
  if (dropped.length > 0) throw projectOutOfScope(`keep the projects you do not serve: ${dropped.join(', ')}`);
}

/**
 * Retiring an answer takes it from every project it is for, in force or in its working copy, and
 * approving one puts its working copy in force for every project it names, in place of the
 * version in force: either reaches the customers of every team the answer is for. A limited user
 * does either only for an answer whose projects they all serve. They may still edit a shared
 * one, and one for every project; approving or retiring it is for a user who serves the teams it
 * reaches.
 */
function assertServesEveryProjectReached(reaches: readonly (readonly string[] | null)[], actor: AnswerActor, doing: 'approving' | 'retiring'): void {
  if (actor.projects === undefined) return;
  const served = actor.projects;
  if (reaches.includes(null)) throw projectOutOfScope(`the answer is for every project; only a user serving every project does the ${doing === 'approving' ? 'approval' : 'retirement'}`);
  const others = [...new Set(reaches.flatMap((projects) => (projects ?? []).filter((p) => !served.includes(p))))];
  if (others.length > 0) throw projectOutOfScope(`the answer is also for ${others.join(', ')}, which you do not serve; ${doing} it would reach them`);
}

function sameProjects(a: readonly string[] | null, b: readonly string[] | null): boolean {
  if (a === null || b === null) return a === b;
  return a.length === b.length && a.every((p) => b.includes(p));
}

/**
 * Runs one command on a unified answer: load → decide → save, with the published version, the
 * search document and the outbox event in the same transaction.
 */
@Injectable()
export class ManageAnswers {
  constructor(
    private readonly dataSource: DataSource,
    private readonly answers: AnswerRepository,
    private readonly index: SearchIndexRepository,
    private readonly analyzer: ChineseAnalyzer,
    private readonly cache: PublishedAnswerCache,
    private readonly reviews: ReviewRepository,
    private readonly synonyms: SynonymRepository,
    @Inject(OUTBOX) private readonly outbox: OutboxWriter,
  ) {}

  async execute(id: string, command: AnswerCommand, actor: AnswerActor, expectedVersion?: number, now = new Date()): Promise<UnifiedAnswer> {
    const after = await this.dataSource.transaction((tx) => this.executeIn(tx, id, command, actor, expectedVersion, now));
    if (command.action === 'approve' || command.action === 'retire') await this.cache.invalidate(id);
    return after;
  }

  async executeIn(tx: EntityManager, id: string, given: AnswerCommand, actor: AnswerActor, expectedVersion: number | undefined, now: Date): Promise<UnifiedAnswer> {
    const command = redactCommand(given);
    if (command.action === 'create') assertProjectsInScope(command.content, actor);
    const before = command.action === 'create' ? undefined : await this.answers.find(tx, id, actor.projects, true);
    if (command.action !== 'create' && !before) throw new DomainError('ANSWER.NOT_FOUND', 'not_found', `answer ${id} not found`);
    if (command.action === 'edit' && before) assertProjectsInScope(command.changes, actor, before.content.projects);
    if ((command.action === 'retire' || command.action === 'approve') && before) {
      // The version in force and those held to start later are taken away or replaced, whatever the
      // working copy says now: all count. The latest approved may be a held one, for fewer projects
      // than the version still in force.
      const indexed = await this.index.projectsReached(tx, id);
      assertServesEveryProjectReached([before.content.projects, ...indexed], actor, command.action === 'approve' ? 'approving' : 'retiring');
    }
    if (before) assertExpectedVersion('ANSWER.VERSION_CONFLICT', 'answer', before.rowVersion, expectedVersion);
    const events = decideAnswer(before, command, { at: now, by: actor.sub });
    const after = evolveAllAnswer(before, events)!;
    await this.answers.save(tx, after);
    for (const event of events) await this.apply(tx, after, event);
    return after;
  }

  private async apply(tx: EntityManager, answer: UnifiedAnswer, event: AnswerEvent): Promise<void> {
    // A new version or a retirement is the review the answer was flagged for.
    if (event.type === 'published' || event.type === 'retired') await this.reviews.resolve(tx, answer.id, event.at);
    if (event.type === 'published') {
      const content = event.content;
      // Synonyms are whole words in documents as in queries, whichever replica an admin added them on.
      this.analyzer.addTerms((await this.synonyms.all(tx)).flatMap((g) => g.terms));
      await this.answers.insertVersion(tx, { answerId: answer.id, version: event.version, content, approvedBy: event.by, publishedAt: event.at });
      await this.index.publish(
        tx,
        {
          answerId: answer.id,
          version: event.version,
          terms: documentTerms(this.analyzer, content),
          projects: content.projects,
          ...presentProps({ itemCode: content.itemCode, effectiveFrom: content.effectiveFrom, effectiveTo: content.effectiveTo }),
        },
        event.at,
      );
      await this.outbox.append(tx, KnowledgeAnswerPublishedV1, answer.id, {
        answerId: answer.id,
        version: event.version,
        title: content.title,
        ...presentProps({ sectionCode: content.sectionCode, itemCode: content.itemCode, effectiveFrom: content.effectiveFrom, effectiveTo: content.effectiveTo }),
        projects: content.projects === null ? null : [...content.projects],
        approvedBy: event.by,
        at: event.at.toISOString(),
      });
    }
    if (event.type === 'retired') {
      await this.index.remove(tx, answer.id);
      await this.outbox.append(tx, KnowledgeAnswerRetiredV1, answer.id, { answerId: answer.id, version: event.version, by: event.by, at: event.at.toISOString() });
    }
  }
}

/** Personal data never enters an answer: it is read to many customers and published in events. */
function redactContent<T extends Partial<AnswerContent>>(content: T): T {
  return {
    ...content,
    ...(content.title !== undefined ? { title: redactPersonalData(content.title) } : {}),
    ...(content.body !== undefined ? { body: redactPersonalData(content.body) } : {}),
    ...(content.questions !== undefined ? { questions: content.questions.map((q) => redactPersonalData(q)) } : {}),
  };
}

function redactCommand(command: AnswerCommand): AnswerCommand {
  switch (command.action) {
    case 'create':
      return { ...command, content: redactContent(command.content) };
    case 'edit':
      return { ...command, changes: redactContent(command.changes) };
    case 'reject':
      return { ...command, comment: redactPersonalData(command.comment) };
    default:
      return command;
  }
}
