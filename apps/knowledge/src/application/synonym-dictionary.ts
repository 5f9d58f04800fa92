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
 * every search (ADR 0051). The search statement reports the version it saw; a newer one than
 * the groups held is read again, once however many searches noticed it at the same moment.
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

  /** The groups of `version` or a later one. */
  async atLeast(version: bigint): Promise<LoadedDictionary> {
    if (this.loaded && this.loaded.version >= version) return this.loaded;
    const read = await this.load();
    // A read started before the change may still have been in flight: read once more after it.
    return read.version >= version ? read : this.load();
  }

  private load(): Promise<LoadedDictionary> {
    this.loading ??= this.synonyms
      .dictionary(this.dataSource.manager)
      .then(({ version, groups }) => {
        // Synonyms are whole words to the segmenter, whichever replica an admin added them on.
        this.analyzer.addTerms(groups.flat());
        const read = { version, synonyms: synonymMap(this.analyzer, groups) };
        if (!this.loaded || this.loaded.version < read.version) this.loaded = read;
        return read;
      })
      .finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }
}
