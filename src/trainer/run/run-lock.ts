/**
 * One trainer per run directory: `run.lock` holds the owner's pid and host. A second trainer on the same
 * folder refuses (before it clears or writes anything); a lock whose process is gone (killed, machine
 * rebooted) is stale and taken over. The owner removes it when its run ends, even on process.exit.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TrainerError } from './errors';
import { describeLockOwner, isProcessAlive, type LockOwner, readLockOwner, tryCreateLock } from './lock-file';

export const RUN_LOCK = 'run.lock';

export function readRunLock(dir: string): LockOwner | undefined {
  return readLockOwner(path.join(dir, RUN_LOCK));
}

function refuse(dir: string, owner: LockOwner, reason: string): never {
  throw new TrainerError(
    `${dir} is in use by another trainer (${describeLockOwner(owner)})${reason}.`,
    `Wait for that run to end or cancel it, or use another --run-dir. If no trainer runs there any more, delete ${path.join(dir, RUN_LOCK)}.`,
    'run-locked',
  );
}

/** The folder's owner when a trainer holds its lock: a live process on this machine, or any process on another (it cannot be checked). */
export function heldRunLock(dir: string): LockOwner | undefined {
  const owner = readRunLock(dir);
  if (!owner) return undefined;
  return owner.host !== os.hostname() || isProcessAlive(owner.pid) ? owner : undefined;
}

/** Takes the folder's lock (the folder must exist); returns the release function. */
export function acquireRunLock(dir: string): () => void {
  const file = path.join(dir, RUN_LOCK);
  if (!tryCreateLock(file)) {
    const owner = readRunLock(dir);
    if (owner && owner.host !== os.hostname()) refuse(dir, owner, '; it cannot be checked from this machine');
    if (owner && owner.pid !== process.pid && isProcessAlive(owner.pid)) refuse(dir, owner, '');
    if (owner?.pid === process.pid) refuse(dir, owner, ' in this same process');
    // Stale (its process is gone) or unreadable: take it over.
    fs.rmSync(file, { force: true });
    if (!tryCreateLock(file)) {
      const winner = readRunLock(dir);
      refuse(dir, winner ?? { pid: -1, host: 'unknown', started: '' }, ', which took the stale lock first');
    }
  }
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    process.off('exit', release);
    if (readRunLock(dir)?.pid === process.pid) fs.rmSync(file, { force: true });
  };
  process.on('exit', release);
  return release;
}
