/**
 * What a thrown value says, for a log line and a dead-letter header: an Error's message, else the
 * value as text. Never throws: a handler may throw anything, an object of no class
 * (`Object.create(null)`, which `String` cannot convert) included, and a failure described by
 * throwing again would never be counted, its event retried for ever (ADR 0181).
 */
export function thrownText(thrown: unknown): string {
  if (thrown instanceof Error) return thrown.message;
  try {
    return String(thrown);
  } catch {
    try {
      return JSON.stringify(thrown) ?? THROWN_WITHOUT_TEXT;
    } catch {
      return THROWN_WITHOUT_TEXT;
    }
  }
}

const THROWN_WITHOUT_TEXT = 'a thrown value that cannot be read as text';
