import { MigrationLockTimeoutError } from '@cs/persistence';
import { MIGRATION_EXIT_CODES, migrationExitCode } from './migrations';

describe('how a migration run that failed ends', () => {
  it('given a run stopped by a lock, its attempts or its budget spent, then it ends 75, which the db-migrate Job fails on at once; any other failure ends 1', () => {
    expect(migrationExitCode(new MigrationLockTimeoutError('held', 'budget'))).toBe(75);
    expect(migrationExitCode(new MigrationLockTimeoutError('held', 'attempts'))).toBe(MIGRATION_EXIT_CODES.heldByLock);
    expect(migrationExitCode(new Error('connection refused'))).toBe(MIGRATION_EXIT_CODES.failed);
  });
});
