import { CatalogueChangedV1 } from '@cs/contracts';
import { DomainError } from '@cs/ddd';
import {
  CatalogueDocument,
  MAX_CATALOGUE_ITEMS,
  CatalogueItem,
  CatalogueSection,
  activeOnly,
  assertCurrentVersion,
  hasChanges,
  reviseCatalogue,
} from './catalogue';

const item = (code: string, en: string, active = true): CatalogueItem => ({ code, label: { 'zh-CN': `中文${en}`, en }, active });
const section = (code: string, items: CatalogueItem[], active = true): CatalogueSection => ({
  code,
  label: { 'zh-CN': `中文${code}`, en: code },
  active,
  items,
});

const current: CatalogueDocument = {
  sections: [
    section('consultation', [item('consultation.property_service', 'Property service'), item('consultation.other', 'Other')]),
    section('repair', [item('repair.public_area', 'Public area'), item('repair.own_unit', "Owner's own unit")]),
    section('complaint', [item('complaint.service_quality', 'Service quality')]),
  ],
};

/** A copy of `current` with one section's items rewritten. */
function withItems(sectionCode: string, rewrite: (items: readonly CatalogueItem[]) => CatalogueItem[]): CatalogueDocument {
  return { sections: current.sections.map((s) => (s.code === sectionCode ? { ...s, items: rewrite(s.items) } : s)) };
}

function refusal(proposed: CatalogueDocument): DomainError {
  try {
    reviseCatalogue(current, proposed);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected the revision to be refused');
}

describe('reviseCatalogue', () => {
  it('given the unchanged catalogue, when revised, then the diff is empty', () => {
    const { diff } = reviseCatalogue(current, current);
    expect(diff).toEqual({ added: [], relabelled: [], deactivated: [], reactivated: [], replaced: [], reordered: false });
    expect(hasChanges(diff)).toBe(false);
  });

  it('given a new label for an item, when revised, then the code is kept and the item is reported relabelled', () => {
    const proposed = withItems('repair', (items) => items.map((i) => (i.code === 'repair.public_area' ? { ...i, label: { 'zh-CN': '公区报修', en: 'Common areas' } } : i)));
    const { catalogue, diff } = reviseCatalogue(current, proposed);
    expect(diff.relabelled).toEqual(['repair.public_area']);
    expect(catalogue.sections[1]!.items[0]).toEqual({ code: 'repair.public_area', label: { 'zh-CN': '公区报修', en: 'Common areas' }, active: true, place: 'building' });
  });

  it('given items new to places sent without one, when revised, then each asks for its section’s: a room for repairs and complaints, a building for the public area, none elsewhere', () => {
    const { catalogue } = reviseCatalogue(current, current);
    expect(catalogue.sections.map((s) => s.items.map((i) => [i.code, i.place]))).toEqual([
      [['consultation.property_service', 'none'], ['consultation.other', 'none']],
      [['repair.public_area', 'building'], ['repair.own_unit', 'room']],
      [['complaint.service_quality', 'room']],
    ]);
  });

  it('given an item given another place, when revised, then it is reported replaced; sending its place explicitly, or none, changes nothing', () => {
    const proposed = withItems('complaint', (items) => items.map((i) => ({ ...i, place: 'none' as const })));
    const { catalogue, diff } = reviseCatalogue(current, proposed);
    expect(diff.replaced).toEqual(['complaint.service_quality']);
    expect(hasChanges(diff)).toBe(true);
    expect(catalogue.sections[2]!.items[0]!.place).toBe('none');
    const explicit = withItems('repair', (items) => items.map((i) => ({ ...i, place: i.code === 'repair.public_area' ? ('building' as const) : ('room' as const) })));
    expect(hasChanges(reviseCatalogue(current, explicit).diff)).toBe(false);
    const kept = reviseCatalogue(catalogue, current);
    expect(kept.diff.replaced).toEqual([]);
    expect(kept.catalogue.sections[2]!.items[0]!.place).toBe('none');
    const back = reviseCatalogue(catalogue, withItems('complaint', (items) => items.map((i) => ({ ...i, place: 'room' as const }))));
    expect(back.diff.replaced).toEqual(['complaint.service_quality']);
  });

  it('given items switched off and on, when revised, then they are reported deactivated and reactivated', () => {
    const before: CatalogueDocument = withItems('complaint', (items) => [...items, item('complaint.decoration', 'Decoration', false)]);
    const proposed: CatalogueDocument = {
      sections: before.sections.map((s) =>
        s.code === 'complaint'
          ? { ...s, items: s.items.map((i) => ({ ...i, active: !i.active })) }
          : s,
      ),
    };
    const { diff } = reviseCatalogue(before, proposed);
    expect(diff.deactivated).toEqual(['complaint.service_quality']);
    expect(diff.reactivated).toEqual(['complaint.decoration']);
  });

  it('given a new section and a new item, when revised, then both are reported added', () => {
    const proposed: CatalogueDocument = {
      sections: [...withItems('complaint', (items) => [...items, item('complaint.legacy_issues', 'Historical legacy issues')]).sections, section('suggestion', [item('suggestion.general', 'Suggestion')])],
    };
    expect(reviseCatalogue(current, proposed).diff.added).toEqual(['complaint.legacy_issues', 'suggestion', 'suggestion.general']);
  });

  it('given existing entries in a new order, when revised, then it is reported reordered', () => {
    const proposed = withItems('repair', (items) => [...items].reverse());
    expect(reviseCatalogue(current, proposed).diff.reordered).toBe(true);
  });

  it('given an item inserted in the middle, when revised, then the others are not reported reordered', () => {
    const proposed = withItems('consultation', ([first, ...rest]) => [first!, item('consultation.projects', 'Projects'), ...rest]);
    const { diff } = reviseCatalogue(current, proposed);
    expect(diff.added).toEqual(['consultation.projects']);
    expect(diff.reordered).toBe(false);
  });

  it('given labels padded with spaces, when revised, then they are stored trimmed', () => {
    const proposed = withItems('repair', (items) => items.map((i) => ({ ...i, label: { 'zh-CN': ` ${i.label['zh-CN']} `, en: `${i.label.en}  ` } })));
    const { catalogue, diff } = reviseCatalogue(current, proposed);
    expect(catalogue.sections[1]!.items[0]!.label).toEqual({ 'zh-CN': '中文Public area', en: 'Public area' });
    expect(diff.relabelled).toEqual([]);
  });

  it('given an item left out, when revised, then it is refused naming the section items and the code, asking to deactivate instead', () => {
    const error = refusal(withItems('repair', (items) => items.filter((i) => i.code !== 'repair.own_unit')));
    expect(error).toMatchObject({ code: 'CATALOGUE.ITEM_REMOVED', kind: 'invalid', field: 'sections[1].items', details: { catalogueCode: 'repair.own_unit' } });
    expect(error.message).toContain('repair.own_unit');
    expect(error.message).toContain('active: false');
  });

  it('given the field path of a left-out item, when sections were reordered, then it points at the section where it now sits', () => {
    const reordered = withItems('repair', (items) => items.slice(1));
    const error = refusal({ sections: [reordered.sections[2]!, reordered.sections[0]!, reordered.sections[1]!] });
    expect(error.field).toBe('sections[2].items');
  });

  it('given a section left out, when revised, then it is refused naming the section', () => {
    const error = refusal({ sections: current.sections.filter((s) => s.code !== 'complaint') });
    expect(error).toMatchObject({ code: 'CATALOGUE.SECTION_REMOVED', field: 'sections', details: { catalogueCode: 'complaint' } });
  });

  it('given an existing item listed under another section, when revised, then it is refused as a move', () => {
    const proposed: CatalogueDocument = {
      sections: current.sections.map((s) => {
        if (s.code === 'repair') return { ...s, items: s.items.filter((i) => i.code !== 'repair.own_unit') };
        if (s.code === 'complaint') return { ...s, items: [...s.items, item('repair.own_unit', "Owner's own unit")] };
        return s;
      }),
    };
    expect(refusal(proposed)).toMatchObject({ code: 'CATALOGUE.ITEM_MOVED', field: 'sections[2].items[1].code' });
  });

  it('given a new item whose prefix is another section, when revised, then its code is refused', () => {
    const error = refusal(withItems('complaint', (items) => [...items, item('repair.lift', 'Lift')]));
    expect(error).toMatchObject({ code: 'CATALOGUE.INVALID_CODE', field: 'sections[2].items[1].code' });
  });

  it.each([
    ['Repair', 'sections[1].code'],
    ['repair-2', 'sections[1].code'],
    ['', 'sections[1].code'],
    ['x'.repeat(41), 'sections[1].code'],
  ])('given the section code %j, when revised, then it is refused as a bad code', (code, field) => {
    const proposed = { sections: current.sections.map((s) => (s.code === 'repair' ? { ...s, code, items: [] } : s)) };
    expect(refusal(proposed)).toMatchObject({ code: 'CATALOGUE.INVALID_CODE', field });
  });

  it.each(['repair', 'repair.', 'repair.Lift', 'repair.lift.cabin', 'repair.lift2'])(
    'given the item code %j, when revised, then it is refused as a bad code',
    (code) => {
      expect(refusal(withItems('repair', (items) => [...items, item(code, 'Lift')]))).toMatchObject({
        code: 'CATALOGUE.INVALID_CODE',
        field: 'sections[1].items[2].code',
      });
    },
  );

  it('given a section twice, when revised, then the second one is refused as a duplicate', () => {
    const error = refusal({ sections: [...current.sections, section('repair', [])] });
    expect(error).toMatchObject({ code: 'CATALOGUE.DUPLICATE_CODE', field: 'sections[3].code' });
  });

  it('given an item twice, when revised, then the second one is refused as a duplicate', () => {
    const error = refusal(withItems('repair', (items) => [...items, item('repair.public_area', 'Again')]));
    expect(error).toMatchObject({ code: 'CATALOGUE.DUPLICATE_CODE', field: 'sections[1].items[2].code' });
  });

  it.each([
    [{ 'zh-CN': '', en: 'Lift' }, 'sections[1].items[2].label.zh-CN'],
    [{ 'zh-CN': '电梯', en: '   ' }, 'sections[1].items[2].label.en'],
    [{ 'zh-CN': '电梯', en: 'x'.repeat(81) }, 'sections[1].items[2].label.en'],
  ])('given the item label %j, when revised, then the label is refused by its language', (label, field) => {
    const error = refusal(withItems('repair', (items) => [...items, { code: 'repair.lift', label, active: true }]));
    expect(error).toMatchObject({ code: 'CATALOGUE.INVALID_LABEL', field });
  });

  it('given more items than catalogue.changed.v1 carries, when revised, then it is refused naming sections; as many is accepted', () => {
    const filler = (count: number) => Array.from({ length: count }, (_, i) => item(`repair.extra_${String.fromCharCode(97 + (i % 26))}_${'x'.repeat(Math.floor(i / 26) % 40)}_${String.fromCharCode(97 + Math.floor(i / 1040))}`, `Extra ${i}`));
    const existing = current.sections.reduce((n, s) => n + s.items.length, 0);
    const withExtra = (count: number) => withItems('repair', (items) => [...items, ...filler(count)]);
    expect(refusal(withExtra(MAX_CATALOGUE_ITEMS - existing + 1))).toMatchObject({ code: 'CATALOGUE.TOO_MANY_ITEMS', field: 'sections' });
    expect(reviseCatalogue(current, withExtra(MAX_CATALOGUE_ITEMS - existing)).diff.added).toHaveLength(MAX_CATALOGUE_ITEMS - existing);
    expect(MAX_CATALOGUE_ITEMS).toBe(CatalogueChangedV1.schema.properties.items.maxItems);
  });

  it('given an empty section label, when revised, then the section label is refused', () => {
    const proposed = { sections: current.sections.map((s, i) => (i === 0 ? { ...s, label: { ...s.label, 'zh-CN': '' } } : s)) };
    expect(refusal(proposed)).toMatchObject({ code: 'CATALOGUE.INVALID_LABEL', field: 'sections[0].label.zh-CN' });
  });

  it('given an 80-character label, when revised, then it is accepted', () => {
    const proposed = withItems('repair', (items) => [...items, { code: 'repair.lift', label: { 'zh-CN': '梯'.repeat(80), en: 'x'.repeat(80) }, active: true }]);
    expect(reviseCatalogue(current, proposed).diff.added).toEqual(['repair.lift']);
  });
});

describe('assertCurrentVersion', () => {
  it('given no expected version, when checked, then any version passes', () => {
    expect(() => assertCurrentVersion(7, undefined)).not.toThrow();
  });

  it('given the current version, when checked, then it passes', () => {
    expect(() => assertCurrentVersion(7, 7)).not.toThrow();
  });

  it('given an older version, when checked, then it fails as a stale precondition', () => {
    expect(() => assertCurrentVersion(7, 6)).toThrow(expect.objectContaining({ code: 'CATALOGUE.VERSION_CONFLICT', kind: 'precondition_failed' }));
  });
});

describe('activeOnly', () => {
  it('given retired sections and items, when filtered, then only active ones remain', () => {
    const catalogue = {
      version: 4,
      sections: [
        section('repair', [item('repair.public_area', 'Public area'), item('repair.own_unit', 'Own unit', false)]),
        section('housekeeping', [item('housekeeping.carpet_care', 'Carpet care')], false),
      ],
    };
    const filtered = activeOnly(catalogue);
    expect(filtered.version).toBe(4);
    expect(filtered.sections.map((s) => s.code)).toEqual(['repair']);
    expect(filtered.sections[0]!.items.map((i) => i.code)).toEqual(['repair.public_area']);
  });
});
