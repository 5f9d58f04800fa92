// Compiles every app and lib with swc into dist/, rewriting the @cs/* path aliases to
// relative requires so the output runs with plain `node` and no runtime resolver.
// `node scripts/build.mjs <project root>` (e.g. libs/config) compiles one project into
// dist/<project root>: Nx's `build` target, which builds the libs it depends on first.
import { transformFile } from '@swc/core';
import { readFileSync, mkdirSync, writeFileSync, readdirSync, statSync, rmSync } from 'node:fs';
import { join, dirname, relative, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const base = JSON.parse(readFileSync(join(root, '.swcrc.base.json'), 'utf8'));
const { paths } = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8')).compilerOptions;
const outDir = join(root, 'dist');

function sources(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    // src/testing/ holds test support (fixtures, fast-check arbitraries), never shipped.
    if (statSync(full).isDirectory()) return name === 'node_modules' || (name === 'testing' && dir.endsWith('/src')) ? [] : sources(full);
    return /\.ts$/.test(name) && !/\.spec\.ts$/.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

const project = process.argv[2];
const roots = project ? [project] : ['apps', 'libs'];
rmSync(project ? join(outDir, project) : outDir, { recursive: true, force: true });
const files = roots.flatMap((d) => sources(join(root, d)));
await Promise.all(
  files.map(async (file) => {
    const out = await transformFile(file, {
      ...base,
      swcrc: false,
      filename: file,
      sourceFileName: relative(dirname(join(outDir, relative(root, file))), file),
      jsc: { ...base.jsc, baseUrl: root, paths },
    });
    const target = join(outDir, relative(root, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, out.code + '\n//# sourceMappingURL=' + target.split('/').pop() + '.map');
    if (out.map) writeFileSync(target + '.map', out.map);
  }),
);
// JSON assets (e.g. seed data) travel with the code.
for (const d of roots) {
  const walk = (dir) => readdirSync(dir).forEach((n) => {
    const f = join(dir, n);
    if (statSync(f).isDirectory()) return walk(f);
    if (n.endsWith('.json') && !['project.json', 'tsconfig.json'].includes(n) && f.includes('/src/')) {
      const t = join(outDir, relative(root, f));
      mkdirSync(dirname(t), { recursive: true });
      writeFileSync(t, readFileSync(f));
    }
  });
  walk(join(root, d));
}
console.log(`built ${files.length} files into dist/${project ?? ''}`);
