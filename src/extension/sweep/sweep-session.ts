/**
 * One running `distillery sweep --json` child: its stdout becomes SweepEvents, its stderr is kept for the
 * error message, and `cancel()` sends SIGTERM, on which the CLI cancels every trial (scancel on Slurm) and
 * writes sweep.json before it exits. Pure Node (no `vscode`), so it is tested with the real CLI.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { parseSweepEvent, type SweepEvent } from '../../core/protocol/sweep';
import type { SweepLaunch } from './sweep-launch';

export interface SweepSessionResult {
  /** 0 every trial done, 1 a trial failed or the sweep could not run, 130 cancelled, 2 usage error. */
  readonly exitCode: number;
  readonly end?: Extract<SweepEvent, { type: 'sweep-end' }>;
  /** What the CLI said on stderr (why it could not run), trimmed. */
  readonly stderr: string;
}

export class SweepSession {
  readonly finished: Promise<SweepSessionResult>;
  private readonly child: ChildProcess;
  private readonly listeners: ((event: SweepEvent) => void)[] = [];
  private sweepDir: string | undefined;

  constructor(launch: SweepLaunch) {
    this.child = spawn(launch.command, [...launch.args], {
      cwd: launch.cwd,
      env: launch.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let end: SweepSessionResult['end'];
    this.child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-8000);
    });
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      const event = parseSweepEvent(line);
      if (!event) return;
      if (event.type === 'sweep-start') this.sweepDir = event.sweep_dir;
      if (event.type === 'sweep-end') end = event;
      for (const listener of this.listeners) listener(event);
    });
    this.finished = new Promise((resolve) => {
      let done = false;
      const finish = (exitCode: number, extra = ''): void => {
        if (done) return;
        done = true;
        resolve({ exitCode, ...(end ? { end } : {}), stderr: `${stderr}${extra}`.trim() });
      };
      this.child.on('error', (error) => finish(1, `\n${error.message}`));
      this.child.on('close', (code, signal) => finish(code ?? (signal ? 130 : 1)));
    });
  }

  /** The sweep directory, once the CLI has announced it. */
  get directory(): string | undefined {
    return this.sweepDir;
  }

  onEvent(listener: (event: SweepEvent) => void): void {
    this.listeners.push(listener);
  }

  cancel(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
  }
}
