/**
 * One trainer child process: spawns it with explicit stdio, turns stdout into RunEvents, keeps stderr for the
 * log, and always ends with exactly one terminal event (done, failed or cancelled) even when the child crashes,
 * cannot start, or exits without saying why. No `vscode` import: the supervisor's tests run it under plain Node.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { parseRunEvent, type RunEvent } from '../../core/protocol/run-events';
import { writeFailureReportIfMissing } from './failure-report';
import { LineSplitter } from './line-splitter';
import type { TrainerLaunch } from './trainer-launch';

export type TerminalEvent = Extract<RunEvent, { type: 'done' | 'failed' | 'cancelled' }>;

export interface TrainingRunListener {
  onEvent(event: RunEvent): void;
  /** A stderr line, or a stdout line that is not an event (kept, never dropped). */
  onLog(line: string): void;
}

/** How long a cancelled trainer gets to write its `cancelled` event and report before it is killed. */
export const DEFAULT_GRACE_MS = 10_000;
const STDERR_TAIL_LINES = 12;

export class TrainingRun {
  readonly started = new Date();
  readonly events: RunEvent[] = [];
  /** Resolves with the terminal event once the child is gone. Never rejects. */
  readonly finished: Promise<TerminalEvent>;

  private child: ChildProcess | undefined;
  private terminal: TerminalEvent | undefined;
  private stopRequested: string | undefined;
  private killTimer: NodeJS.Timeout | undefined;
  private readonly stderrTail: string[] = [];
  private resolveFinished!: (event: TerminalEvent) => void;

  constructor(
    readonly configPath: string,
    readonly runDir: string,
    private readonly launch: TrainerLaunch,
    private readonly listener: TrainingRunListener,
    private readonly graceMs = DEFAULT_GRACE_MS,
  ) {
    this.finished = new Promise((resolve) => {
      this.resolveFinished = resolve;
    });
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }
  get isFinished(): boolean {
    return this.terminal !== undefined;
  }
  get outcome(): TerminalEvent | undefined {
    return this.terminal;
  }

  start(): void {
    let child: ChildProcess;
    try {
      child = spawn(this.launch.command, [...this.launch.args], {
        cwd: this.launch.cwd,
        env: this.launch.env,
        stdio: ['ignore', 'pipe', 'pipe'],
        windowsHide: true,
      });
    } catch (error) {
      this.finish(
        this.failure(
          `could not start the trainer: ${messageOf(error)}`,
          'Check the distillery.trainer.nodePath setting.',
        ),
      );
      return;
    }
    this.child = child;
    const out = new LineSplitter((line) => this.onStdoutLine(line));
    const err = new LineSplitter((line) => this.onStderrLine(line));
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => {
      // 'error' without 'close' happens when the executable cannot be spawned at all (ENOENT, EACCES).
      this.finish(
        this.failure(
          `could not start the trainer (${this.launch.command}): ${messageOf(error)}`,
          "Check the distillery.trainer.nodePath setting, or leave it empty to use VS Code's own runtime.",
        ),
      );
    });
    child.on('close', (code, signal) => {
      out.end();
      err.end();
      this.onExit(code, signal);
    });
  }

  /** Asks the trainer to cancel (SIGTERM: it writes `cancelled` and its report), then kills it after the grace period. */
  stop(reason = 'stopped by the user'): void {
    if (this.terminal || !this.child) return;
    this.stopRequested ??= reason;
    this.child.kill('SIGTERM');
    this.killTimer ??= setTimeout(() => this.child?.kill('SIGKILL'), this.graceMs);
  }

  /** Immediate kill, for deactivation: there is no time to wait for a graceful exit. */
  kill(): void {
    if (this.terminal || !this.child) return;
    this.stopRequested ??= 'VS Code closed the extension';
    this.child.kill('SIGKILL');
  }

  private onStdoutLine(line: string): void {
    if (line.trim() === '') return;
    const event = parseRunEvent(line);
    if (!event) {
      this.listener.onLog(line);
      return;
    }
    if (this.terminal) return; // nothing counts after the end; a second terminal event would be a trainer bug
    this.events.push(event);
    if (event.type === 'done' || event.type === 'failed' || event.type === 'cancelled') {
      this.terminal = event;
      this.listener.onEvent(event);
      return;
    }
    this.listener.onEvent(event);
  }

  private onStderrLine(line: string): void {
    this.stderrTail.push(line);
    if (this.stderrTail.length > STDERR_TAIL_LINES) this.stderrTail.shift();
    this.listener.onLog(line);
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.killTimer) clearTimeout(this.killTimer);
    if (this.terminal) {
      this.resolveFinished(this.terminal);
      return;
    }
    if (this.stopRequested) {
      this.finish({ type: 'cancelled', time: new Date().toISOString(), reason: this.stopRequested });
      return;
    }
    const how = signal ? `was killed by ${signal}` : `exited with code ${code ?? 'unknown'}`;
    const tail = this.stderrTail
      .filter((l) => l.trim() !== '')
      .slice(-3)
      .join(' | ');
    const reason =
      code === 0 && !signal
        ? 'the trainer exited without reporting a result'
        : `the trainer ${how}${tail ? `: ${tail}` : ''}`;
    this.finish(this.failure(reason, 'See the "Distillery Training" output for the full log.'));
  }

  private failure(error: string, hint?: string): TerminalEvent {
    return { type: 'failed', time: new Date().toISOString(), error, ...(hint ? { hint } : {}) };
  }

  /** Ends a run the trainer could not end itself: record it on disk, tell the listener, resolve. */
  private finish(event: TerminalEvent): void {
    if (this.terminal) return;
    this.terminal = event;
    if (this.killTimer) clearTimeout(this.killTimer);
    const start = this.events.find((e) => e.type === 'start');
    writeFailureReportIfMissing({
      runDir: this.runDir,
      configPath: this.configPath,
      started: this.started,
      finished: new Date(),
      ...(start ? { backend: start.backend } : {}),
      status: event.type === 'cancelled' ? 'cancelled' : 'failed',
      error: event.type === 'failed' ? event.error : event.type === 'cancelled' ? event.reason : 'unknown',
      ...(event.type === 'failed' && event.hint ? { hint: event.hint } : {}),
    });
    this.events.push(event);
    this.listener.onEvent(event);
    this.resolveFinished(event);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
