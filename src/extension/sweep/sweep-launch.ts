/**
 * How the extension starts a sweep: `distillery sweep CONFIG --json` (the bundled CLI, dist/cli.js) as a child
 * process, so the editor never runs trials itself and a sweep behaves exactly as in a terminal. Pure (no
 * `vscode` import), so the argument rules are unit-tested without an editor.
 */
import * as path from 'node:path';
import type { SlurmResources } from '../../slurm/resources';
import { type ChildLaunch, nodeChildLaunch, type NodeRuntime, usesHostRuntime } from '../child-launch';

export interface SweepSettings {
  readonly executor: 'local' | 'slurm';
  /** Local: trials at once; Slurm: most array tasks at once. 0: the default (cores / no limit). */
  readonly parallel: number;
  readonly slurm: SlurmResources;
  /** Run on Cluster: array tasks of a config's compression search (0 or absent: the default, src/slurm/search-array). */
  readonly searchTasks?: number;
}

export interface SweepLaunchRequest extends NodeRuntime {
  readonly extensionPath: string;
  readonly configPath: string;
  readonly settings: SweepSettings;
  /** Overrides the executor of the settings (Run on Cluster always uses Slurm). */
  readonly executor?: 'local' | 'slurm';
  readonly retry?: string;
}

export type SweepLaunch = ChildLaunch;

export const cliScriptPath = (extensionPath: string): string => path.join(extensionPath, 'dist', 'cli.js');

export function buildSweepLaunch(request: SweepLaunchRequest): SweepLaunch {
  const executor = request.executor ?? request.settings.executor;
  const { slurm, parallel } = request.settings;
  const args = [cliScriptPath(request.extensionPath), 'sweep', request.configPath, '--json', '--executor', executor];
  if (parallel > 0) args.push('--parallel', String(parallel));
  if (request.retry) args.push('--retry', request.retry);
  if (executor === 'slurm') {
    if (slurm.partition) args.push('--partition', slurm.partition);
    if (slurm.time) args.push('--time', slurm.time);
    if (slurm.cpus) args.push('--cpus', String(slurm.cpus));
    if (slurm.mem) args.push('--mem', slurm.mem);
  }
  // On a cluster the trials need a real Node on the compute nodes: the user's, or `node` from their PATH there
  // (Electron's binary is no Node for a batch job). Locally the CLI's own runtime runs the trials.
  if (!usesHostRuntime(request)) args.push('--node', request.nodePath);
  else if (executor === 'slurm') args.push('--node', 'node');
  return nodeChildLaunch(request, request.configPath, args);
}
