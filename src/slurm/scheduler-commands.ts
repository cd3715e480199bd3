/**
 * The three Slurm client commands a sweep or a single cluster run needs, run as the user would run them on a
 * login node (`sbatch`, `squeue`, `scancel` from PATH): submit a batch script, read job states, cancel. No
 * Slurm API, no daemon of our own: whatever cluster the user's login node talks to is the cluster we use.
 */
import { execFile } from 'node:child_process';
import { SweepError } from '../core/sweep-error';

export interface SlurmJobState {
  /** `123` for a job, `123_4` for array task 4. */
  readonly id: string;
  /** PENDING, RUNNING, COMPLETED, FAILED, CANCELLED, TIMEOUT, PREEMPTED, NODE_FAIL, OUT_OF_MEMORY, ... */
  readonly state: string;
  readonly reason: string;
}

/** States after which a job never runs again on its own. */
export const FINAL_STATES: ReadonlySet<string> = new Set([
  'COMPLETED',
  'FAILED',
  'CANCELLED',
  'TIMEOUT',
  'PREEMPTED',
  'NODE_FAIL',
  'OUT_OF_MEMORY',
  'BOOT_FAIL',
  'DEADLINE',
  'REVOKED',
  'SPECIAL_EXIT',
]);

function run(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { env, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(
          new SweepError(
            `\`${command}\` was not found on PATH.`,
            'Run Distillery on a Slurm login node (where `sbatch`, `squeue` and `scancel` work), or use --executor local.',
          ),
        );
        return;
      }
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** Submits a batch script; resolves to the job id. */
export async function sbatch(script: string, flags: readonly string[], env: NodeJS.ProcessEnv): Promise<string> {
  const result = await run('sbatch', ['--parsable', ...flags, script], env);
  const id = result.stdout.trim().split(';')[0] ?? '';
  if (result.code !== 0 || !/^\d+$/.test(id))
    throw new SweepError(
      `sbatch refused the job: ${(result.stderr || result.stdout).trim() || `exit code ${result.code}`}`,
    );
  return id;
}

/** Every task of the given jobs that the controller still knows, finished ones included (`squeue -t all -r`). */
export async function squeue(jobIds: readonly string[], env: NodeJS.ProcessEnv): Promise<Map<string, SlurmJobState>> {
  const states = new Map<string, SlurmJobState>();
  if (jobIds.length === 0) return states;
  const result = await run(
    'squeue',
    ['--noheader', '--states=all', '--array', `--jobs=${jobIds.join(',')}`, '--format=%i|%T|%r'],
    env,
  );
  // An id the controller has already forgotten makes squeue fail with "Invalid job id": that job knows nothing.
  if (result.code !== 0 && !/invalid job id/i.test(result.stderr))
    throw new SweepError(`squeue failed: ${result.stderr.trim() || `exit code ${result.code}`}`);
  for (const line of result.stdout.split('\n')) {
    const [id, state, reason] = line.trim().split('|');
    if (id && state) states.set(id, { id, state, reason: reason ?? '' });
  }
  return states;
}

export async function scancel(jobIds: readonly string[], env: NodeJS.ProcessEnv): Promise<void> {
  if (jobIds.length === 0) return;
  const result = await run('scancel', [...jobIds], env);
  if (result.code !== 0) throw new SweepError(`scancel failed: ${result.stderr.trim() || `exit code ${result.code}`}`);
}
