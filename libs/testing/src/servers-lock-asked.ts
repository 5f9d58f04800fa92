import { eventually } from './eventually';
import { ServersHold, ServersLockOptions, ServersUse, holdServers } from './servers-lock';

/** A hold on the servers being asked for, as the lock's tests watch it: whether it was told to wait, whether it is queued, and whether it is granted yet. */
export interface AskedHold {
  readonly state: { waited: boolean; queued: boolean; granted: boolean };
  readonly hold: Promise<ServersHold>;
}

/** Asks for a hold on the servers; once granted, it is put in `granted` for the test to release. */
export function askServers(use: ServersUse, options: ServersLockOptions, granted: ServersHold[]): AskedHold {
  const state = { waited: false, queued: false, granted: false };
  const hold = holdServers(use, { ...options, onWait: () => (state.waited = true), onQueued: () => (state.queued = true) }).then((held) => {
    state.granted = true;
    granted.push(held);
    return held;
  });
  return { state, hold };
}

/** Waits until the hold asked for says it waits; it must not be granted meanwhile. */
export async function saysItWaits(asked: AskedHold): Promise<void> {
  await eventually(() => {
    if (!asked.state.waited) throw new Error('the hold asked for has not said it waits');
  }, 10_000, 20);
  if (asked.state.granted) throw new Error('the hold asked for was granted, though it said it waits');
}
