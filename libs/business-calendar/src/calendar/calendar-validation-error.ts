export interface CalendarProblem {
  /** Where in the document, e.g. `workingHours.mon[1][0]` or `holidays[3].date`; '' is the whole document. */
  readonly path: string;
  readonly message: string;
}

/** A calendar document that cannot be used; lists every problem found, not just the first. */
export class CalendarValidationError extends Error {
  constructor(readonly problems: readonly CalendarProblem[]) {
    super(`Invalid business calendar: ${problems.map(describe).join('; ')}`);
    this.name = 'CalendarValidationError';
  }
}

function describe({ path, message }: CalendarProblem): string {
  return path === '' ? message : `${path} ${message}`;
}
