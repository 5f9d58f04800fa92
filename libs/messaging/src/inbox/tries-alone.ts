/** A try's turn to run alone; calling it ends the turn (once). */
export type Turn = () => void;

/**
 * The tries taken alone in this process, one at a time (ADR 0175): each is marked as its
 * partition's start before it runs (ADR 0164), and the partition's next owner counts a mark still
 * in hand as the try its process ended in. Two in hand at once, of any partitions or groups, would
 * both be counted when either ended the process, and a good event tried alongside a message that
 * ends every process it reaches would be dead-lettered with it.
 */
export class TriesAlone {
  private last: Promise<void> = Promise.resolve();

  /**
   * Waits for the try in hand, if any, to be over, and gives this one its turn; none once `signal`
   * aborts (its consumer stopping, ADR 0181), at once, however long the try in hand takes. A turn
   * not given still has its place in the queue, ended as soon as the one before it ends, so the
   * tries behind it move on.
   */
  async take(signal?: AbortSignal): Promise<Turn | undefined> {
    if (signal?.aborted) return undefined;
    let over!: () => void;
    const turn = new Promise<void>((resolve) => (over = resolve));
    const before = this.last;
    this.last = before.then(() => turn);
    if (!(await givenUnlessAborted(before, signal))) {
      void before.then(over);
      return undefined;
    }
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      over();
    };
  }
}

/** True once `before` is over, false as soon as `signal` aborts, whichever comes first. */
function givenUnlessAborted(before: Promise<void>, signal: AbortSignal | undefined): Promise<boolean> {
  if (!signal) return before.then(() => true);
  return new Promise<boolean>((resolve) => {
    const aborted = (): void => resolve(false);
    signal.addEventListener('abort', aborted, { once: true });
    void before.then(() => {
      signal.removeEventListener('abort', aborted);
      resolve(true);
    });
  });
}

/** This process's: a process ending ends the tries of all its consumers. */
export const TRIES_ALONE = new TriesAlone();
