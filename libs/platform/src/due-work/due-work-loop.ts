import type { DataSource, EntityManager } from 'typeorm';
import { type TellOnCommit, ToldOnCommit } from '@cs/messaging';
import type { Logger } from '@cs/observability';
import { BackgroundLoop } from '../background-loop';
import { isDependencyFailure } from '../problem/dependency-failure';
import type { DueWorkFailures } from './due-work-failures';

/**
 * Subjects locked and fired per transaction. A burst costs one commit and a few multi-row
 * statements per this many; a pass still holds its rows for well under a second, so a person's
 * command on one of them waits little.
 */
export const DUE_BATCH = 200;
/**
 * Candidates read per batch: room for this many passes in flight at once (replicas), each
 * skipping the rows the others locked and still finding a full batch.
 */
const CANDIDATES_PER_BATCH = 4;

/** What one pass did: work it fired, subjects it held back after a failure, and whether it locked a full batch. */
export interface PassOutcome {
  readonly fired: number;
  readonly postponed: number;
  readonly full: boolean;
}

const NOTHING: PassOutcome = { fired: 0, postponed: 0, full: false };

/**
 * Work that comes due on a subject — a ticket's or an incident's SLA timers, opinion deadlines
 * and owed resolutions, a callback's deadlines — done on every replica from bootstrap until
 * shutdown. A pass locks a batch of
 * subjects with `FOR UPDATE SKIP LOCKED` (skipping those another replica or a request holds),
 * claims their due rows and fires them in one transaction, so each fires once across replicas
 * and restarts; passes follow at once while they come full, and the loop sleeps `intervalMs`
 * only when nothing more is due.
 *
 * A batch that fails is done again one subject per transaction: the subjects that fail alone
 * are held back with back-off (counted and logged by DueWorkFailures) and the rest fire, so
 * one broken subject never stops every timer. A lost database is not a subject's fault: the pass
 * fails, nothing is held back, and the next pass tries again.
 */
export abstract class DueWorkLoop<S extends { readonly id: string }> extends BackgroundLoop {
  protected constructor(
    private readonly work: string,
    logger: Logger,
    intervalMs: number,
    protected readonly dataSource: DataSource,
    private readonly failures: DueWorkFailures,
    private readonly batchSize = DUE_BATCH,
    /** What the loop's logs and metrics call it (`loop` label), when not "firing <work>". */
    what = `firing ${work}`,
  ) {
    super(what, logger, intervalMs);
  }

  /** Subjects with work due at `now` and not held back, earliest due first, at most `limit`. */
  protected abstract candidates(db: EntityManager, now: Date, limit: number): Promise<string[]>;

  /** Locks those of `ids` no one else holds, at most `limit`, in the order given. */
  protected abstract lock(tx: EntityManager, ids: readonly string[], limit: number): Promise<S[]>;

  /**
   * Claims and fires what is due on the locked subjects, in the caller's transaction; returns how
   * much fired. What it tells `onCommit` (a log line) is told once that transaction committed: a
   * failed batch is done again one subject at a time, which told at once would tell it twice.
   */
  protected abstract fireLocked(tx: EntityManager, subjects: readonly S[], now: Date, onCommit: TellOnCommit): Promise<number>;

  /** Fires everything due at `now`, batch after batch; returns how much fired. */
  async fireDue(now = new Date()): Promise<number> {
    let fired = 0;
    for (;;) {
      const pass = await this.pass(now);
      fired += pass.fired;
      if (!this.worthAnother(pass)) return fired;
    }
  }

  /**
   * One batch of at most `limit`: the earliest due subjects no one holds, fired together.
   *
   * Candidates are read before the batch locks them, so another replica may fire some in
   * between: SKIP LOCKED passes by the rows it holds, not those it has just committed, and the
   * batch then locks subjects with nothing left due. A full batch that fired nothing was taken
   * whole that way — the other replica is at work on a burst, the rest still due — so the pass
   * reads again rather than report a batch done and let the loop sleep. It stops if a subject
   * it locked is read again: then nothing fires there, and reading again would only spin.
   */
  async pass(now: Date, limit = this.batchSize): Promise<PassOutcome> {
    let candidates = await this.candidates(this.dataSource.manager, now, limit * CANDIDATES_PER_BATCH);
    for (;;) {
      if (candidates.length === 0) return NOTHING;
      const { outcome, locked } = await this.batchOf(candidates, now, limit);
      if (!outcome.full || outcome.fired + outcome.postponed > 0) return outcome;
      const fresh = await this.candidates(this.dataSource.manager, now, limit * CANDIDATES_PER_BATCH);
      if (fresh.some((id) => locked.includes(id))) return outcome;
      candidates = fresh;
    }
  }

  /** Locks and fires at most `limit` of the candidates; what it did, and the subjects it locked. */
  private async batchOf(candidates: readonly string[], now: Date, limit: number): Promise<{ outcome: PassOutcome; locked: readonly string[] }> {
    let locked: readonly S[] = [];
    const told = new ToldOnCommit();
    let outcome: PassOutcome;
    try {
      outcome = await this.dataSource.transaction(async (tx) => {
        locked = await this.lock(tx, candidates, limit);
        if (locked.length === 0) return NOTHING;
        const fired = await this.fireLocked(tx, locked, now, told.add);
        await this.failures.succeeded(tx, this.work, locked.map((s) => s.id));
        return { fired, postponed: 0, full: locked.length === limit };
      });
    } catch (error) {
      if (isDependencyFailure(error)) throw error;
      // A row that cannot even be read fails the lock itself: then the candidates the batch would have taken.
      const taken = locked.length > 0 ? locked.map((s) => s.id) : candidates.slice(0, limit);
      return { outcome: { ...(await this.oneByOne(taken, now)), full: taken.length === limit }, locked: taken };
    }
    told.tell();
    return { outcome, locked: locked.map((s) => s.id) };
  }

  /** The batch failed: each subject again in a transaction of its own, to find the ones that fail alone. */
  private async oneByOne(ids: readonly string[], now: Date): Promise<{ fired: number; postponed: number }> {
    let fired = 0;
    let postponed = 0;
    for (const id of ids) {
      const told = new ToldOnCommit();
      try {
        fired += await this.dataSource.transaction(async (tx) => {
          const [subject] = await this.lock(tx, [id], 1);
          if (!subject) return 0;
          const n = await this.fireLocked(tx, [subject], now, told.add);
          await this.failures.succeeded(tx, this.work, [id]);
          return n;
        });
      } catch (error) {
        if (isDependencyFailure(error)) throw error;
        await this.failures.postpone(this.work, id, error, now);
        postponed += 1;
        continue;
      }
      told.tell();
    }
    return { fired, postponed };
  }

  protected async poll(): Promise<boolean> {
    return this.worthAnother(await this.pass(new Date()));
  }

  /** A full batch that got somewhere: more is likely due, so the next pass starts at once. */
  private worthAnother(pass: PassOutcome): boolean {
    return pass.full && pass.fired + pass.postponed > 0;
  }
}
