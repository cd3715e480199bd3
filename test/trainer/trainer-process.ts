/** Runs the trainer entry point as a real child process (as the extension does) and reads its JSON lines. */
import { type ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import * as readline from 'node:readline';
import type { RunEvent } from '../../src/core/protocol/run-events';
import { REPO } from './helpers';

export interface TrainerChild {
  readonly child: ChildProcess;
  readonly lines: string[];
  readonly stderr: string[];
  /** Resolves with the first event matching `predicate` (rejects after `timeoutMs` or if the process exits first). */
  waitForEvent(predicate: (e: RunEvent) => boolean, timeoutMs?: number): Promise<RunEvent>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The bundled trainer the extension and sweeps start (`npm run build` makes it). */
export const BUILT_TRAINER = path.join(REPO, 'dist', 'trainer.js');

export function spawnTrainer(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
  entry: 'source' | 'built' = 'source',
): TrainerChild {
  // Source entry through tsx by default, so the test does not depend on a prior build.
  const command = entry === 'built' ? [BUILT_TRAINER] : ['--import', 'tsx', path.join(REPO, 'src/trainer/main.ts')];
  const child = spawn(process.execPath, [...command, ...args], {
    cwd: REPO,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const stderr: string[] = [];
  const waiters: { predicate: (e: RunEvent) => boolean; resolve: (e: RunEvent) => void }[] = [];
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line);
    let event: RunEvent | undefined;
    try {
      event = JSON.parse(line) as RunEvent;
    } catch {
      return;
    }
    for (const w of [...waiters])
      if (w.predicate(event)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(event);
      }
  });
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    lines,
    stderr,
    exited,
    waitForEvent: (predicate, timeoutMs = 120_000) =>
      new Promise<RunEvent>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no matching event within ${timeoutMs} ms; stderr:\n${stderr.join('')}`)),
          timeoutMs,
        );
        waiters.push({
          predicate,
          resolve: (e) => {
            clearTimeout(timer);
            resolve(e);
          },
        });
        void exited.then(({ code }) => {
          clearTimeout(timer);
          reject(new Error(`trainer exited (${code}) before the event; stderr:\n${stderr.join('')}`));
        });
      }),
  };
}
