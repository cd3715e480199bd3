/**
 * A run whose compression search (`compression.target`) is spread over a Slurm job array: three submissions,
 * chained by Slurm's own dependencies (no scheduler of ours). The first job trains up to the student and
 * stops; array task I measures its share of the search points in a private copy of the run
 * (src/trainer/run/search-share.ts) once the first job has succeeded; the merge job resumes the run after
 * every task has ended, however it ended, measures what a failed task left and writes the report. Also the
 * follow-along of the array: each task's progress from its own event log, and the tasks' states.
 */
import * as path from 'node:path';
import { searchSpace } from '../core/compression/search-space';
import type { RunEvent } from '../core/protocol/run-events';
import { EVENTS_FILE, searchTaskFolder } from '../core/runs/layout';
import { checkConfigFile } from '../trainer/run/config-check';
import { EventsFollower } from '../trainer/run/events-follower';
import type { TrainerCommand } from '../trainer/trainer-command';
import { writeRunScript } from './batch-script';
import { FINAL_STATES, sbatch, scancel, type SlurmJobState } from './scheduler-commands';

/** Array tasks when the caller names none: enough to spread a search, few enough to leave a cluster to others. */
export const DEFAULT_SEARCH_TASKS = 4;

/**
 * How many array tasks the run's search gets: the number asked for (default DEFAULT_SEARCH_TASKS), at most one
 * per pruning group (a group is never split). 1 or fewer: the run is one job. A config that does not load has
 * no search here; the job reports why it does not load.
 */
export function searchArrayTasks(configPath: string, requested: number | undefined): number {
  let groups = 0;
  try {
    const target = checkConfigFile(configPath).config.compression.target;
    groups = target ? searchSpace(target).length : 0;
  } catch {
    return 0;
  }
  return Math.min(requested ?? DEFAULT_SEARCH_TASKS, groups);
}

export interface SearchArrayJobs {
  readonly first: string;
  readonly array: string;
  readonly merge: string;
  readonly tasks: number;
}

export interface RunSubmission {
  readonly runDir: string;
  readonly trainer: TrainerCommand;
  readonly configPath: string;
  readonly seed: number | undefined;
  /** Job name, output (a file name in the run's slurm/) and resource flags shared by every job of the run. */
  readonly flags: (outputName: string) => string[];
  readonly env: NodeJS.ProcessEnv;
}

export async function submitSearchArray(run: RunSubmission, tasks: number): Promise<SearchArrayJobs> {
  const script = (step: Parameters<typeof writeRunScript>[4]): string =>
    writeRunScript(run.runDir, run.trainer, run.configPath, run.seed, step);
  const first = await sbatch(script({ job: 'run', stopBeforeSearch: true }), run.flags('%j.out'), run.env);
  const submitted = [first];
  try {
    // A first job that fails leaves nothing to search: Slurm drops the tasks and the merge (--kill-on-invalid-dep).
    const array = await sbatch(
      script({ job: 'search', tasks }),
      [
        `--array=0-${tasks - 1}`,
        `--dependency=afterok:${first}`,
        '--kill-on-invalid-dep=yes',
        ...run.flags('%A_%a.out'),
      ],
      run.env,
    );
    submitted.push(array);
    const merge = await sbatch(
      script({ job: 'merge' }),
      [`--dependency=afterok:${first},afterany:${array}`, '--kill-on-invalid-dep=yes', ...run.flags('%j.out')],
      run.env,
    );
    return { first, array, merge, tasks };
  } catch (error) {
    await scancel(submitted, run.env).catch(() => undefined);
    throw error;
  }
}

const LABELS: Readonly<Record<string, string>> = { PENDING: 'waiting', RUNNING: 'running', COMPLETED: 'done' };

/** Follows the array tasks: their search progress and failures, and a line whenever the tasks' states change. */
export class SearchArrayFollower {
  private readonly followers: EventsFollower[];
  private readonly resumed: boolean[];
  private summary = '';

  constructor(
    private readonly runDir: string,
    private readonly jobs: SearchArrayJobs,
  ) {
    this.followers = Array.from(
      { length: jobs.tasks },
      (_, i) => new EventsFollower(path.join(runDir, searchTaskFolder(i), EVENTS_FILE)),
    );
    this.resumed = this.followers.map(() => false);
  }

  poll(states: ReadonlyMap<string, SlurmJobState>): RunEvent[] {
    const events: RunEvent[] = [];
    const summary = this.describe(states);
    if (summary !== this.summary) {
      this.summary = summary;
      events.push({ type: 'phase', time: new Date().toISOString(), phase: 'search', message: summary });
    }
    this.followers.forEach((follower, task) => {
      for (const event of follower.poll()) {
        // The task's log starts as a copy of the run's: its own part begins at its own start event.
        if (event.type === 'start' && event.run_dir === path.join(this.runDir, searchTaskFolder(task)))
          this.resumed[task] = true;
        if (!this.resumed[task]) continue;
        if (event.type === 'phase' && event.phase === 'search')
          events.push({ ...event, message: `Array task ${task}: ${event.message}` });
        else if (event.type === 'failed')
          events.push({
            type: 'warning',
            time: event.time,
            code: 'search/array-task-failed',
            message: `Array task ${task} failed (${event.error}); the merge job measures its unfinished points.`,
          });
      }
    });
    return events;
  }

  /** "Slurm array 12: 1 running, 1 waiting, 2 done" once the first job has finished. */
  private describe(states: ReadonlyMap<string, SlurmJobState>): string {
    const first = states.get(this.jobs.first)?.state;
    if (first !== undefined && !FINAL_STATES.has(first)) return '';
    const counts = new Map<string, number>();
    for (let task = 0; task < this.jobs.tasks; task++) {
      const state = states.get(`${this.jobs.array}_${task}`)?.state ?? 'ended';
      const label = LABELS[state] ?? state.toLowerCase();
      counts.set(label, (counts.get(label) ?? 0) + 1);
    }
    const parts = [...counts].map(([label, n]) => `${n} ${label}`);
    return `Slurm array ${this.jobs.array} (${this.jobs.tasks} search tasks): ${parts.join(', ')}.`;
  }
}
