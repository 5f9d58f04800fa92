/**
 * Objects with optional properties, built without writing `key: undefined` or `key: null`.
 *
 * A key present with the value `undefined` is not a missing key: JSON Schema `required` and
 * `additionalProperties` checks see it, `toStrictEqual` sees it, and `Object.keys` lists it
 * although `JSON.stringify` drops it. A `null` reaches JSON as `null`. Building the object
 * through `presentProps` leaves such keys out (docs/adr/0012-optional-properties.md).
 *
 * Absent means `undefined`, `null` or `''`: what the guard `...(value ? { key: value } : {})`
 * left out for texts, objects and arrays. Optional request fields arrive as `null` (the
 * validation pipe passes them through), nullable columns come back as `null`, and event fields
 * without a minimum length may be `''`; none of them should become a property. `0`, `false` and
 * `NaN` are values and stay. Where `null` or `''` must be kept, test `=== undefined` explicitly.
 */

/** Keys of T whose type admits an absent value (any text may be `''`). */
type AbsentKeys<T> = { [K in keyof T]-?: [Extract<undefined | null | '', T[K]>] extends [never] ? never : K }[keyof T];

/** T with the properties that may be absent made optional, and never `undefined` or `null`. */
export type PresentProps<T> = {
  [K in Exclude<keyof T, AbsentKeys<T>>]: T[K];
} & {
  [K in AbsentKeys<T>]?: Exclude<T[K], undefined | null>;
} extends infer P
  ? { [K in keyof P]: P[K] }
  : never;

/** A copy of `props` without the keys whose value is `undefined`, `null` or `''`, in the same order. */
export function presentProps<T extends object>(props: T): PresentProps<T> {
  return Object.fromEntries(
    Object.entries(props).filter(([, value]) => value !== undefined && value !== null && value !== ''),
  ) as PresentProps<T>;
}
