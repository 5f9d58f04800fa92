/** How gathered work went for one part: with the parts it was done with, or failed with them. */
export type GatheredOutcome<R> =
  | { readonly ok: true; readonly result: R; readonly together: number }
  | { readonly ok: false; readonly error: unknown; readonly together: number };

/**
 * Parts handed over in the same turn of the event loop, done together once the turn is over.
 * kafkajs hands a consumer the partition batches of one fetch one after another, each up to its
 * first wait, before any of them is awaited: a consumer that submits each batch's first chunk
 * here gets them back as one piece of work (one transaction instead of one per partition).
 */
export class TurnGathering<P, R> {
  private waiting: { readonly part: P; readonly settle: (outcome: GatheredOutcome<R>) => void }[] = [];

  /** `work` gives one result per part, in the parts' order; its failure is every part's. */
  constructor(private readonly work: (parts: readonly P[]) => Promise<readonly R[]>) {}

  submit(part: P): Promise<GatheredOutcome<R>> {
    return new Promise((settle) => {
      // setImmediate runs after the promise jobs of this turn: every batch started in it has submitted.
      if (this.waiting.length === 0) setImmediate(() => void this.flush());
      this.waiting.push({ part, settle });
    });
  }

  private async flush(): Promise<void> {
    const taken = this.waiting;
    this.waiting = [];
    const together = taken.length;
    try {
      const results = await this.work(taken.map((t) => t.part));
      taken.forEach((t, i) => t.settle({ ok: true, result: results[i]!, together }));
    } catch (error) {
      for (const t of taken) t.settle({ ok: false, error, together });
    }
  }
}
