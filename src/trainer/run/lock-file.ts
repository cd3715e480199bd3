/**
 * Lock files shared by the run-directory lock and the image-cache fill lock: created with O_EXCL (only one
 * process can create it), holding the owner's pid, host and start time as one JSON line, so another process can
 * tell whether the owner is still there (same host: is its pid alive) before taking a stale lock over.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';

export interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly started: string;
}

/** A lock file is a few dozen bytes; anything larger or not a regular file is not one of ours. */
const MAX_LOCK_BYTES = 4096;

/** The owner written in `file`, or undefined when there is no such file or it is not a lock of ours. */
export function readLockOwner(file: string): LockOwner | undefined {
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

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

/** True when `owner` is a process on this machine that has ended (a lock on another host cannot be checked). */
export function ownerIsGone(owner: LockOwner): boolean {
  return owner.host === os.hostname() && owner.pid !== process.pid && !isProcessAlive(owner.pid);
}

/** Creates `file` holding this process as owner; false when it exists already (someone else holds it). */
export function tryCreateLock(file: string): boolean {
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

/** Describes `owner` for messages: "pid 123 on host-a, since 2026-...". */
export function describeLockOwner(owner: LockOwner): string {
  return `pid ${owner.pid} on ${owner.host}${owner.started ? `, since ${owner.started}` : ''}`;
}
