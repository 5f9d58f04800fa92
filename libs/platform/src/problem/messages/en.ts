import { MessageCatalogue, listOf } from './catalogue';

export const EN: MessageCatalogue = {
  rules: {
    required: () => 'is required',
    too_long: (p) => `must be at most ${String(p['max'])} characters long`,
    too_short: (p) => `must be at least ${String(p['min'])} characters long`,
    too_many: (p) => `must have at most ${String(p['max'])} items`,
    too_few: (p) => `must have at least ${String(p['min'])} items`,
    invalid_format: (p) => (p['format'] ? `must be a valid ${String(p['format'])}` : 'does not have the expected format'),
    invalid_phone: () => 'is not a valid phone number',
    not_one_of: (p) => `must be one of: ${listOf(p['allowed'], ', ')}`,
    out_of_range: (p) =>
      p['min'] !== undefined && p['max'] !== undefined
        ? `must be between ${String(p['min'])} and ${String(p['max'])}`
        : p['min'] !== undefined
          ? `must be at least ${String(p['min'])}`
          : `must be at most ${String(p['max'])}`,
    invalid_type: (p) => `must be ${p['expected'] === 'array' || p['expected'] === 'object' ? 'an' : 'a'} ${String(p['expected'])}`,
    unknown_field: () => 'is not an allowed field',
    unknown_reference: () => 'refers to something that does not exist or is not available',
    exactly_one_of: (p) => `exactly one of ${listOf(p['fields'], ', ')} is required`,
    invalid_text: () => 'must be valid Unicode text without NUL characters',
    too_deep: (p) => `nests arrays and objects more than ${String(p['max'])} deep`,
    invalid_json: (p) => (p['reason'] ? `is not acceptable JSON: ${String(p['reason'])}` : 'is not acceptable JSON'),
    rejected: (p) => (p['reason'] ? String(p['reason']) : 'is not accepted'),
  },
  invalidFields: (fields) => `invalid field(s): ${fields.join(', ')}`,
};
