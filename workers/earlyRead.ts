/// <reference lib="webworker" />
/**
 * The first thing the engine worker starts, right after the lockdown and before sql.js's code is
 * evaluated: reading the saved lab back from IndexedDB, which for a large lab is the longest part of
 * opening. Opening IndexedDB alone takes tens of milliseconds, and none of it waits for this thread.
 */
import { BlockSnapshotStore } from './store/blockSnapshotStore';

performance.mark('dreamlane:worker-start');

/** The lab's store, already reading (see `BlockSnapshotStore.prefetch`). */
export const store = new BlockSnapshotStore();

// The read starts now, before the writer lock is held; opening takes it if the lab is unchanged.
void store.prefetch();
