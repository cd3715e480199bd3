/**
 * Owns every running trainer: at most one per config, stop by config, kill all on deactivate. Knows nothing
 * about VS Code's UI; the progress notification, status bar and panel subscribe through `onEvent`.
 */
import * as fs from 'node:fs';
import type { RunEvent } from '../../core/protocol/run-events';
import { DEFAULT_GRACE_MS, TrainingRun } from './training-run';
import type { TrainerLaunch } from './trainer-launch';

export class RunAlreadyActiveError extends Error {
  constructor(
    readonly configPath: string,
    readonly runDir: string,
  ) {
    super(`A training run for this config is already active (${runDir}). Stop it first.`);
    this.name = 'RunAlreadyActiveError';
  }
}

export interface SupervisorEvent {
  readonly run: TrainingRun;
  readonly event: RunEvent;
}

type Listener<T> = (value: T) => void;

export class TrainingSupervisor {
  private readonly runs = new Map<string, TrainingRun>();
  private readonly eventListeners = new Set<Listener<SupervisorEvent>>();
  private readonly logListeners = new Set<Listener<{ run: TrainingRun; line: string }>>();
  private readonly changeListeners = new Set<Listener<void>>();

  constructor(private readonly graceMs = DEFAULT_GRACE_MS) {}

  onEvent(listener: Listener<SupervisorEvent>): { dispose(): void } {
    return subscribe(this.eventListeners, listener);
  }
  onLog(listener: Listener<{ run: TrainingRun; line: string }>): { dispose(): void } {
    return subscribe(this.logListeners, listener);
  }
  /** Fires when a run starts or ends (for context keys and the status bar). */
  onDidChangeActiveRuns(listener: Listener<void>): { dispose(): void } {
    return subscribe(this.changeListeners, listener);
  }

  get activeRuns(): readonly TrainingRun[] {
    return [...this.runs.values()];
  }

  activeRunFor(configPath: string): TrainingRun | undefined {
    return this.runs.get(normalize(configPath));
  }

  /** Starts the trainer; throws RunAlreadyActiveError when the config already trains. */
  start(configPath: string, runDir: string, launch: TrainerLaunch): TrainingRun {
    const key = normalize(configPath);
    const existing = this.runs.get(key);
    if (existing) throw new RunAlreadyActiveError(configPath, existing.runDir);
    fs.mkdirSync(runDir, { recursive: true });
    const run: TrainingRun = new TrainingRun(
      configPath,
      runDir,
      launch,
      {
        onEvent: (event) => {
          for (const l of this.eventListeners) l({ run, event });
        },
        onLog: (line) => {
          for (const l of this.logListeners) l({ run, line });
        },
      },
      this.graceMs,
    );
    this.runs.set(key, run);
    void run.finished.then(() => {
      if (this.runs.get(key) === run) this.runs.delete(key);
      this.fireChange();
    });
    run.start();
    this.fireChange();
    return run;
  }

  /** Gracefully stops the config's run; false when nothing was running. */
  stop(configPath: string, reason?: string): boolean {
    const run = this.runs.get(normalize(configPath));
    if (!run) return false;
    run.stop(reason);
    return true;
  }

  /** Kills every child now and waits (briefly) for them to be gone: used on deactivate. */
  async dispose(): Promise<void> {
    const running = [...this.runs.values()];
    for (const run of running) run.kill();
    await Promise.race([Promise.all(running.map((r) => r.finished)), new Promise((r) => setTimeout(r, 3000))]);
    this.eventListeners.clear();
    this.logListeners.clear();
    this.changeListeners.clear();
  }

  private fireChange(): void {
    for (const l of this.changeListeners) l();
  }
}

function subscribe<T>(set: Set<Listener<T>>, listener: Listener<T>): { dispose(): void } {
  set.add(listener);
  return { dispose: () => set.delete(listener) };
}

/** Same file, same key: case and separators may differ between the editor's URI and a task's path. */
function normalize(configPath: string): string {
  const resolved = configPath.replace(/\\/g, '/');
  return process.platform === 'win32' || process.platform === 'darwin' ? resolved.toLowerCase() : resolved;
}
