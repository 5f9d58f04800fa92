import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALONE_FIRST_VARIABLE, aloneFirstOf, forgetAloneFirst, markQueued } from './alone-first';

interface SequencedTest {
  readonly path: string;
  readonly context: { readonly config: { readonly cache: boolean }; readonly hasteFS: { getSize(path: string): number } };
}
interface Sequencer {
  sort(tests: SequencedTest[]): Promise<SequencedTest[]>;
}
// Plain CommonJS, loaded as jest loads it.
const ServersSequencer = createRequire(__filename)('./servers-sequencer.js') as new (options: object) => Sequencer;

let directory: string;
const before = process.env[ALONE_FIRST_VARIABLE];

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'servers-sequencer-'));
});

afterEach(() => {
  forgetAloneFirst();
  if (before !== undefined) process.env[ALONE_FIRST_VARIABLE] = before;
  rmSync(directory, { recursive: true, force: true });
});

/** A suite file, alone when told, its size giving jest's order where it has no timings: larger first. */
function suite(name: string, alone: boolean, size: number): SequencedTest {
  const path = join(directory, `${name}.e2e.spec.ts`);
  writeFileSync(path, `${alone ? '/**\n * @jest-environment-options {"servers": "alone"}\n */\n' : ''}it('x', () => undefined);\n`);
  return { path, context: { config: { cache: false }, hasteFS: { getSize: () => size } } };
}

const names = (tests: readonly SequencedTest[]) => tests.map((t) => t.path.replace(`${directory}/`, '').replace('.e2e.spec.ts', ''));

describe('the servers sequencer', () => {
  it('puts the alone suites first and names them to the workers, with a directory for their marks that the first mark makes', async () => {
    const sorted = await new ServersSequencer({}).sort([suite('big-shared', false, 900), suite('alone', true, 10), suite('small-shared', false, 100)]);
    expect(names(sorted)).toEqual(['alone', 'big-shared', 'small-shared']);
    const first = aloneFirstOf();
    expect(first?.suites).toEqual([sorted[0]!.path]);
    // Named, not made: a listing of the suites, which orders them with no tear-down after, leaves nothing behind.
    expect(existsSync(first!.directory)).toBe(false);
    markQueued(first!, sorted[0]!.path);
    expect(existsSync(join(first!.directory, 'queued-0'))).toBe(true);
    forgetAloneFirst();
    expect(existsSync(first!.directory)).toBe(false);
  });

  it('names none where every suite is shared or every one alone: no shared suite would wait, or none is there to', async () => {
    process.env[ALONE_FIRST_VARIABLE] = JSON.stringify({ directory: join(directory, 'an earlier run'), suites: ['x'] });
    await new ServersSequencer({}).sort([suite('a', false, 1), suite('b', false, 2)]);
    expect(process.env[ALONE_FIRST_VARIABLE]).toBeUndefined();
    await new ServersSequencer({}).sort([suite('c', true, 1)]);
    expect(process.env[ALONE_FIRST_VARIABLE]).toBeUndefined();
  });
});
