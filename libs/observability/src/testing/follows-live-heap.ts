import { setTimeout as sleep } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { followLiveHeap, liveHeap } from '../live-heap';

/** A process that follows its full collections, makes one, says what it read and has nothing else to do: it must end by itself. */
setFlagsFromString('--expose-gc');
followLiveHeap();
(runInNewContext('gc') as () => void)();
void (async () => {
  for (let waited = 0; !liveHeap() && waited < 5_000; waited += 10) await sleep(10);
  process.stdout.write(`live heap ${liveHeap()?.bytes ?? 0}\n`);
})();
