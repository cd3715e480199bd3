/**
 * Whether a folder may be used as a run directory. A fresh run clears what a previous run left, so the
 * trainer must be sure every entry is its own: a folder is a run only if everything in it has a name the
 * trainer or a Distillery launcher writes AND it holds the trainer's event log. A project folder that merely
 * holds a `config.distill.yaml` and a `teacher/` (`--run-dir .`) is refused, and nothing in it is touched.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseRunEvent } from '../../core/protocol/run-events';
import { EVENTS_FILE } from '../../core/runs/layout';
import { LAUNCHER_ENTRIES, RUN_ENTRIES } from '../../core/runs/layout';
import { readRunLock, RUN_LOCK } from './run-lock';

export type RunFolderKind =
  /** Missing or empty. */
  | 'new'
  /** Only what a launcher (sweep, Slurm) put there before the trainer started. */
  | 'launched'
  /** A previous run of the trainer. */
  | 'run'
  /** Anything else: never written into, never cleared. */
  | 'foreign';

export interface RunFolderVerdict {
  readonly kind: RunFolderKind;
  /** For 'foreign': why, naming the entries. */
  readonly reason?: string;
}

const OWN_NAMES = new Set<string>([...RUN_ENTRIES, ...LAUNCHER_ENTRIES, RUN_LOCK]);

/** Temporary names of an atomic write the process was killed in (RunFiles writes `NAME.partial`, then renames). */
const isOwn = (name: string): boolean => OWN_NAMES.has(name) || OWN_NAMES.has(name.replace(/\.partial$/, ''));

/** The first line of the trainer's event log parses as a run event: the folder was written by the trainer. */
function holdsTrainerEvents(dir: string): boolean {
  const file = path.join(dir, EVENTS_FILE);
  let fd: number | undefined;
  try {
    if (!fs.lstatSync(file).isFile()) return false;
    fd = fs.openSync(file, 'r');
    const head = Buffer.alloc(64 * 1024);
    const read = fs.readSync(fd, head, 0, head.length, 0);
    const firstLine = head.subarray(0, read).toString('utf8').split('\n')[0] ?? '';
    return parseRunEvent(firstLine) !== undefined;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

const listed = (names: readonly string[]): string =>
  names
    .slice(0, 5)
    .map((n) => `'${n}'`)
    .join(', ') + (names.length > 5 ? ` and ${names.length - 5} more` : '');

export function classifyRunFolder(dir: string): RunFolderVerdict {
  let entries: string[];
  try {
    const stat = fs.statSync(dir);
    if (!stat.isDirectory()) return { kind: 'foreign', reason: 'it is a file, not a folder' };
    entries = fs.readdirSync(dir);
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return { kind: 'new' };
    throw error;
  }
  if (entries.length === 0) return { kind: 'new' };
  const strangers = entries.filter((name) => !isOwn(name));
  if (strangers.length > 0)
    return { kind: 'foreign', reason: `it holds ${listed(strangers)}, which Distillery did not write` };
  if (entries.every((name) => LAUNCHER_ENTRIES.includes(name) || name === RUN_LOCK)) return { kind: 'launched' };
  // A run killed before its first event still holds the lock the trainer wrote.
  if (holdsTrainerEvents(dir) || readRunLock(dir) !== undefined) return { kind: 'run' };
  const runNames = entries.filter((name) => !LAUNCHER_ENTRIES.includes(name));
  return {
    kind: 'foreign',
    reason: `it holds ${listed(runNames)} but no events.jsonl of a Distillery run, so they may be yours`,
  };
}
