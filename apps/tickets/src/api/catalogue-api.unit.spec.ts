import { RequestValidationError, createValidationPipe } from '@cs/platform';
import { PutCatalogueDto } from './catalogue.dto';

describe('PUT /v1/catalogue body', () => {
  const pipe = createValidationPipe();

  /** Dotted paths of the fields the service's own pipe refuses, as the problem+json body would list them. */
  async function invalidFields(body: unknown): Promise<string[]> {
    try {
      await pipe.transform(body, { type: 'body', metatype: PutCatalogueDto });
      return [];
    } catch (error) {
      if (!(error instanceof RequestValidationError)) throw error;
      return [...new Set(error.errors.map((e) => e.field))];
    }
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

  it('given nested mistakes, when validated, then each is named by its path, array elements by index', async () => {
    const body = {
      sections: [
        {
          ...validBody.sections[0],
          items: [{ code: 'repair.public_area', label: { 'zh-CN': '公共区域报修' }, active: 'yes' }],
        },
      ],
    };
    expect(await invalidFields(body)).toEqual(expect.arrayContaining(['sections[0].items[0].label.en', 'sections[0].items[0].active']));
  });

  it('given a missing label or unknown field, when validated, then they are refused', async () => {
    const { label: _label, ...unlabelled } = validBody.sections[0]!;
    expect(await invalidFields({ sections: [{ ...unlabelled, colour: 'red' }], version: 3 })).toEqual(
      expect.arrayContaining(['sections[0].label', 'sections[0].colour', 'version']),
    );
  });
});
