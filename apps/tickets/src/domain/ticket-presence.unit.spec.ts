import { PRESENCE_TTL_SECONDS, Presence, heartbeat, othersPresent, samePresence } from './ticket-presence';

const t0 = new Date('2026-11-30T02:00:00Z');
const later = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const li = { userId: 'agent-7', name: '李客服' };
const wang = { userId: 'agent-8', name: '王客服' };

describe('a heartbeat (协同提示)', () => {
  it('given nobody, when someone opens the ticket, then they are present from now until the TTL', () => {
    expect(heartbeat(undefined, li, 'viewing', t0)).toEqual({ ...li, mode: 'viewing', since: t0, expiresAt: later(PRESENCE_TTL_SECONDS) });
  });

  it('given someone viewing, when their next heartbeat keeps the mode, then "since" stays and the TTL moves on', () => {
    const first = heartbeat(undefined, li, 'viewing', t0);
    expect(heartbeat(first, li, 'viewing', later(10))).toMatchObject({ since: t0, expiresAt: later(10 + PRESENCE_TTL_SECONDS) });
  });

  it('given someone viewing, when they start editing, then "since" is now', () => {
    const first = heartbeat(undefined, li, 'viewing', t0);
    expect(heartbeat(first, li, 'editing', later(10))).toMatchObject({ mode: 'editing', since: later(10) });
  });

  it('given a presence that lapsed, when they come back in the same mode, then "since" starts again', () => {
    const first = heartbeat(undefined, li, 'viewing', t0);
    expect(heartbeat(first, li, 'viewing', later(PRESENCE_TTL_SECONDS + 1)).since).toEqual(later(PRESENCE_TTL_SECONDS + 1));
  });
});

describe('who else is on the ticket', () => {
  const entries: Presence[] = [heartbeat(undefined, li, 'viewing', t0), heartbeat(undefined, wang, 'editing', later(5)), heartbeat(undefined, { userId: 'sup-1', name: '赵主管' }, 'viewing', later(-60))];

  it('given three entries, when one of them reads, then they see the others still present, editors first, never themselves', () => {
    expect(othersPresent(entries, 'agent-7', later(6)).map((p) => p.userId)).toEqual(['agent-8']);
    expect(othersPresent(entries, 'agent-8', later(6)).map((p) => p.userId)).toEqual(['agent-7']);
    expect(othersPresent(entries, 'someone-else', later(6)).map((p) => p.userId)).toEqual(['agent-8', 'agent-7']);
  });

  it('given an entry whose heartbeats stopped, when the TTL has passed, then it is gone', () => {
    expect(othersPresent(entries, 'x', later(PRESENCE_TTL_SECONDS + 6))).toEqual([]);
  });

  it('given the same people in the same modes, then the lists are the same; a mode change is a change', () => {
    const now = othersPresent(entries, 'x', later(6));
    expect(samePresence(now, othersPresent(entries, 'x', later(7)))).toBe(true);
    expect(samePresence(now, [{ ...now[0]!, mode: 'viewing' }, now[1]!])).toBe(false);
  });
});
