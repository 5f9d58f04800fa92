import type { FieldParams, FieldRule } from '../field-rules';
import type { MessageCatalogue } from './catalogue';
import { EN } from './en';
import { ZH_CN } from './zh-cn';

/** The languages problem messages are written in; `en` unless the request prefers Chinese. */
export const MESSAGE_LANGUAGES = ['en', 'zh-CN'] as const;
export type MessageLanguage = (typeof MESSAGE_LANGUAGES)[number];
export const DEFAULT_MESSAGE_LANGUAGE: MessageLanguage = 'en';

export const CATALOGUES: Readonly<Record<MessageLanguage, MessageCatalogue>> = { en: EN, 'zh-CN': ZH_CN };

/**
 * The language to answer in, from an `Accept-Language` header: the highest-weighted tag we
 * write in wins. Every Chinese tag (zh, zh-CN, zh-Hans, zh-TW…) gets the simplified Chinese
 * catalogue, the only Chinese one; without a usable preference, English (ADR 0024).
 */
export function negotiateLanguage(header: string | string[] | undefined): MessageLanguage {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  const ranked = value
    .split(',')
    .map((part, index) => {
      const [tag = '', ...parameters] = part.trim().split(';');
      const q = parameters.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter(({ tag, q }) => tag !== '' && Number.isFinite(q) && q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return DEFAULT_MESSAGE_LANGUAGE;
}

export function fieldMessage(code: FieldRule, params: FieldParams, language: MessageLanguage): string {
  return CATALOGUES[language].rules[code](params);
}

export function invalidFieldsSummary(fields: readonly string[], language: MessageLanguage): string {
  return CATALOGUES[language].invalidFields(fields);
}
