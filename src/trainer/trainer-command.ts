/**
 * How a trial's trainer is started: `NODE dist/trainer.js CONFIG --run-dir DIR --json --seed N`. The trainer
 * is a standalone program whose only input is its config and only output its run directory, so the same
 * command line runs as a local child process and inside a Slurm job.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SweepError } from '../core/sweep-error';

export interface TrainerCommand {
  /** Node.js executable (must exist on the compute nodes too when the executor is Slurm). */
  readonly node: string;
  /** Absolute path of the bundled trainer, dist/trainer.js. */
  readonly script: string;
}

/** The package root: the nearest folder above `from` whose package.json is Distillery's. */
function packageRoot(from: string): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown };
      if (manifest.name === 'distillery') return dir;
    } catch {
      /* no manifest here: keep climbing */
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

export function defaultTrainerCommand(node = process.execPath): TrainerCommand {
  const root = packageRoot(__dirname);
  const script = root ? path.join(root, 'dist', 'trainer.js') : path.join(__dirname, 'trainer.js');
  if (!fs.existsSync(script))
    throw new SweepError(`The trainer bundle ${script} does not exist.`, 'Build it with `npm run build`.');
  return { node, script };
}

export function trainerArgs(
  command: TrainerCommand,
  configFile: string,
  runDir: string,
  seed: number | undefined,
): string[] {
  return [
    command.script,
    configFile,
    '--run-dir',
    runDir,
    '--json',
    ...(seed === undefined ? [] : ['--seed', String(seed)]),
  ];
}
