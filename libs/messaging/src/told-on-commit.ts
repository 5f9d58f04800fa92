/**
 * What work tells (a log line) only once it holds: told after its transaction commits, dropped
 * when it is rolled back. Told at once, a transaction that failed and was run again (a batch done
 * again one subject or event at a time, an event retried) told the first run's again, and one
 * rolled back told what it undid.
 */
export type TellOnCommit = (tell: () => void) => void;

/** Tells at once: for work whose caller gives no transaction to tell after. */
export const tellNow: TellOnCommit = (tell) => tell();

/** What one transaction's work gave to tell: `add` while it runs, `tell` once it committed; a rolled-back one's are dropped with it. */
export class ToldOnCommit {
  private readonly told: (() => void)[] = [];

  readonly add: TellOnCommit = (tell) => {
    this.told.push(tell);
  };

  /** Tells each, in the order given, once. */
  tell(): void {
    for (const tell of this.told.splice(0)) tell();
  }
}
