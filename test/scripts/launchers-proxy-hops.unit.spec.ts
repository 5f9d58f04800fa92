import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The launchers whose clients reach the services directly (up.sh's service ports, the fuzzer's and
 * the benchmark's isolated copies) start them believing no X-Forwarded-For entry; a service's
 * default (1) is Kubernetes', where the ingress or the gateway is always in front.
 */
const repo = join(__dirname, '..', '..');

describe('the proxies a service launched on this machine believes', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'launch-'));
    // A `node` that writes down what it was started with, in place of the service.
    writeFileSync(join(dir, 'node'), '#!/usr/bin/env bash\necho "TRUSTED_PROXY_HOPS=${TRUSTED_PROXY_HOPS-unset}"\n');
    chmodSync(join(dir, 'node'), 0o755);
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** What the launched process printed, once it has ended. */
  const launched = (script: string, log: string): string => {
    const run = spawnSync('bash', ['-c', `source scripts/lib.sh; ${script}; wait`], {
      cwd: repo,
      env: { ...process.env, PATH: `${dir}:${process.env['PATH']}`, DATABASE_ADMIN_URL: 'postgres://u:p@127.0.0.1:5432/cs', REDIS_URL: 'redis://127.0.0.1:6379' },
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    return readFileSync(join(dir, log), 'utf8').trim();
  };

  it('given up.sh starting a service its clients reach at its own port, then it believes none (0)', () => {
    expect(launched(`RUN_DIR='${dir}' LOG_DIR='${dir}' start_local_service tickets`, 'tickets.log')).toBe('TRUSTED_PROXY_HOPS=0');
  });

  it('given an isolated copy starting a service, then it believes none (0), unless the copy is started with a value', () => {
    const copy = (extra: string) =>
      `source scripts/isolated-copy.sh; COPY_DIR='${dir}' COPY_MARKER=m COPY_ADMIN_URL='postgres://u:p@127.0.0.1:5432/cs_m' COPY_REDIS_URL=redis://127.0.0.1:6379/9 COPY_NODE_ARGS=() COPY_EXTRA_ENV=(${extra}); copy_launch tickets tickets 45002`;
    expect(launched(copy(''), 'tickets.log')).toBe('TRUSTED_PROXY_HOPS=0');
    expect(launched(copy('TRUSTED_PROXY_HOPS=1'), 'tickets.log')).toBe('TRUSTED_PROXY_HOPS=1');
  });
});
