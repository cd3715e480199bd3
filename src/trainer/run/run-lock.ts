/**
 * One trainer per run directory: `run.lock` holds the owner's pid and host. A second trainer on the same
 * folder refuses (before it clears or writes anything); a lock whose process is gone (killed, machine
 * rebooted) is stale and taken over. The owner removes it when its run ends, even on process.exit.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TrainerError } from './errors';

export const RUN_LOCK = 'run.lock';

export interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly started: string;
}

/** A lock file is a few dozen bytes; anything larger or not a regular file is not one of ours. */
const MAX_LOCK_BYTES = 4096;

export function readRunLock(dir: string): LockOwner | undefined {
  const file = path.join(dir, RUN_LOCK);
  try {
    const stat = fs.lstatSync(file);
    if (!stat.isFile() || stat.size > MAX_LOCK_BYTES) return undefined;
    const value = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockOwner>;
    if (!Number.isInteger(value.pid) || typeof value.host !== 'string') return undefined;
    return { pid: value.pid!, host: value.host, started: typeof value.started === 'string' ? value.started : '' };
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

function tryCreate(file: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx');
  } catch (error) {
    if ((error as { code?: string }).code === 'EEXIST') return false;
    throw error;
  }
  const owner: LockOwner = { pid: process.pid, host: os.hostname(), started: new Date().toISOString() };
  fs.writeSync(fd, `${JSON.stringify(owner)}\n`);
  fs.closeSync(fd);
  return true;
}

function refuse(dir: string, owner: LockOwner, reason: string): never {
  throw new TrainerError(
    `${dir} is in use by another trainer (pid ${owner.pid} on ${owner.host}${owner.started ? `, since ${owner.started}` : ''})${reason}.`,
    `Wait for that run to end or cancel it, or use another --run-dir. If no trainer runs there any more, delete ${path.join(dir, RUN_LOCK)}.`,
    'run-locked',
  );
}

/** Takes the folder's lock (the folder must exist); returns the release function. */
export function acquireRunLock(dir: string): () => void {
  const file = path.join(dir, RUN_LOCK);
  if (!tryCreate(file)) {
    const owner = readRunLock(dir);
    if (owner && owner.host !== os.hostname()) refuse(dir, owner, '; it cannot be checked from this machine');
    if (owner && owner.pid !== process.pid && isAlive(owner.pid)) refuse(dir, owner, '');
    if (owner?.pid === process.pid) refuse(dir, owner, ' in this same process');
    // Stale (its process is gone) or unreadable: take it over.
    fs.rmSync(file, { force: true });
    if (!tryCreate(file)) {
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
