import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { TOPICS } from '../topics';
import { CatalogueItemCode, Timestamp } from './common';

/** Every catalogue event has this subject: the catalogue is one aggregate, so its events stay in order on one partition. */
export const CATALOGUE_SUBJECT = 'catalogue';

const Label = Type.String({ minLength: 1, maxLength: 80 });

/** Where the record of a matter of an item must say it happened (房号): a building and room, a building, or nothing. */
export const ITEM_PLACES = ['room', 'building', 'none'] as const;

/**
 * The catalogue (业务分类) was edited. Carries every item, not just the changed ones, so a
 * consumer that missed events rebuilds its copy from the latest one alone; `version` orders
 * them, so an older event arriving late is recognisably stale.
 */
export const CatalogueChangedV1 = defineEvent({
  type: 'catalogue.changed.v1',
  topic: TOPICS.tickets,
  aggregate: 'catalogue',
  summary: 'The catalogue of sections and items was edited (full item list, versioned)',
  schema: Type.Object(
    {
      version: Type.Integer({ minimum: 1, description: 'grows by one with each change; ignore events older than the copy you hold' }),
      items: Type.Array(
        Type.Object(
          {
            code: CatalogueItemCode,
            sectionCode: Type.String({ pattern: '^[a-z_]+$', maxLength: 40 }),
            active: Type.Boolean({ description: 'whether contacts may use it: the item and its section are both active' }),
            label: Type.Object({ 'zh-CN': Label, en: Label }, { additionalProperties: false }),
            place: Type.Optional(
              Type.Union(ITEM_PLACES.map((p) => Type.Literal(p)), {
                description: 'where the record of a matter of this item must say it happened: a building and room, a building, or nothing (absent from events of releases before it)',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        { maxItems: 5000 },
      ),
      changedAt: Timestamp,
      changedBy: Type.String({ minLength: 1, maxLength: 255, description: 'the editor’s subject (JWT sub)' }),
    },
    { additionalProperties: false },
  ),
});
