import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './service-process';

/**
 * What the child runs before the script: `.ts` files compiled by swc as jest compiles them, and
 * the `@cs/*` aliases resolved to the sources, so an int test can run a command-line entry point
 * or a script of its own as a process (to end it with SIGKILL, to read its exit code) without a
 * build of dist/.
 */
function loader(root: string, script: string): string {
  return `
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { transformSync } = require('@swc/core');
const root = ${JSON.stringify(root)};
const swc = JSON.parse(fs.readFileSync(path.join(root, '.swcrc.base.json'), 'utf8'));
const { paths } = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8')).compilerOptions;
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const target = paths[request];
  return resolve.call(this, target ? path.join(root, target[0]) : request, ...rest);
};
require.extensions['.ts'] = (module, filename) => {
  module._compile(transformSync(fs.readFileSync(filename, 'utf8'), { ...swc, swcrc: false, filename, sourceMaps: 'inline' }).code, filename);
};
process.argv = [process.argv[0], ${JSON.stringify(script)}, ...process.argv.slice(1)];
require(${JSON.stringify(script)});
`;
}

/** Starts `script` (a path from the repository's root) from its TypeScript source, with `args` and `env` added to this process's environment. */
export function spawnTypeScript(script: string, args: readonly string[] = [], env: NodeJS.ProcessEnv = {}): ChildProcessWithoutNullStreams {
  // `--` ends node's own options: a flag of the script's (`--batch-size`) would otherwise be node's.
  return spawn(process.execPath, ['-e', loader(REPO_ROOT, join(REPO_ROOT, script)), '--', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** How a process ended: its exit code (null when a signal ended it) and what it wrote to stdout and stderr. */
export interface ProcessEnd {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly output: string;
}

/** `child`'s output so far as it grows, and its end. */
export function watchProcess(child: ChildProcessWithoutNullStreams): { output: () => string; ended: Promise<ProcessEnd> } {
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const ended = new Promise<ProcessEnd>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, output }));
  });
  return { output: () => output, ended };
}
