/**
 * The one name of a new run directory: `<config name>-<UTC stamp>`, e.g. `mnist-20261127-233012`. The trainer
 * (`distillery train`), the extension (Start Training) and Slurm runs all stamp in UTC, so runs started from
 * different places, time zones or machines sort by when they started.
 */
import * as path from '../paths/file-path';

/** `mnist.distill.yaml` -> `mnist`. */
export function configBaseName(configPath: string): string {
  return path
    .basename(configPath)
    .replace(/\.distill\.ya?ml$/i, '')
    .replace(/\.ya?ml$/i, '');
}

/** Sortable, filesystem-safe UTC stamp: 20261127-233012. */
export function runStamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

/** The id (folder name) of a run of this config started at `now`. */
export function newRunId(configPath: string, now: Date): string {
  return `${configBaseName(configPath)}-${runStamp(now)}`;
}
