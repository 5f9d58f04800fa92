/**
 * The calendar has no working time for so long that a deadline cannot be found, e.g. every
 * weekday is empty and the 调休 list has run out. Thrown instead of searching forever.
 */
export class NoWorkingTimeError extends Error {
  constructor(
    readonly timezone: string,
    readonly searchedFrom: Date,
    readonly searchedDays: number,
  ) {
    super(
      `The business calendar (${timezone}) has no working time in the ${searchedDays} days after ${searchedFrom.toISOString()}; check its working hours and adjusted working days`,
    );
    this.name = 'NoWorkingTimeError';
  }
}

/**
 * A deadline cannot be computed because the clock is paused with no end (`to` absent) before
 * the amount of working time has run out. `remainingMinutes` is what was left when it paused.
 */
export class OpenPauseError extends Error {
  constructor(
    readonly pausedSince: Date,
    readonly remainingMinutes: number,
  ) {
    super(
      `The clock is paused since ${pausedSince.toISOString()} with no end, with ${remainingMinutes} working minutes still to run; the deadline is unknown until the pause ends`,
    );
    this.name = 'OpenPauseError';
  }
}
