import { ITEM_PLACES } from '@cs/contracts';
import { DomainError, versionConflict } from '@cs/ddd';
import { codeHoldsPersonalData } from '@cs/privacy';

/**
 * 业务分类 — the catalogue of what customers bring: sections (咨询, 报修, 投诉 …) holding items.
 * It is data each company edits. Codes are the identity tickets and contacts refer to, so they
 * never change or disappear: a label may be rewritten and an entry retired (`active: false`),
 * but a code once published stays, in the section its prefix names.
 */
export interface CatalogueLabel {
  readonly 'zh-CN': string;
  readonly en: string;
}

/**
 * Where a matter of an item happened, as its record must say (处理记录 — 房号): in a room (a
 * building and its room), in a building (a public area, a lift), or nowhere in particular
 * (a question, a complaint about attitude). Data a company edits with its catalogue.
 */
export { ITEM_PLACES };
export type ItemPlace = (typeof ITEM_PLACES)[number];

export interface CatalogueItem {
  readonly code: string;
  readonly label: CatalogueLabel;
  readonly active: boolean;
  /** Absent: the place its section asks for (`defaultPlace`); in an edit, the place it has. */
  readonly place?: ItemPlace;
}

/** Sections the regulations record with where the matter happened (房号). */
const LOCATED_SECTIONS = new Set(['repair', 'complaint']);

/**
 * The place an item's record asks for unless the catalogue says otherwise: a room for a repair
 * or a complaint, a building for a repair of the public area, nothing for the other sections.
 */
export function defaultPlace(itemCode: string): ItemPlace {
  if (itemCode === 'repair.public_area') return 'building';
  return LOCATED_SECTIONS.has(sectionOfItemCode(itemCode) ?? '') ? 'room' : 'none';
}

export const placeOf = (item: Pick<CatalogueItem, 'code' | 'place'>): ItemPlace => item.place ?? defaultPlace(item.code);

export interface CatalogueSection {
  readonly code: string;
  readonly label: CatalogueLabel;
  readonly active: boolean;
  readonly items: readonly CatalogueItem[];
}

/** The catalogue as a whole, in display order. */
export interface CatalogueDocument {
  readonly sections: readonly CatalogueSection[];
}

export interface VersionedCatalogue extends CatalogueDocument {
  readonly version: number;
}

/** What an edit changes; codes of sections and items alike (an item's code contains a dot). */
export interface CatalogueDiff {
  readonly added: readonly string[];
  readonly relabelled: readonly string[];
  readonly deactivated: readonly string[];
  readonly reactivated: readonly string[];
  /** Items whose record now asks for another place. */
  readonly replaced: readonly string[];
  /** Whether entries that existed before now appear in a different relative order. */
  readonly reordered: boolean;
}

export interface CatalogueRevision {
  /** The proposed document with labels trimmed and each item's place said: what is stored. */
  readonly catalogue: CatalogueDocument;
  readonly diff: CatalogueDiff;
}

export const MAX_LABEL_LENGTH = 80;
export const MAX_SECTION_CODE_LENGTH = 40;
export const MAX_ITEM_CODE_LENGTH = 80;
/** How many items a catalogue may hold, retired ones included (it never loses one): catalogue.changed.v1 carries them all. */
export const MAX_CATALOGUE_ITEMS = 5000;
const SECTION_CODE = /^[a-z_]+$/;
const ITEM_CODE = /^([a-z_]+)\.[a-z_]+$/;
const LANGUAGES = ['zh-CN', 'en'] as const;

/**
 * Checks an edited catalogue against the current one and says what it changes. Refuses the
 * first broken rule, naming the offending field by its path in the request body.
 */
export function reviseCatalogue(current: CatalogueDocument, proposed: CatalogueDocument): CatalogueRevision {
  const catalogue = normalise(current, proposed);
  assertWellFormed(catalogue);
  assertNothingMoved(current, catalogue);
  assertNothingRemoved(current, catalogue);
  return { catalogue, diff: diffCatalogues(current, catalogue) };
}

export function hasChanges(diff: CatalogueDiff): boolean {
  return diff.added.length + diff.relabelled.length + diff.deactivated.length + diff.reactivated.length + diff.replaced.length > 0 || diff.reordered;
}

/** An edit based on an older version would silently undo whatever happened since. */
export function assertCurrentVersion(currentVersion: number, expectedVersion: number | undefined): void {
  if (expectedVersion !== undefined && expectedVersion !== currentVersion) {
    throw versionConflict('CATALOGUE.VERSION_CONFLICT', `the catalogue is at version ${currentVersion}, not ${expectedVersion}: someone else changed it; reload it and edit again`, currentVersion);
  }
}

/** An item can be used only while both it and its section are active. */
export function isItemUsable(section: CatalogueSection, item: CatalogueItem): boolean {
  return section.active && item.active;
}

/** The catalogue as agents pick from it: inactive sections and items left out. */
export function activeOnly<C extends CatalogueDocument>(catalogue: C): C {
  return {
    ...catalogue,
    sections: catalogue.sections.filter((s) => s.active).map((s) => ({ ...s, items: s.items.filter((i) => i.active) })),
  };
}

export function sectionOfItemCode(code: string): string | undefined {
  return ITEM_CODE.exec(code)?.[1];
}

/**
 * Labels trimmed. An item sent without a place keeps the one it has, so an editor that does not
 * know of places (an older client, a replica of the release before) leaves them as they are; a
 * new one asks for its section's (`defaultPlace`).
 */
function normalise(current: CatalogueDocument, document: CatalogueDocument): CatalogueDocument {
  const trim = (label: CatalogueLabel): CatalogueLabel => ({ 'zh-CN': label['zh-CN'].trim(), en: label.en.trim() });
  const existing = new Map(current.sections.flatMap((s) => s.items.map((i) => [i.code, i])));
  const place = (item: CatalogueItem): ItemPlace => item.place ?? placeOf(existing.get(item.code) ?? item);
  return {
    sections: document.sections.map((s) => ({
      code: s.code,
      label: trim(s.label),
      active: s.active,
      items: s.items.map((i) => ({ code: i.code, label: trim(i.label), active: i.active, place: place(i) })),
    })),
  };
}

function assertWellFormed(document: CatalogueDocument): void {
  const items = document.sections.reduce((n, section) => n + section.items.length, 0);
  if (items > MAX_CATALOGUE_ITEMS) {
    throw new DomainError('CATALOGUE.TOO_MANY_ITEMS', 'invalid', `a catalogue holds at most ${MAX_CATALOGUE_ITEMS} items, retired ones included; this one has ${items}`, 'sections', undefined, {
      code: 'out_of_range',
      params: { max: MAX_CATALOGUE_ITEMS },
    });
  }
  const seen = new Set<string>();
  document.sections.forEach((section, s) => {
    const at = `sections[${s}]`;
    if (!SECTION_CODE.test(section.code) || section.code.length > MAX_SECTION_CODE_LENGTH) {
      throw invalidCode(`${at}.code`, section.code, `section codes are English snake_case (a–z and _), at most ${MAX_SECTION_CODE_LENGTH} characters`);
    }
    assertUnique(seen, section.code, `${at}.code`);
    assertLabel(section.label, `${at}.label`);
    section.items.forEach((item, i) => {
      const itemAt = `${at}.items[${i}]`;
      if (!ITEM_CODE.test(item.code) || item.code.length > MAX_ITEM_CODE_LENGTH) {
        throw invalidCode(
          `${itemAt}.code`,
          item.code,
          `item codes are <section>.<item> in English snake_case, here ${section.code}.<item>, at most ${MAX_ITEM_CODE_LENGTH} characters`,
        );
      }
      assertUnique(seen, item.code, `${itemAt}.code`);
      assertLabel(item.label, `${itemAt}.label`);
    });
  });
}

function assertUnique(seen: Set<string>, code: string, field: string): void {
  if (seen.has(code)) {
    throw new DomainError('CATALOGUE.DUPLICATE_CODE', 'invalid', `${code} appears more than once`, field, { catalogueCode: code });
  }
  seen.add(code);
}

function assertLabel(label: CatalogueLabel, field: string): void {
  for (const language of LANGUAGES) {
    const text = label[language];
    if (text.length === 0 || text.length > MAX_LABEL_LENGTH) {
      throw new DomainError(
        'CATALOGUE.INVALID_LABEL',
        'invalid',
        `the ${language} label must be 1 to ${MAX_LABEL_LENGTH} characters`,
        `${field}.${language}`,
      );
    }
    // A label is shown to every desk and published as given (catalogue.changed): refused, not masked into a name nobody reads.
    if (codeHoldsPersonalData(text)) {
      throw new DomainError('CATALOGUE.PERSONAL_DATA', 'invalid', `the ${language} label must name the item, not hold a phone number, e-mail address or ID number`, `${field}.${language}`);
    }
  }
}

function invalidCode(field: string, code: string, rule: string): DomainError {
  return new DomainError('CATALOGUE.INVALID_CODE', 'invalid', `"${code}" is not a valid code: ${rule}`, field, { catalogueCode: code });
}

/**
 * An item's code prefix pins its section: tickets already filed under `repair.x` count as
 * repairs, so the item cannot be filed elsewhere without rewriting history.
 */
function assertNothingMoved(current: CatalogueDocument, proposed: CatalogueDocument): void {
  const existing = new Set(current.sections.flatMap((s) => s.items.map((i) => i.code)));
  proposed.sections.forEach((section, s) => {
    section.items.forEach((item, i) => {
      const pinned = sectionOfItemCode(item.code);
      if (pinned === section.code) return;
      const field = `sections[${s}].items[${i}].code`;
      if (existing.has(item.code)) {
        throw new DomainError(
          'CATALOGUE.ITEM_MOVED',
          'invalid',
          `item ${item.code} belongs to section ${pinned} and cannot move to ${section.code}; ` +
            `retire it with active: false and add a new item under ${section.code}`,
          field,
          { catalogueCode: item.code },
        );
      }
      throw invalidCode(field, item.code, `items of section ${section.code} have codes starting with "${section.code}."`);
    });
  });
}

function assertNothingRemoved(current: CatalogueDocument, proposed: CatalogueDocument): void {
  const proposedSections = new Map(proposed.sections.map((s, index) => [s.code, index]));
  for (const section of current.sections) {
    if (!proposedSections.has(section.code)) {
      throw new DomainError(
        'CATALOGUE.SECTION_REMOVED',
        'invalid',
        `section ${section.code} is missing; sections are never deleted — send it with active: false to retire it`,
        'sections',
        { catalogueCode: section.code },
      );
    }
  }
  const proposedItems = new Set(proposed.sections.flatMap((s) => s.items.map((i) => i.code)));
  for (const section of current.sections) {
    const missing = section.items.find((item) => !proposedItems.has(item.code));
    if (missing) {
      throw new DomainError(
        'CATALOGUE.ITEM_REMOVED',
        'invalid',
        `item ${missing.code} is missing; items are never deleted — send it with active: false to retire it`,
        `sections[${proposedSections.get(section.code)}].items`,
        { catalogueCode: missing.code },
      );
    }
  }
}

interface Entry {
  readonly code: string;
  readonly label: CatalogueLabel;
  readonly active: boolean;
  readonly place?: ItemPlace;
}

const isItem = (entry: Entry): boolean => entry.code.includes('.');

/** Sections and items in display order, each section before its items. */
function entries(document: CatalogueDocument): Entry[] {
  return document.sections.flatMap((s): Entry[] => [s, ...s.items]);
}

export function diffCatalogues(current: CatalogueDocument, proposed: CatalogueDocument): CatalogueDiff {
  const before = new Map(entries(current).map((e) => [e.code, e]));
  const after = entries(proposed);
  const added: string[] = [];
  const relabelled: string[] = [];
  const deactivated: string[] = [];
  const reactivated: string[] = [];
  const replaced: string[] = [];
  for (const entry of after) {
    const previous = before.get(entry.code);
    if (!previous) {
      added.push(entry.code);
      continue;
    }
    if (previous.label['zh-CN'] !== entry.label['zh-CN'] || previous.label.en !== entry.label.en) relabelled.push(entry.code);
    if (previous.active && !entry.active) deactivated.push(entry.code);
    if (!previous.active && entry.active) reactivated.push(entry.code);
    if (isItem(entry) && isItem(previous) && placeOf(previous) !== placeOf(entry)) replaced.push(entry.code);
  }
  const survivors = after.map((e) => e.code).filter((code) => before.has(code));
  const surviving = new Set(survivors);
  const previousOrder = [...before.keys()].filter((code) => surviving.has(code));
  const reordered = survivors.some((code, index) => previousOrder[index] !== code);
  return { added, relabelled, deactivated, reactivated, replaced, reordered };
}
