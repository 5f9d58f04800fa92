import type { DataSource } from 'typeorm';
import { HandlerTimeoutError, transactionWithin } from './bounded-transaction';

/** A data source whose one runner's connection ends as `end` does, and which counts its releases. */
function dataSourceClosing(end: () => Promise<void>): { readonly dataSource: DataSource; readonly released: jest.Mock } {
  const released = jest.fn();
  const runner = {
    manager: {},
    isTransactionActive: true,
    startTransaction: () => Promise.resolve(),
    commitTransaction: () => Promise.resolve(),
    rollbackTransaction: () => Promise.resolve(),
    connect: () => Promise.resolve({ end }),
    release: () => Promise.resolve(released()),
  };
  return { dataSource: { createQueryRunner: () => runner } as unknown as DataSource, released };
}

describe('transactionWithin', () => {
  it('given handlers that outlast the bound and a server that never closes its side, then it fails with HandlerTimeoutError and releases the runner anyway', async () => {
    // Ending a connection with no statement in flight waits for the server to close it: one that stopped answering never does.
    const { dataSource, released } = dataSourceClosing(() => new Promise<void>(() => undefined));

    await expect(transactionWithin(dataSource, 50, () => new Promise<void>(() => undefined))).rejects.toBeInstanceOf(HandlerTimeoutError);
    expect(released).toHaveBeenCalledTimes(1);
  }, 4_000);

  it('given handlers that outlast the bound, then onTimeout is told when the time runs out, before the wait for the connection to close, whatever the work does meanwhile', async () => {
    // Given a connection slow to close, and work that goes on to another event while it closes
    const told: string[] = [];
    let endClose!: () => void;
    const closing = new Promise<void>((resolve) => (endClose = resolve));
    const { dataSource } = dataSourceClosing(() => (told.push('closing'), closing));
    let inHand = 'event-1';
    const failing = transactionWithin(
      dataSource,
      50,
      () => new Promise<void>(() => undefined),
      () => told.push(`timed out in ${inHand}`),
    ).catch((error: unknown) => error);

    // When the work moves on while the connection closes
    await new Promise((resolve) => setTimeout(resolve, 200));
    inHand = 'event-2';
    endClose();

    // Then the timeout was told in the event in hand when it fired, before the close began
    expect(await failing).toBeInstanceOf(HandlerTimeoutError);
    expect(told).toEqual(['timed out in event-1', 'closing']);
  }, 4_000);
});
