/**
 * Runs analyses on one worker thread, one job at a time, keeping only the newest pending job per document
 * (a burst of edits analyses the last version, not every one). Falls back to running in-process when the
 * worker bundle is absent (e.g. running from sources) or the worker cannot start.
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { ConfigFileSystem } from '../../core/analysis/file-system';
import { describeError, type Logger } from '../safe';
import { analyseDocument } from './analyse-document';
import type { AnalysisJob, AnalysisResult, ForgetDocument, OutlineResult, WorkerMessage } from './messages';
import { YamlSessions } from './yaml-sessions';

/**
 * A job that has not ended after this long is abandoned and its worker replaced: a lost message (Node drops
 * messages it cannot deserialize) must not stop every later diagnostics run.
 */
const JOB_TIMEOUT_MS = 30_000;

export class AnalysisRunner {
  private worker?: Worker;
  private watchdog?: NodeJS.Timeout;
  private readonly pending = new Map<string, AnalysisJob>();
  private running?: AnalysisJob;
  /** Only for in-process analysis (the worker keeps its own). */
  private readonly sessions = new YamlSessions();

  constructor(
    private readonly workerFile: string,
    private readonly fs: ConfigFileSystem,
    private readonly onResult: (result: AnalysisResult) => void,
    private readonly onOutline: (outline: OutlineResult) => void,
    private readonly log: Logger,
  ) {}

  submit(job: AnalysisJob): void {
    this.pending.set(job.uri, job);
    this.pump();
  }

  /** The document closed: drop its pending job and what was kept to re-analyse it quickly. */
  cancel(uri: string): void {
    this.pending.delete(uri);
    this.sessions.forget(uri);
    const forget: ForgetDocument = { forget: uri };
    this.worker?.postMessage(forget);
  }

  get queued(): number {
    return this.pending.size + (this.running ? 1 : 0);
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private pump(): void {
    if (this.running) return;
    const next = this.pending.values().next();
    if (next.done) return;
    const job = next.value;
    this.pending.delete(job.uri);
    this.running = job;
    const worker = this.ensureWorker();
    if (worker) {
      this.watchdog = setTimeout(
        () => this.crashed(worker, new Error(`no answer within ${JOB_TIMEOUT_MS / 1000} s for ${job.uri}`)),
        JOB_TIMEOUT_MS,
      );
      this.watchdog.unref();
      worker.postMessage(job);
    } else {
      // No worker: analyse on this thread, but after the current turn so pending requests are answered first.
      setImmediate(() =>
        analyseDocument(job, this.fs, this.sessions.for(job.uri).parse, (message) => this.receive(message)),
      );
    }
  }

  /** The analysis message is published at once; the outline message ends the job. */
  private receive(message: WorkerMessage): void {
    if (message.kind === 'analysis') {
      this.onResult(message);
      return;
    }
    this.running = undefined;
    clearTimeout(this.watchdog);
    try {
      this.onOutline(message);
    } finally {
      this.pump();
    }
  }

  private ensureWorker(): Worker | undefined {
    if (this.worker) return this.worker;
    if (!existsSync(this.workerFile)) return undefined;
    try {
      const worker = new Worker(this.workerFile);
      worker.on('message', (message: WorkerMessage) => this.receive(message));
      worker.on('error', (error) => this.crashed(worker, error));
      worker.on('messageerror', (error) => this.crashed(worker, error));
      worker.on('exit', (code) => {
        if (this.worker === worker) this.crashed(worker, new Error(`analysis worker exited with code ${code}`));
      });
      worker.unref();
      this.worker = worker;
      return worker;
    } catch (error) {
      this.log.error(`distillery: analysis worker could not start, analysing in-process: ${describeError(error)}`);
      return undefined;
    }
  }

  private crashed(worker: Worker, error: unknown): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    void worker.terminate();
    this.log.error(`distillery: analysis worker failed: ${describeError(error)}`);
    const job = this.running;
    if (!job) return;
    this.receive({
      kind: 'analysis',
      uri: job.uri,
      version: job.version,
      diagnostics: [],
      error: describeError(error),
    });
    this.receive({ kind: 'outline', uri: job.uri, version: job.version, nodes: [], symbols: [], folding: [] });
  }
}
