import { followLiveHeap } from '../live-heap';

/** A process that follows its full collections and has nothing else to do: it must end by itself. */
followLiveHeap();
process.stdout.write('following\n');
