/**
 * One filler per shared cache file: trials of a sweep or Slurm array tasks on a shared filesystem that start on the
 * same uncached data would otherwise each decode all of it. The first takes `<file>.lock` (O_EXCL, its pid, host
 * and start time) and fills; the others wait for it and then read the finished file. The holder refreshes the
 * lock's modification time while it fills, so a waiter can tell a live holder from a gone one: a lock whose
 * process has ended (same host) or that has not been refreshed for FILL_LOCK_STALE_MS (any host) is taken over,
 * and the gone holder's half-written temporary file is removed. The cache file itself only ever appears complete
 * (renamed into place by the filler), so a holder killed mid-fill leaves nothing a reader could mistake for it.
 *
 * Synchronous on purpose: data loading is synchronous, and a waiter has nothing else to do.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import { type LockOwner, ownerIsGone, readLockOwner, tryCreateLock } from '../run/lock-file';

/** How often the holder touches its lock while filling. */
export const FILL_LOCK_REFRESH_MS = 2_000;
/** A lock untouched this long belongs to a holder that is gone or hung (another host cannot check its pid). */
export const FILL_LOCK_STALE_MS = 60_000;
/** A lock file without a readable owner is given this long to be written by the process that created it. */
const UNREADABLE_GRACE_MS = 5_000;
const POLL_MS = 100;

export const fillLockOf = (target: string): string => `${target}.lock`;

/** The filler's temporary file: named by host and pid, so whoever takes a stale lock over can remove it. */
export function fillingFileOf(target: string, owner: Pick<LockOwner, 'host' | 'pid'>): string {
  return `${target}.${owner.host}-${owner.pid}.tmp`;
}

export interface FillOutcome {
  /** True when this process filled the file; false when a complete one was there or another process filled it. */
  readonly filled: boolean;
  /** The holder this process waited for, when it waited. */
  readonly waitedFor?: LockOwner;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
const sleep = (ms: number): void => void Atomics.wait(sleeper, 0, 0, ms);

function ageOf(file: string): number | undefined {
  try {
    return Date.now() - fs.statSync(file).mtimeMs;
  } catch {
    return undefined; // released meanwhile
  }
}

const sameOwner = (a: LockOwner | undefined, b: LockOwner): boolean =>
  a !== undefined && a.pid === b.pid && a.host === b.host && a.started === b.started;

function isStale(owner: LockOwner | undefined, age: number): boolean {
  if (!owner) return age > UNREADABLE_GRACE_MS;
  // A lock naming this process that this (synchronous) code does not hold is a leftover from an earlier process
  // with the same pid.
  if (owner.pid === process.pid && owner.host === os.hostname()) return true;
  return ownerIsGone(owner) || age > FILL_LOCK_STALE_MS;
}

/** Removes a stale lock and what its holder left half-written. */
function takeOver(target: string, owner: LockOwner | undefined): void {
  if (owner) fs.rmSync(fillingFileOf(target, owner), { force: true });
  fs.rmSync(fillLockOf(target), { force: true });
}

/**
 * Makes sure `target` is complete: returns at once when it is; else takes its lock and runs `fill` (which writes
 * `fillingFileOf(target, this process)` and renames it to `target`, calling `keepAlive` as it goes), or waits for
 * the process holding the lock, telling `onWait` once per holder. `fill`'s errors are thrown after the lock is
 * released; a waiter then finds no file and no lock, and fills (and fails) itself.
 */
export function fillOnce(
  target: string,
  isComplete: () => boolean,
  fill: (keepAlive: () => void) => void,
  onWait: (owner: LockOwner) => void = () => undefined,
): FillOutcome {
  const lock = fillLockOf(target);
  let waitedFor: LockOwner | undefined;
  const done = (): FillOutcome => ({ filled: false, ...(waitedFor ? { waitedFor } : {}) });
  for (;;) {
    if (isComplete()) return done();
    if (tryCreateLock(lock)) {
      try {
        // The previous holder may have finished between the check above and taking the lock.
        if (isComplete()) return done();
        let touched = Date.now();
        fill(() => {
          const now = Date.now();
          if (now - touched < FILL_LOCK_REFRESH_MS) return;
          touched = now;
          fs.utimesSync(lock, new Date(now), new Date(now));
        });
        return { filled: true };
      } finally {
        // Only our own lock: a waiter that wrongly judged us stale may hold it now.
        const owner = readLockOwner(lock);
        if (owner?.pid === process.pid && owner.host === os.hostname()) fs.rmSync(lock, { force: true });
      }
    }
    const owner = readLockOwner(lock);
    const age = ageOf(lock);
    if (age === undefined) continue;
    if (isStale(owner, age)) {
      takeOver(target, owner);
      continue;
    }
    if (owner && !sameOwner(waitedFor, owner)) {
      waitedFor = owner;
      onWait(owner);
    }
    sleep(POLL_MS);
  }
}
