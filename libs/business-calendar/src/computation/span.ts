/** A half-open stretch of time [start, end) in epoch milliseconds; `end` may be Infinity. */
export interface Span {
  readonly start: number;
  readonly end: number;
}
