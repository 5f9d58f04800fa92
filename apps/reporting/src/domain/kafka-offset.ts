/**
 * Kafka's offsets are 64-bit: past 2^53 a number rounds them, and a rebuild compared, stored or
 * moved its positions by a neighbouring record's offset. Offsets are carried as bigint, read from
 * the decimal strings kafkajs and Postgres give.
 */
export function offsetOf(text: string): bigint {
  if (!/^-?[0-9]+$/.test(text)) throw new RangeError(`${JSON.stringify(text)} is not an offset`);
  return BigInt(text);
}

/** Where a rebuild reads a partition: from its next offset up to its end, the end not included. */
export interface OffsetRange {
  readonly nextOffset: bigint;
  readonly endOffset: bigint;
}

/** Whether the record at `offset` is one still to replay of the partition. */
export const stillToReplay = (range: OffsetRange, offset: bigint): boolean => offset >= range.nextOffset && offset < range.endOffset;
