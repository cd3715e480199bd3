/**
 * The one reader of a run's report.json, used by the CLI (`distillery report`), the language server's last-run
 * lens, the panel's run listing and report view, and sweeps (trial outcomes, Slurm runs). Each accepts exactly
 * the reports `checkRunReport` accepts and gives the same reason for the others. Files are read through the
 * injected adapter; never throws.
 */
import * as path from '../paths/file-path';
import type { ConfigFileSystem } from '../analysis/file-system';
import { checkRunReport, type RunReport } from '../protocol/report';
import { EVENTS_FILE, REPORT_FILE } from './layout';
import { readJsonFile } from './read-json-file';

export type RunReportRead =
  | { readonly ok: true; readonly report: RunReport }
  | {
      readonly ok: false;
      /** True when there is no report.json at all (the run may still be going); false when it is not a report. */
      readonly missing: boolean;
      readonly error: string;
    };

/** The path of a run directory's report.json. */
export function reportPathOf(runDir: string): string {
  return path.join(runDir, REPORT_FILE);
}

export function readRunReport(fs: Pick<ConfigFileSystem, 'readText' | 'readProblem'>, runDir: string): RunReportRead {
  const file = reportPathOf(runDir);
  const read = readJsonFile(fs, file);
  switch (read.state) {
    case 'unreadable':
      return { ok: false, missing: false, error: read.reason };
    case 'missing':
      return {
        ok: false,
        missing: true,
        error:
          `${file} not found: a run writes it when it ends, so it does not exist while the run is going ` +
          `(see ${EVENTS_FILE}), after a run was interrupted before its end, or in a folder that is not a run directory`,
      };
    case 'not-json':
      return { ok: false, missing: false, error: `${file} is not valid JSON: ${read.reason}` };
    case 'parsed': {
      const problem = checkRunReport(read.value);
      return problem
        ? { ok: false, missing: false, error: `${file} is not a Distillery report: ${problem}` }
        : { ok: true, report: read.value as RunReport };
    }
  }
}
