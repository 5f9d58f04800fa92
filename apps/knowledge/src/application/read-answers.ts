import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '@cs/ddd';
import { type UnifiedAnswer, answerVisibleTo } from '../domain/answer';
import { VersionDiff, diffVersions } from '../domain/version-diff';
import { AnswerPageQuery, AnswerRepository, AnswerVersion, VersionPageQuery } from '../infrastructure/answer.repository';
import { PublishedAnswerCache } from '../infrastructure/published-answer-cache';

const notFound = (id: string) => new DomainError('ANSWER.NOT_FOUND', 'not_found', `answer ${id} not found`);

/** Answers as a user limited to some projects may see them: another project's answer is 404, like one that does not exist. */
@Injectable()
export class ReadAnswers {
  constructor(
    private readonly dataSource: DataSource,
    private readonly answers: AnswerRepository,
    private readonly cache: PublishedAnswerCache,
  ) {}

  async get(id: string, projects: readonly string[] | undefined): Promise<UnifiedAnswer> {
    const answer = await this.answers.findReadable(this.dataSource.manager, id, projects);
    if (!answer) throw notFound(id);
    return answer;
  }

  page(query: AnswerPageQuery): Promise<UnifiedAnswer[]> {
    return this.answers.page(this.dataSource.manager, query);
  }

  /** Each version is read by its own projects: one for another team only is not listed. */
  async versions(id: string, query: VersionPageQuery): Promise<AnswerVersion[]> {
    await this.get(id, query.projects);
    return this.answers.versionPage(this.dataSource.manager, id, query);
  }

  async version(id: string, version: number, projects: readonly string[] | undefined): Promise<AnswerVersion> {
    await this.get(id, projects);
    const found = await this.answers.version(this.dataSource.manager, id, version);
    if (!found || !answerVisibleTo(found.content.projects, projects)) {
      throw new DomainError('ANSWER.VERSION_NOT_FOUND', 'not_found', `answer ${id} has no version ${version}`, 'version');
    }
    return found;
  }

  /** What changed from `from` to `to`. */
  async diff(id: string, from: number, to: number, projects: readonly string[] | undefined): Promise<{ from: AnswerVersion; to: AnswerVersion; diff: VersionDiff }> {
    const [a, b] = [await this.version(id, from, projects), await this.version(id, to, projects)];
    return { from: a, to: b, diff: diffVersions(a.content, b.content) };
  }

  /** The versions in force named, from Redis where it has them, the rest from Postgres (and cached). */
  async published(keys: readonly { answerId: string; version: number }[]): Promise<Map<string, AnswerVersion>> {
    const cached = await this.cache.get(keys.map((k) => k.answerId));
    // An entry of an older version is stale (its invalidation was lost while Redis was away).
    const found = new Map([...cached].filter(([id, v]) => keys.some((k) => k.answerId === id && k.version === v.version)));
    const missing = keys.filter((k) => !found.has(k.answerId));
    const loaded = await this.answers.versionsOf(this.dataSource.manager, missing);
    loaded.forEach((v) => found.set(v.answerId, v));
    await this.cache.put(loaded);
    return found;
  }
}
