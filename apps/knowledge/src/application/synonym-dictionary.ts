import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ChineseAnalyzer } from '../infrastructure/search/chinese-analyzer';
import { SynonymRepository } from '../infrastructure/synonym.repository';
import { SynonymMap, synonymMap } from './search-terms';

/** The synonym groups of one version, as queries are expanded with them. */
export interface LoadedDictionary {
  readonly version: bigint;
  readonly synonyms: SynonymMap;
}

/**
 * The synonym groups this process expands queries with, read once per version instead of on
 * every search (ADR 0051). The search statement reports the version it saw; groups of another
 * version are read again, once however many searches noticed it at the same moment. Another
 * version is nearly always a newer one; an older one means the version was reset (a restore),
 * and the groups read then are the ones in force all the same.
 */
@Injectable()
export class SynonymDictionary {
  private loaded?: LoadedDictionary;
  private loading?: Promise<LoadedDictionary>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly synonyms: SynonymRepository,
    private readonly analyzer: ChineseAnalyzer,
  ) {}

  /** The groups held, read first if none are. */
  current(): Promise<LoadedDictionary> {
    return this.loaded ? Promise.resolve(this.loaded) : this.load();
  }

  /** The groups as of `version`, which a search statement saw, or of a later one. */
  async of(version: bigint): Promise<LoadedDictionary> {
    if (this.loaded?.version === version) return this.loaded;
    const read = await this.load();
    // A read in flight since before the change may have returned the version before it.
    return read.version < version ? this.load() : read;
  }

  /** One read at a time, so the one completed last holds the latest groups. */
  private load(): Promise<LoadedDictionary> {
    this.loading ??= this.synonyms
      .dictionary(this.dataSource.manager)
      .then(({ version, groups }) => {
        // Synonyms are whole words to the segmenter, whichever replica an admin added them on.
        this.analyzer.addTerms(groups.flat());
        this.loaded = { version, synonyms: synonymMap(this.analyzer, groups) };
        return this.loaded;
      })
      .finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }
}
