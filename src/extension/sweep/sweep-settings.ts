/** The sweep and cluster settings (`distillery.sweep.*`, `distillery.slurm.*`), typed and sanitised. */
import * as vscode from 'vscode';
import type { SweepSettings } from './sweep-launch';

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
const count = (value: unknown): number =>
  typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : 0;

/** Reads the settings as seen from `scope` (a config file, so folder-level overrides apply). */
export function readSweepSettings(scope?: vscode.Uri): SweepSettings {
  const config = vscode.workspace.getConfiguration('distillery', scope);
  const partition = text(config.get('slurm.partition'));
  const time = text(config.get('slurm.time'));
  const mem = text(config.get('slurm.mem'));
  const cpus = count(config.get('slurm.cpus'));
  const searchTasks = count(config.get('slurm.searchTasks'));
  return {
    executor: config.get('sweep.executor') === 'slurm' ? 'slurm' : 'local',
    parallel: count(config.get('sweep.parallel')),
    slurm: {
      ...(partition ? { partition } : {}),
      ...(time ? { time } : {}),
      ...(cpus ? { cpus } : {}),
      ...(mem ? { mem } : {}),
    },
    ...(searchTasks ? { searchTasks } : {}),
  };
}
