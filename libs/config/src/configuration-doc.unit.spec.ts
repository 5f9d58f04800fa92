import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIGURATION_DOC_PATH, GENERATED_BEGIN, GENERATED_END, OPERATIONS_DOC_PATH, renderConfigurationDoc, withGeneratedVariables } from './configuration-doc';
import { ENVIRONMENT } from './environment';

const committed = readFileSync(join(__dirname, '..', '..', '..', CONFIGURATION_DOC_PATH), 'utf8');
const guide = readFileSync(join(__dirname, '..', '..', '..', OPERATIONS_DOC_PATH), 'utf8');

describe('docs/configuration.md', () => {
  it('is what the schema generates (run `npm run build && npm run docs:config` after changing a variable)', () => {
    expect(committed).toBe(renderConfigurationDoc());
  });

  it('lists every variable of the schema once, with its meaning', () => {
    const rows = committed.split('\n').filter((line) => line.startsWith('| `'));
    expect(rows.map((row) => row.split('`')[1])).toEqual(Object.keys(ENVIRONMENT.properties));
    for (const row of rows) expect(row.split(' | ')[3]?.trim().length).toBeGreaterThan(1);
  });

  it('shows a secret default only by its description, never its value', () => {
    expect(committed).not.toContain('dev-secret-change-me');
  });
});

describe('docs/operations.md', () => {
  it('holds the generated table of every variable (run `npm run build && npm run docs:config` after changing one)', () => {
    expect(guide).toBe(withGeneratedVariables(guide));
    const generated = guide.slice(guide.indexOf(GENERATED_BEGIN), guide.indexOf(GENERATED_END));
    const names = generated.split('\n').filter((line) => line.startsWith('| `')).map((row) => row.split('`')[1]);
    expect(names).toEqual(Object.keys(ENVIRONMENT.properties));
  });

  it('keeps the hand-written guide around the table when regenerating', () => {
    const edited = guide.replace(GENERATED_END, `| \`STALE\` | — | text | gone |\n${GENERATED_END}`);
    expect(withGeneratedVariables(edited)).toBe(guide);
  });
});
