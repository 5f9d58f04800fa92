import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { isObject, type Json, type JsonObject } from './json';

/**
 * Where the real kustomize is: `kubectl kustomize` (kubectl embeds kustomize v5), else a
 * standalone `kustomize` on PATH or where `go install` puts it. scripts/test.sh installs the
 * Go one on a machine that has neither (`install_kustomize` in scripts/lib.sh).
 */
export function kustomizeCommand(env: NodeJS.ProcessEnv = process.env): [string, ...string[]] {
  const dirs = [...(env['PATH'] ?? '').split(delimiter), ...goBinDirs(env)].filter((dir) => dir !== '');
  const find = (bin: string): string | undefined => dirs.map((dir) => join(dir, bin)).find((file) => existsSync(file));
  const kubectl = find('kubectl');
  if (kubectl !== undefined) return [kubectl, 'kustomize'];
  const kustomize = find('kustomize');
  if (kustomize !== undefined) return [kustomize, 'build'];
  throw new Error('neither kubectl nor kustomize found: run `source scripts/lib.sh && install_kustomize`');
}

/** Where `go install` puts binaries: $GOBIN, else $GOPATH/bin, else ~/go/bin. */
function goBinDirs(env: NodeJS.ProcessEnv): string[] {
  const { GOBIN, GOPATH, HOME } = env;
  return [GOBIN, GOPATH && join(GOPATH, 'bin'), HOME && join(HOME, 'go', 'bin')].filter(
    (dir): dir is string => typeof dir === 'string' && dir !== '',
  );
}

const rendered = new Map<string, JsonObject[]>();

/** The objects `kustomize build <dir>` prints, parsed; one render per directory and test file. */
export function kustomizeBuild(dir: string): JsonObject[] {
  const cached = rendered.get(dir);
  if (cached !== undefined) return cached;
  const [bin, ...verb] = kustomizeCommand();
  const text = execFileSync(bin, [...verb, dir], { encoding: 'utf8', timeout: 120_000 });
  const objects = parseAllDocuments(text)
    .map((document) => document.toJS() as Json)
    .filter((value): value is JsonObject => isObject(value));
  rendered.set(dir, objects);
  return objects;
}
