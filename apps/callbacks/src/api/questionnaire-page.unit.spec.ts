import { createHash } from 'node:crypto';
import { QUESTIONNAIRE_PAGE_HEADERS, questionnairePage, questionnaireRefusalPage } from './questionnaire-page';

const hashOf = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const inline = (html: string, tag: 'script' | 'style') => [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]!);
const policy = Object.fromEntries(
  QUESTIONNAIRE_PAGE_HEADERS['content-security-policy']!.split('; ').map((directive) => {
    const [name, ...values] = directive.split(' ');
    return [name!, values];
  }),
);

describe('the questionnaire pages’ content security policy', () => {
  it('lets exactly the inline script and style the pages hold run, and nothing else', () => {
    const form = questionnairePage();
    const unavailable = questionnaireRefusalPage({ status: 410, code: 'QUESTIONNAIRE.EXPIRED' });
    expect(inline(form, 'script').map(hashOf)).toEqual(policy['script-src']);
    for (const html of [form, unavailable]) expect(inline(html, 'style').map(hashOf)).toEqual(policy['style-src']);
    expect(inline(unavailable, 'script')).toEqual([]);
    expect(policy['default-src']).toEqual(["'none'"]);
    // No attribute a policy by hashes would refuse: inline handlers and style attributes.
    expect(form).not.toMatch(/\son[a-z]+=|\sstyle=/);
  });

  it.each<[string, { status: number; code: string }, number | undefined, string]>([
    ['an expired link', { status: 410, code: 'QUESTIONNAIRE.EXPIRED' }, undefined, '该问卷链接已过期。'],
    ['a malformed link', { status: 400, code: 'VALIDATION.FAILED' }, undefined, '该问卷链接无效。'],
    ['an unknown code', { status: 404, code: 'SOMETHING.ELSE' }, undefined, '该问卷链接无效。'],
    ['too many requests', { status: 429, code: 'RATE_LIMIT.EXCEEDED' }, 42, '访问过于频繁，请约 42 秒后刷新本页面。'],
    ['a dependency down', { status: 503, code: 'DEPENDENCY.UNAVAILABLE' }, 5, '系统繁忙，请约 5 秒后刷新本页面。'],
    ['an unexpected error', { status: 500, code: 'INTERNAL' }, undefined, '系统繁忙，请稍后刷新本页面。'],
  ])('tells %s in the customer’s words', (_, refusal, retryAfter, text) => {
    expect(questionnaireRefusalPage(refusal, retryAfter)).toContain(`<p class="msg">${text}</p>`);
  });
});
