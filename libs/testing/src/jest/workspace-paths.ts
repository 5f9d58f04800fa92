import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { register } from 'tsconfig-paths';

const ROOT = join(__dirname, '..', '..', '..', '..');
let registered = false;

/**
 * Jest maps the `@cs/*` imports of the suites (moduleNameMapper) but runs globalSetup and
 * globalTeardown under Node's own resolver, which knows nothing of them: the hooks map them
 * the same way, from tsconfig.base.json, before importing anything that uses them. Jest's
 * transformer still compiles what they load.
 */
export function registerWorkspacePaths(): void {
  if (registered) return;
  const { compilerOptions } = JSON.parse(readFileSync(join(ROOT, 'tsconfig.base.json'), 'utf8')) as {
    compilerOptions: { paths: Record<string, string[]> };
  };
  register({ baseUrl: ROOT, paths: compilerOptions.paths, addMatchAll: false });
  registered = true;
}
