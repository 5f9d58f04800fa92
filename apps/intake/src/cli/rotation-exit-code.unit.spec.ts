import { ConfigError } from '@cs/config';
import { PiiKeyConfigError } from '../infrastructure/pii';
import type { PiiRotationReport } from '../infrastructure/pii/rotate-pii-keys';
import { ROTATION_EXIT_CODES, ROTATION_EXIT_CODES_NOT_RETRIED, rotationErrorExitCode, rotationExitCode } from './rotation-exit-code';

const run = (outcome: Partial<PiiRotationReport>): PiiRotationReport => ({
  activeKeyId: 'k2',
  dryRun: false,
  refused: false,
  replicasBehind: [],
  interrupted: false,
  columns: [],
  rotated: 10,
  failed: 0,
  remaining: 0,
  complete: false,
  ...outcome,
});

describe('how rotate-pii-keys ends, for the Job that tries it again', () => {
  it('given every value under the active key, or a dry run, then 0', () => {
    expect(rotationExitCode(run({ complete: true }))).toBe(0);
    expect(rotationExitCode(run({ dryRun: true, remaining: 7 }))).toBe(0);
  });

  it.each([
    ['rows held by traffic left', { remaining: 2 }],
    ['a stop between batches', { interrupted: true, remaining: 40 }],
  ])('given %s and nothing that fails to decrypt, then 1, which the Job tries again', (_case, outcome) => {
    const code = rotationExitCode(run(outcome));

    expect(code).toBe(ROTATION_EXIT_CODES.incomplete);
    expect(ROTATION_EXIT_CODES_NOT_RETRIED).not.toContain(code);
  });

  it.each([
    ['values that do not decrypt', { failed: 3, remaining: 3 }],
    ['values that do not decrypt and rows held by traffic', { failed: 1, remaining: 5 }],
    ['values that do not decrypt and a stop between batches', { failed: 1, interrupted: true, remaining: 50 }],
  ])('given %s, then 3, which the Job does not try again (a rerun leaves them as they are)', (_case, outcome) => {
    const code = rotationExitCode(run(outcome));

    expect(code).toBe(3);
    expect(ROTATION_EXIT_CODES_NOT_RETRIED).toContain(code);
  });

  const behind = [{ replicaId: '0b5e7d1c-49a3-4c1e-9f0e-3c4f2f1b6a10', host: 'intake-7d9f-abcde', activeKeyId: 'k1', silentForMs: 4_000 }];

  it.each([
    ['refused, a replica on k1 once the wait ran out', { refused: true, replicasBehind: behind, rotated: 0, remaining: 0 }],
    ['a replica on k1 started while it ran', { replicasBehind: behind, remaining: 2 }],
    ['a replica on k1 started while it ran, though nothing is left', { replicasBehind: behind, remaining: 0 }],
  ])('given %s, then 4, which the Job does not try again (a rerun waits for the same replica)', (_case, outcome) => {
    const code = rotationExitCode(run(outcome));

    expect(code).toBe(ROTATION_EXIT_CODES.replicasBehind);
    expect(ROTATION_EXIT_CODES_NOT_RETRIED).toContain(code);
  });

  it('given a replica on k1 and a stop by a signal, then 1; given a replica on k1 and values that do not decrypt, then 3', () => {
    expect(rotationExitCode(run({ replicasBehind: behind, interrupted: true, rotated: 0 }))).toBe(1);
    expect(rotationExitCode(run({ replicasBehind: behind, failed: 1, remaining: 1 }))).toBe(3);
  });

  it('given a configuration or keys refused, then 2, not tried again; given any other error (the database lost), then 1', () => {
    expect(rotationErrorExitCode(new PiiKeyConfigError(['PII_ACTIVE_KEY_ID "k3" is not among PII_ENCRYPTION_KEYS']))).toBe(2);
    expect(rotationErrorExitCode(new ConfigError(['DATABASE_URL is required']))).toBe(2);
    expect(ROTATION_EXIT_CODES_NOT_RETRIED).toContain(2);
    expect(rotationErrorExitCode(new Error('Connection terminated unexpectedly'))).toBe(1);
  });
});
