/** Where a run lives: `--run-dir` exactly, else `<config's runs root>/<config name>-<UTC stamp>` (core/runs). */
import * as path from 'node:path';
import { nodeFileSystem } from '../../node/file-system';
import { configRunsRoot } from '../../core/runs/config-runs-root';
import { newRunId } from '../../core/runs/run-id';

export function planRunDir(configPath: string, runDir: string | undefined, now: Date = new Date()): string {
  if (runDir) return path.resolve(runDir);
  return path.join(configRunsRoot(nodeFileSystem, { configPath }), newRunId(configPath, now));
}
