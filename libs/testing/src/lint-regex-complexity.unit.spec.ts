// Proves that eslint.config.mjs refuses a regular expression that backtracks or moves in time
// growing faster than its input, where request text is masked, validated and tokenised: the
// property is checked by analysing each pattern, never by timing one (see lint-probe.ts).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LintMessage, lintSnippets } from './lint-probe';

const root = resolve(__dirname, '../../..');
const BACKTRACKING = 'regexp/no-super-linear-backtracking';
const MOVE = 'regexp/no-super-linear-move';

const asItIs = (path: string): [string, string] => [path, readFileSync(join(root, path), 'utf8')];

const SNIPPETS = {
  /** The e-mail pattern libs/privacy/src/redact.ts had before 787d604e: 100 KB of digits took 15 to 30 s. */
  emailBeforeItsBound: [
    'libs/privacy/src/__lint_probe__.ts',
    'export const EMAIL = /[A-Za-z0-9._%+\\-\\uFF10-\\uFF19\\uFF21-\\uFF3A\\uFF41-\\uFF5A]+[@\\uFF20][A-Za-z0-9\\-\\uFF10-\\uFF19\\uFF21-\\uFF3A\\uFF41-\\uFF5A]+(?:[.\\uFF0E][A-Za-z0-9\\-\\uFF10-\\uFF19\\uFF21-\\uFF3A\\uFF41-\\uFF5A]+)+/g;\n',
  ],
  /** The same built from string constants, as redact.ts builds most of its patterns. */
  emailBuiltFromConstants: [
    'libs/privacy/src/__lint_probe__.ts',
    [
      "const NAME = '[A-Za-z0-9._%+\\\\-]';",
      "const LABEL = '[A-Za-z0-9\\\\-]';",
      'export const EMAIL = new RegExp(`${NAME}+@${LABEL}+(?:\\\\.${LABEL}+)+`, \'g\');',
      '',
    ].join('\n'),
  ],
  redactAsItIs: asItIs('libs/privacy/src/redact.ts'),
  urlAsItIs: asItIs('libs/privacy/src/url.ts'),
  /** A name's check before it read the character that is not a space from the first after the leading spaces. */
  nameCheckInARequestDto: [
    'apps/intake/src/api/__lint_probe__.ts',
    "export const NOT_BLANK = new RegExp(`^[^\\\\u0000]*[^\\\\s\\\\u0000][^\\\\u0000]*$`, 'u');\n",
  ],
  /** The search analyser's digits and unit before a match began at a run's first digit. */
  unitInTheSearchAnalyser: [
    'apps/knowledge/src/infrastructure/search/__lint_probe__.ts',
    'export const NUMBERED_UNIT = /(\\d+)\\s*(栋|幢|号楼|楼|层|单元|室|期|座|号)/gu;\n',
  ],
} satisfies Record<string, [path: string, code: string]>;

let results: Record<keyof typeof SNIPPETS, LintMessage[]>;

beforeAll(() => {
  results = lintSnippets(SNIPPETS);
}, 60_000);

const regexRules = (name: keyof typeof SNIPPETS) => [...new Set(results[name].map((m) => m.ruleId).filter((id) => id?.startsWith('regexp/')))];

describe('the regex complexity lint rules', () => {
  it('given the e-mail pattern masking had before its name was bounded, then it is refused as an error', () => {
    expect(results.emailBeforeItsBound).toContainEqual(expect.objectContaining({ ruleId: MOVE, severity: 2 }));
  });

  it('given such a pattern built from string constants, then it is refused too', () => {
    expect(regexRules('emailBuiltFromConstants')).toContain(MOVE);
  });

  it('given the masking of free text and addresses as it is, then none of its patterns is refused', () => {
    expect(regexRules('redactAsItIs')).toEqual([]);
    expect(regexRules('urlAsItIs')).toEqual([]);
  });

  it('given a pattern checking or tokenising request text in a service, then it is refused there as well', () => {
    expect(regexRules('nameCheckInARequestDto')).toEqual([BACKTRACKING]);
    expect(regexRules('unitInTheSearchAnalyser')).toEqual([MOVE]);
  });
});
