import { createHash } from 'node:crypto';
import { QUESTIONNAIRE_PAGE_HEADERS, questionnairePage, questionnaireUnavailablePage } from './questionnaire-page';

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
    const unavailable = questionnaireUnavailablePage('QUESTIONNAIRE.EXPIRED');
    expect(inline(form, 'script').map(hashOf)).toEqual(policy['script-src']);
    for (const html of [form, unavailable]) expect(inline(html, 'style').map(hashOf)).toEqual(policy['style-src']);
    expect(inline(unavailable, 'script')).toEqual([]);
    expect(policy['default-src']).toEqual(["'none'"]);
    // No attribute a policy by hashes would refuse: inline handlers and style attributes.
    expect(form).not.toMatch(/\son[a-z]+=|\sstyle=/);
  });

  it('tells an unknown code as an invalid link', () => {
    expect(questionnaireUnavailablePage('SOMETHING.ELSE')).toContain('该问卷链接无效。');
  });
});
