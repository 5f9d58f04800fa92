import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALONE_FIRST_VARIABLE, AloneFirst, aloneFirstOf, forgetAloneFirst, markQueued, untilAloneSuitesQueued } from './alone-first';

let first: AloneFirst;

beforeEach(() => {
  first = { directory: mkdtempSync(join(tmpdir(), 'alone-first-')), suites: ['/repo/test/e2e/a.e2e.spec.ts', '/repo/test/e2e/b.e2e.spec.ts'] };
});

afterEach(() => rmSync(first.directory, { recursive: true, force: true }));

describe('the alone suites first at the lock', () => {
  it('reads what the sequencer wrote, nothing where it wrote nothing, and refuses anything else by the variable’s name', () => {
    expect(aloneFirstOf({ [ALONE_FIRST_VARIABLE]: JSON.stringify(first) })).toEqual(first);
    expect(aloneFirstOf({})).toBeUndefined();
    expect(() => aloneFirstOf({ [ALONE_FIRST_VARIABLE]: JSON.stringify({ suites: [] }) })).toThrow(ALONE_FIRST_VARIABLE);
  });

  it('a shared suite waits until every alone suite is marked queued, and no longer', async () => {
    let done = false;
    const waiting = untilAloneSuitesQueued(first, 10_000, 10).then((queued) => ((done = true), queued));
    markQueued(first, first.suites[1]!);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(done).toBe(false);
    // A suite not of the list marks nothing.
    markQueued(first, '/repo/test/e2e/c.e2e.spec.ts');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(done).toBe(false);
    markQueued(first, first.suites[0]!);
    await expect(waiting).resolves.toBe(true);
  });

  it('goes on after its bound where an alone suite never says it is queued, and no later shared suite waits for it again', async () => {
    markQueued(first, first.suites[0]!);
    const started = Date.now();
    await expect(untilAloneSuitesQueued(first, 300, 10)).resolves.toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    await expect(untilAloneSuitesQueued(first, 300, 10)).resolves.toBe(true);
  });

  it('the tear-down removes the marks and the variable', () => {
    markQueued(first, first.suites[0]!);
    const env: NodeJS.ProcessEnv = { [ALONE_FIRST_VARIABLE]: JSON.stringify(first) };
    forgetAloneFirst(env);
    expect([existsSync(first.directory), env[ALONE_FIRST_VARIABLE]]).toEqual([false, undefined]);
  });
});
