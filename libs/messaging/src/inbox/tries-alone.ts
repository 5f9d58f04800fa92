/**
 * The tries taken alone in this process, one at a time (ADR 0175): each is marked as its
 * partition's start before it runs (ADR 0164), and the partition's next owner counts a mark still
 * in hand as the try its process ended in. Two in hand at once, of any partitions or groups, would
 * both be counted when either ended the process, and a good event tried alongside a message that
 * ends every process it reaches would be dead-lettered with it.
 */
export class TriesAlone {
  private last: Promise<void> = Promise.resolve();

  /** Waits for the try in hand, if any, to be over; the returned function ends this one's turn (once). */
  async take(): Promise<() => void> {
    let over!: () => void;
    const turn = new Promise<void>((resolve) => (over = resolve));
    const before = this.last;
    this.last = before.then(() => turn);
    await before;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      over();
    };
  }
}

/** This process's: a process ending ends the tries of all its consumers. */
export const TRIES_ALONE = new TriesAlone();
