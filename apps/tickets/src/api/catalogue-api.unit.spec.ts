import { plainToInstance } from 'class-transformer';
import { validate as validateObject } from 'class-validator';
import { flattenValidationErrors } from '@cs/platform';
import { catalogueEtag, versionFromIfMatch } from './catalogue-etag';
import { PutCatalogueDto } from './catalogue.dto';

describe('catalogue ETags', () => {
  it('given a version, when tagged and read back from If-Match, then the version comes back', () => {
    expect(catalogueEtag(12)).toBe('W/"12"');
    expect(versionFromIfMatch(catalogueEtag(12))).toBe(12);
    expect(versionFromIfMatch('"12"')).toBe(12);
  });

  it('given no If-Match or a wildcard, when read, then no version is expected', () => {
    expect(versionFromIfMatch(undefined)).toBeUndefined();
    expect(versionFromIfMatch('*')).toBeUndefined();
  });

  it('given a malformed If-Match, when read, then it is refused naming the header', () => {
    expect(() => versionFromIfMatch('12')).toThrow(expect.objectContaining({ code: 'CATALOGUE.BAD_IF_MATCH', field: 'If-Match' }));
  });
});

describe('PUT /v1/catalogue body', () => {
  // The options of the platform's validation pipe (libs/platform/src/http/validation.ts).
  const options = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true };

  /** Dotted paths of the refused fields, as the problem+json body would list them. */
  async function invalidFields(body: unknown): Promise<string[]> {
    const errors = await validateObject(plainToInstance(PutCatalogueDto, body), options);
    return [...new Set(flattenValidationErrors(errors).map((e) => e.field))];
  }

  const validBody = {
    sections: [
      {
        code: 'repair',
        label: { 'zh-CN': '报修', en: 'Repair' },
        active: true,
        items: [{ code: 'repair.public_area', label: { 'zh-CN': '公共区域报修', en: 'Public area' }, active: true }],
      },
    ],
  };

  it('given a well-shaped document, when validated, then it passes', async () => {
    expect(await invalidFields(validBody)).toEqual([]);
  });

  it('given nested mistakes, when validated, then each is named by its dotted path', async () => {
    const body = {
      sections: [
        {
          ...validBody.sections[0],
          items: [{ code: 'repair.public_area', label: { 'zh-CN': '公共区域报修' }, active: 'yes' }],
        },
      ],
    };
    expect(await invalidFields(body)).toEqual(expect.arrayContaining(['sections.0.items.0.label.en', 'sections.0.items.0.active']));
  });

  it('given a missing label or unknown field, when validated, then they are refused', async () => {
    const { label: _label, ...unlabelled } = validBody.sections[0]!;
    expect(await invalidFields({ sections: [{ ...unlabelled, colour: 'red' }], version: 3 })).toEqual(
      expect.arrayContaining(['sections.0.label', 'sections.0.colour', 'version']),
    );
  });
});
