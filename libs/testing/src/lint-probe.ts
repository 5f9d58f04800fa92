// Lints small virtual files (nothing is written to disk) at paths inside the repo with the repo's
// own eslint.config.mjs, so a spec can prove which rules report them.
//
// ESLint loads eslint.config.mjs with a dynamic import(), which Jest's module sandbox refuses
// without --experimental-vm-modules, so the ESLint Node API (new ESLint({ cwd }).lintText) runs in
// one plain `node` child process for all snippets. @nx/enforce-module-boundaries reads the cached
// Nx project graph and silently skips when there is none, so that process first (re)computes the
// graph without the Nx daemon.
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');

export interface LintMessage {
  ruleId: string | null;
  message: string;
  severity: number;
}

const LINT_SNIPPETS = `
const { readFileSync } = require('node:fs');
const { ESLint } = require('eslint');
const { createProjectGraphAsync } = require('@nx/devkit');
(async () => {
  const snippets = JSON.parse(readFileSync(0, 'utf8'));
  await createProjectGraphAsync({ exitOnError: false });
  const eslint = new ESLint({ cwd: process.cwd() });
  const results = [];
  for (const { filePath, code } of snippets) {
    const [result] = await eslint.lintText(code, { filePath });
    results.push(result.messages.map(({ ruleId, message, severity }) => ({ ruleId, message, severity })));
  }
  process.stdout.write('\\n@@results@@' + JSON.stringify(results));
})().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error));
  process.exit(1);
});
`;

/** A snippet to lint: a repo-relative path (the file need not exist) and its code. */
export type LintSnippet = [path: string, code: string];

/** What the repo's lint configuration reports on each snippet, by the snippet's name. */
export function lintSnippets<Name extends string>(snippets: Readonly<Record<Name, LintSnippet>>): Record<Name, LintMessage[]> {
  const names = Object.keys(snippets) as Name[];
  const input = names.map((name) => ({ filePath: join(root, snippets[name][0]), code: snippets[name][1] }));
  const stdout = execFileSync(process.execPath, ['-e', LINT_SNIPPETS], {
    cwd: root,
    env: { ...process.env, NX_DAEMON: 'false' },
    input: JSON.stringify(input),
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'inherit'],
    timeout: 60_000,
  });
  const perSnippet: LintMessage[][] = JSON.parse(stdout.slice(stdout.lastIndexOf('@@results@@') + '@@results@@'.length));
  return Object.fromEntries(names.map((name, i) => [name, perSnippet[i]])) as Record<Name, LintMessage[]>;
}
