import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { VersionedCatalogue, activeOnly } from '../domain/catalogue';
import { CatalogueRepository } from '../infrastructure/catalogue.repository';

/** The catalogue as agents pick from it, or, for whoever maintains it, with retired entries too. */
@Injectable()
export class GetCatalogue {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalogue: CatalogueRepository,
  ) {}

  async execute(options: { includeInactive: boolean }): Promise<VersionedCatalogue> {
    // One read-only transaction, so the version and the rows come from the same snapshot.
    const catalogue = await this.dataSource.transaction('REPEATABLE READ', (tx) => this.catalogue.load(tx, { lock: false }));
    return options.includeInactive ? catalogue : activeOnly(catalogue);
  }
}
