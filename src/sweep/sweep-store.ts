/**
 * The sweep's index, `sweep.json`, kept on disk after every change (written to a temporary file and renamed,
 * so a reader — the panel, a second terminal, a resumed sweep — never sees half a file). The best trial is
 * recomputed on every change from the trials' validation objectives.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { nodeFileSystem } from '../node/file-system';
import type { SweepIndex, SweepTrial } from '../core/protocol/sweep';
import { SWEEP_INDEX_FILE } from '../core/runs/layout';
import { readSweepIndex } from '../core/runs/read-sweep';
import { SweepError } from '../core/sweep-error';
import { trialFolderProblem } from './trial-folder';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
export type TrialPatch = Partial<Omit<Mutable<SweepTrial>, 'id' | 'index' | 'params' | 'run_dir'>>;

/** The best finished trial by objective (ties go to the lower index, so the choice is reproducible). */
export function bestTrial(trials: readonly SweepTrial[], goal: 'maximize' | 'minimize'): SweepIndex['best'] {
  let best: SweepTrial | undefined;
  for (const trial of trials) {
    if (trial.status !== 'done' || trial.objective === undefined) continue;
    if (!best || (goal === 'maximize' ? trial.objective > best.objective! : trial.objective < best.objective!))
      best = trial;
  }
  return best ? { trial: best.id, objective: best.objective! } : undefined;
}

export class SweepStore {
  private constructor(
    readonly dir: string,
    private index: SweepIndex,
  ) {}

  static create(dir: string, index: SweepIndex): SweepStore {
    fs.mkdirSync(dir, { recursive: true });
    const store = new SweepStore(dir, index);
    store.save();
    return store;
  }

  /** Undefined when the folder holds no sweep; throws a SweepError for an unreadable index. */
  static load(dir: string): SweepStore | undefined {
    const read = readSweepIndex(nodeFileSystem, dir);
    if (!read.ok && read.missing) return undefined;
    // A trial that would lead outside the sweep is named first, even in an index that is otherwise malformed.
    const value: unknown = read.ok ? read.sweep : read.value;
    const trials: unknown = typeof value === 'object' && value !== null ? (value as { trials?: unknown }).trials : [];
    refuseUnsafeTrials(dir, Array.isArray(trials) ? trials : []);
    if (!read.ok)
      throw new SweepError(
        `${read.error}.`,
        'Move the folder aside or pass --sweep-dir to start a new sweep; its run directories are untouched.',
      );
    return new SweepStore(dir, read.sweep);
  }

  get current(): SweepIndex {
    return this.index;
  }

  trial(id: string): SweepTrial | undefined {
    return this.index.trials.find((t) => t.id === id);
  }

  update(patch: Partial<Pick<SweepIndex, 'status' | 'executor' | 'slurm'>>): void {
    this.index = { ...this.index, ...patch };
    this.save();
  }

  updateTrial(id: string, patch: TrialPatch): SweepTrial {
    const trials = this.index.trials.map((t) => (t.id === id ? dropUndefined({ ...t, ...patch }) : t));
    const updated = trials.find((t) => t.id === id);
    if (!updated) throw new SweepError(`No trial ${id} in ${this.dir}.`);
    this.index = { ...this.index, trials, best: bestTrial(trials, this.index.goal) };
    this.save();
    return updated;
  }

  save(): void {
    const withTime = { ...this.index, updated: new Date().toISOString() };
    if (withTime.best === undefined) delete (withTime as { best?: unknown }).best;
    this.index = withTime;
    const file = path.join(this.dir, SWEEP_INDEX_FILE);
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, `${JSON.stringify(withTime, null, 2)}\n`);
    fs.renameSync(temporary, file);
  }
}

/** Refuses an index naming a trial folder that is not a plain folder inside the sweep, before anything moves. */
function refuseUnsafeTrials(dir: string, trials: readonly unknown[]): void {
  for (const trial of trials) {
    const problem = trialFolderProblem(dir, (trial ?? {}) as { id: unknown; run_dir: unknown });
    if (problem)
      throw new SweepError(
        `${path.join(dir, SWEEP_INDEX_FILE)}: ${problem}. Nothing was moved or trained.`,
        'Restore the trial as the sweep wrote it (run_dir equal to its id), or pass --sweep-dir to start a new sweep.',
      );
  }
}

/** Patches set a field to undefined to clear it (e.g. a retried trial's old error); JSON keeps no such keys. */
function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
