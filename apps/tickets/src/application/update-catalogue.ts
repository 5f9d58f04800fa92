import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CATALOGUE_SUBJECT, CatalogueChangedV1, EventData } from '@cs/contracts';
import { OutboxWriter } from '@cs/messaging';
import { OUTBOX } from '@cs/platform';
import {
  CatalogueDocument,
  VersionedCatalogue,
  assertCurrentVersion,
  hasChanges,
  isItemUsable,
  placeOf,
  reviseCatalogue,
} from '../domain/catalogue';
import { CatalogueRepository } from '../infrastructure/catalogue.repository';

export interface UpdateCatalogueCommand {
  readonly catalogue: CatalogueDocument;
  /** The version the editor started from (If-Match); absent means "whatever is current". */
  readonly expectedVersion?: number;
  readonly by: string;
  readonly at?: Date;
}

/**
 * Replaces the catalogue with an edited one. The change and its `catalogue.changed` event
 * commit together; an edit that changes nothing is answered with the current catalogue and
 * neither bumps the version nor announces anything, so a retried PUT is harmless.
 */
@Injectable()
export class UpdateCatalogue {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalogue: CatalogueRepository,
    @Inject(OUTBOX) private readonly outbox: OutboxWriter,
  ) {}

  async execute(command: UpdateCatalogueCommand): Promise<VersionedCatalogue> {
    const at = command.at ?? new Date();
    return this.dataSource.transaction(async (tx) => {
      const current = await this.catalogue.load(tx, { lock: true });
      assertCurrentVersion(current.version, command.expectedVersion);
      const revision = reviseCatalogue(current, command.catalogue);
      if (!hasChanges(revision.diff)) return current;
      const version = await this.catalogue.save(tx, revision.catalogue, current.version, command.by, at);
      const next: VersionedCatalogue = { version, sections: revision.catalogue.sections };
      await this.outbox.append(tx, CatalogueChangedV1, CATALOGUE_SUBJECT, changedEvent(next, command.by, at));
      return next;
    });
  }
}

function changedEvent(catalogue: VersionedCatalogue, by: string, at: Date): EventData<typeof CatalogueChangedV1> {
  return {
    version: catalogue.version,
    items: catalogue.sections.flatMap((section) =>
      section.items.map((item) => ({
        code: item.code,
        sectionCode: section.code,
        active: isItemUsable(section, item),
        label: { 'zh-CN': item.label['zh-CN'], en: item.label.en },
        place: placeOf(item),
      })),
    ),
    changedAt: at.toISOString(),
    changedBy: by,
  };
}
