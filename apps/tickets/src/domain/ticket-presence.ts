/** Whether a person has the ticket open to read it or is changing it (a form open, a reply being typed). */
export type PresenceMode = 'viewing' | 'editing';
export const PRESENCE_MODES: readonly PresenceMode[] = ['viewing', 'editing'];

/**
 * How long a heartbeat keeps someone present. A desk sends one every 10 seconds or so while
 * the ticket is open; a closed tab or a lost connection drops out of the list after this.
 */
export const PRESENCE_TTL_SECONDS = 30;

/** 协同提示 — someone who has a ticket open now, as others see them: the display name from their token, nothing more. */
export interface Presence {
  readonly userId: string;
  readonly name: string;
  readonly mode: PresenceMode;
  /** Since when in this mode: kept across heartbeats, reset when the mode changes. */
  readonly since: Date;
  readonly expiresAt: Date;
}

/** A heartbeat: present until the TTL from now, in the mode given, `since` kept when the mode is the same. */
export function heartbeat(previous: Presence | undefined, who: { userId: string; name: string }, mode: PresenceMode, now: Date): Presence {
  const sameMode = previous !== undefined && previous.mode === mode && previous.expiresAt > now;
  return {
    userId: who.userId,
    name: who.name,
    mode,
    since: sameMode ? previous.since : now,
    expiresAt: new Date(now.getTime() + PRESENCE_TTL_SECONDS * 1000),
  };
}

/** Who else has the ticket open at `now`: the viewer left out, expired entries dropped, editors first, then the longest present. */
export function othersPresent(entries: readonly Presence[], viewerId: string, now: Date): Presence[] {
  return entries
    .filter((p) => p.userId !== viewerId && p.expiresAt > now)
    .sort((a, b) => (a.mode === b.mode ? a.since.getTime() - b.since.getTime() : a.mode === 'editing' ? -1 : 1));
}

/** Whether two lists show the same people in the same modes since the same times (a stream sends only changes). */
export function samePresence(a: readonly Presence[], b: readonly Presence[]): boolean {
  const key = (p: Presence) => `${p.userId}|${p.mode}|${p.since.getTime()}|${p.name}`;
  return a.length === b.length && a.every((p, i) => key(p) === key(b[i]!));
}
