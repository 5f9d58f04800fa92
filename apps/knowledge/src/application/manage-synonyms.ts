import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DomainError } from '@cs/ddd';
import { ChineseAnalyzer, unique } from '../infrastructure/search/chinese-analyzer';
import { SynonymGroup, SynonymRepository } from '../infrastructure/synonym.repository';

const notFound = (id: string) => new DomainError('SYNONYM.NOT_FOUND', 'not_found', `synonym group ${id} not found`);

/**
 * 同义词 — an admin keeps groups of words that mean the same to customers. They apply to queries
 * at once (no reindexing: a query is widened to the whole group) and join the segmenter's
 * dictionary, so a synonym is never split into characters.
 */
@Injectable()
export class ManageSynonyms {
  constructor(
    private readonly dataSource: DataSource,
    private readonly synonyms: SynonymRepository,
    private readonly analyzer: ChineseAnalyzer,
  ) {}

  async list(): Promise<SynonymGroup[]> {
    const groups = await this.synonyms.all(this.dataSource.manager);
    this.analyzer.addTerms(groups.flatMap((g) => g.terms));
    return groups;
  }

  async save(id: string | undefined, terms: readonly string[], by: string): Promise<SynonymGroup> {
    // As a query's words are read: normalised, and only letters and digits kept ("Wi-Fi" is "wifi"),
    // so a group is keyed on what a query can hold.
    const read = terms.map((t) => this.analyzer.normalise(t).replace(/[^\p{L}\p{N}]/gu, ''));
    const empty = read.findIndex((t) => t.length === 0);
    if (empty >= 0) throw new DomainError('SYNONYM.EMPTY_TERM', 'invalid', 'a term holds at least one letter or digit', `terms[${empty}]`);
    const normalised = unique(read);
    if (normalised.length < 2) throw new DomainError('SYNONYM.TOO_FEW', 'invalid', 'a group holds at least two different terms', 'terms');
    const group: SynonymGroup = { id: id ?? randomUUID(), terms: normalised, updatedBy: by, updatedAt: new Date() };
    await this.dataSource.transaction(async (tx) => {
      await this.synonyms.lockForWriting(tx);
      const groups = await this.synonyms.all(tx);
      // Groups are made by POST under ids of the service's own; a replacement names one of them.
      if (id !== undefined && !groups.some((g) => g.id === id)) throw notFound(id);
      const others = groups.filter((g) => g.id !== group.id);
      const taken = normalised.find((t) => others.some((g) => g.terms.includes(t)));
      if (taken) throw new DomainError('SYNONYM.TERM_IN_OTHER_GROUP', 'conflict', `${taken} is already in another group; edit that group instead`, 'terms');
      await this.synonyms.save(tx, group);
    });
    this.analyzer.addTerms(normalised);
    return group;
  }

  async remove(id: string): Promise<void> {
    const removed = await this.dataSource.transaction((tx) => this.synonyms.remove(tx, id));
    if (!removed) throw notFound(id);
  }
}
