import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Type } from '@sinclair/typebox';
import { Nullable, Queryable, execute, selectRow, selectRows } from '@cs/persistence';
import { CatalogueDocument, CatalogueSection, ITEM_PLACES, ItemPlace, VersionedCatalogue, defaultPlace, placeOf } from '../domain/catalogue';

const SectionRow = Type.Object({ code: Type.String(), label_zh: Type.String(), label_en: Type.String(), active: Type.Boolean() });
const Place = Nullable(Type.Union(ITEM_PLACES.map((p) => Type.Literal(p))));
const ItemRow = Type.Composite([SectionRow, Type.Object({ section_code: Type.String(), place: Place })]);
const PlaceRow = Type.Object({ code: Type.String(), place: Place });

/** Stored only where it differs from the section's, so a default the code changes reaches every item that kept it. */
const storedPlace = (item: { readonly code: string; readonly place?: ItemPlace }): ItemPlace | null => {
  const place = placeOf(item);
  return place === defaultPlace(item.code) ? null : place;
};
const VersionRow = Type.Object({ version: Type.Integer() });

/** The catalogue tables; positions are the document's order, so the stored order is the one edited. */
@Injectable()
export class CatalogueRepository {
  /**
   * Reads the catalogue. With `lock`, holds the version row until the transaction ends, so
   * concurrent edits are checked one after the other against what the previous one committed.
   */
  async load(tx: EntityManager, options: { lock: boolean }): Promise<VersionedCatalogue> {
    const head = await selectRow(tx, VersionRow, `SELECT version FROM catalogue_version${options.lock ? ' FOR UPDATE' : ''}`);
    if (!head) throw new Error('catalogue_version has no row; the catalogue migration has not run');
    const sections = await selectRows(tx, SectionRow, 'SELECT code, label_zh, label_en, active FROM catalogue_sections ORDER BY position, code');
    const items = await selectRows(
      tx,
      ItemRow,
      'SELECT code, section_code, label_zh, label_en, active, place FROM catalogue_items ORDER BY position, code',
    );
    return {
      version: head.version,
      sections: sections.map(
        (s): CatalogueSection => ({
          code: s.code,
          label: { 'zh-CN': s.label_zh, en: s.label_en },
          active: s.active,
          items: items
            .filter((i) => i.section_code === s.code)
            .map((i) => ({ code: i.code, label: { 'zh-CN': i.label_zh, en: i.label_en }, active: i.active, place: i.place ?? defaultPlace(i.code) })),
        }),
      ),
    };
  }

  /**
   * Writes a revised catalogue and bumps the version, inside the caller's transaction (which
   * holds the lock taken by `load`). Only rows that really differ are touched, so an item's
   * `updated_at` says when it last changed.
   */
  async save(tx: EntityManager, catalogue: CatalogueDocument, fromVersion: number, by: string, at: Date): Promise<number> {
    const sections = catalogue.sections;
    await execute(
      tx,
      `INSERT INTO catalogue_sections (code, label_zh, label_en, position, active)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::boolean[])
       ON CONFLICT (code) DO UPDATE
         SET label_zh = excluded.label_zh, label_en = excluded.label_en, position = excluded.position, active = excluded.active
         WHERE (catalogue_sections.label_zh, catalogue_sections.label_en, catalogue_sections.position, catalogue_sections.active)
               IS DISTINCT FROM (excluded.label_zh, excluded.label_en, excluded.position, excluded.active)`,
      [
        sections.map((s) => s.code),
        sections.map((s) => s.label['zh-CN']),
        sections.map((s) => s.label.en),
        sections.map((_, position) => position),
        sections.map((s) => s.active),
      ],
    );
    const items = sections.flatMap((s) => s.items.map((item, position) => ({ ...item, sectionCode: s.code, position })));
    // section_code is never updated: an item's code prefix pins it, and the domain has refused moves.
    await execute(
      tx,
      `INSERT INTO catalogue_items (code, section_code, label_zh, label_en, position, active, place, updated_at)
       SELECT code, section_code, label_zh, label_en, position, active, place, $8
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::boolean[], $7::text[])
              AS t (code, section_code, label_zh, label_en, position, active, place)
       ON CONFLICT (code) DO UPDATE
         SET label_zh = excluded.label_zh, label_en = excluded.label_en, position = excluded.position,
             active = excluded.active, place = excluded.place, updated_at = excluded.updated_at
         WHERE (catalogue_items.label_zh, catalogue_items.label_en, catalogue_items.position, catalogue_items.active, catalogue_items.place)
               IS DISTINCT FROM (excluded.label_zh, excluded.label_en, excluded.position, excluded.active, excluded.place)`,
      [
        items.map((i) => i.code),
        items.map((i) => i.sectionCode),
        items.map((i) => i.label['zh-CN']),
        items.map((i) => i.label.en),
        items.map((i) => i.position),
        items.map((i) => i.active),
        items.map(storedPlace),
        at,
      ],
    );
    // Wrapped in a SELECT because TypeORM answers a bare UPDATE … RETURNING with [rows, count].
    const bumped = await selectRow(
      tx,
      VersionRow,
      `WITH bumped AS (
         UPDATE catalogue_version SET version = version + 1, changed_at = $2, changed_by = $3
          WHERE version = $1 RETURNING version
       ) SELECT version FROM bumped`,
      [fromVersion, at, by],
    );
    if (!bumped) throw new Error(`catalogue version moved past ${fromVersion} while locked; was it loaded without the lock?`);
    return bumped.version;
  }

  /** The place each of these items' records asks for, as the catalogue says now; an item it does not hold asks for its section's. */
  async places(db: Queryable, itemCodes: readonly string[]): Promise<ReadonlyMap<string, ItemPlace>> {
    const codes = [...new Set(itemCodes)];
    if (codes.length === 0) return new Map();
    const set = await selectRows(db, PlaceRow, 'SELECT code, place FROM catalogue_items WHERE code = ANY($1::text[]) AND place IS NOT NULL', [codes]);
    const stored = new Map(set.map((r) => [r.code, r.place]));
    return new Map(codes.map((code) => [code, stored.get(code) ?? defaultPlace(code)]));
  }
}
