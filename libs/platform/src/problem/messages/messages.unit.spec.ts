import { FIELD_RULES } from '../field-rules';
import { CATALOGUES, MESSAGE_LANGUAGES, fieldMessage, negotiateLanguage } from './index';

const HAN = /\p{Script=Han}/u;

describe('problem message catalogue', () => {
  it.each(FIELD_RULES)('rule %s has a message in every language, Chinese in Chinese', (code) => {
    const params = { max: 4000, min: 1, allowed: ['phone', 'email'], expected: 'string', fields: ['a', 'b'], format: 'uuid' };
    for (const language of MESSAGE_LANGUAGES) {
      const message = CATALOGUES[language].rules[code](params);
      expect(message.trim().length).toBeGreaterThan(1);
    }
    expect(fieldMessage(code, params, 'zh-CN')).toMatch(HAN);
    expect(fieldMessage(code, params, 'en')).not.toMatch(HAN);
  });

  it('the catalogues hold exactly the rule codes, no more', () => {
    for (const language of MESSAGE_LANGUAGES) expect(Object.keys(CATALOGUES[language].rules).sort()).toEqual([...FIELD_RULES].sort());
  });

  it('a message carries its parameters', () => {
    expect(fieldMessage('too_long', { max: 4000 }, 'en')).toBe('must be at most 4000 characters long');
    expect(fieldMessage('too_long', { max: 4000 }, 'zh-CN')).toBe('不能超过4000个字符');
    expect(fieldMessage('not_one_of', { allowed: ['phone', 'email'] }, 'zh-CN')).toContain('phone、email');
    expect(fieldMessage('out_of_range', { min: 0 }, 'en')).toBe('must be at least 0');
  });

  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['zh-CN', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['zh-TW,zh;q=0.9', 'zh-CN'],
    ['en-US,en;q=0.9,zh-CN;q=0.8', 'en'],
    ['zh-CN;q=0.9,en;q=0.8', 'zh-CN'],
    ['en;q=0.5, zh-Hans;q=0.7', 'zh-CN'],
    ['fr-FR,de;q=0.8', 'en'],
    ['fr-FR,zh;q=0.3', 'zh-CN'],
    ['zh-CN;q=0', 'en'],
  ] as const)('Accept-Language %p is answered in %s', (header, language) => {
    expect(negotiateLanguage(header)).toBe(language);
  });
});
