/** `distillery` run from source through tsx in a child process, as a user runs it, with no build needed first. */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '..', '..');

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `distillery ARGS...` in the repository folder; a run longer than `timeoutMs` is killed (code null). */
export function runCliFromSource(args: readonly string[], timeoutMs = 120_000): CliResult {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO, 'src/cli/main.ts'), ...args], {
    cwd: REPO,
    encoding: 'utf8',
    timeout: timeoutMs,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
