import { validateEventData } from '../validation';
import { CatalogueChangedV1 } from './catalogue';

const valid = {
  version: 2,
  items: [{ code: 'repair.public_area', sectionCode: 'repair', active: true, label: { 'zh-CN': '公共区域报修', en: 'Public area' } }],
  changedAt: '2026-11-24T08:30:00+08:00',
  changedBy: 'admin-1',
};

describe('catalogue.changed.v1', () => {
  it('given a full item list, when validated, then it passes', () => {
    expect(validateEventData(CatalogueChangedV1, valid)).toEqual([]);
  });

  it('given broken data, when validated, then each offending field is named', () => {
    const broken = {
      ...valid,
      version: 0,
      items: [{ code: 'Repair.x', sectionCode: 'repair', active: true, label: { 'zh-CN': '', en: 'x' }, position: 1 }],
      changedBy: '',
    };
    expect(validateEventData(CatalogueChangedV1, broken).map((v) => v.path)).toEqual(
      expect.arrayContaining(['/version', '/items/0/code', '/items/0/label/zh-CN', '/items/0/position', '/changedBy']),
    );
  });
});
