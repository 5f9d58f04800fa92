import type { DataSource } from 'typeorm';
import { HandlerTimeoutError, transactionWithin } from './bounded-transaction';

describe('transactionWithin', () => {
  it('given handlers that outlast the bound and a server that never closes its side, then it fails with HandlerTimeoutError and releases the runner anyway', async () => {
    // Ending a connection with no statement in flight waits for the server to close it: one that stopped answering never does.
    const ending = new Promise<void>(() => undefined);
    const released = jest.fn();
    const runner = {
      manager: {},
      isTransactionActive: true,
      startTransaction: () => Promise.resolve(),
      commitTransaction: () => Promise.resolve(),
      rollbackTransaction: () => Promise.resolve(),
      connect: () => Promise.resolve({ end: () => ending }),
      release: () => Promise.resolve(released()),
    };
    const dataSource = { createQueryRunner: () => runner } as unknown as DataSource;

    await expect(transactionWithin(dataSource, 50, () => new Promise<void>(() => undefined))).rejects.toBeInstanceOf(HandlerTimeoutError);
    expect(released).toHaveBeenCalledTimes(1);
  }, 4_000);
});
