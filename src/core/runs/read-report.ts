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
  const text = fs.readText(file);
  // A file that exists but cannot be read (too large, not a regular file, no permission) is not "not found".
  const unreadable = text === undefined ? fs.readProblem?.(file) : undefined;
  if (unreadable !== undefined) return { ok: false, missing: false, error: unreadable };
  if (text === undefined) {
    return {
      ok: false,
      missing: true,
      error:
        `${file} not found: a run writes it when it ends, so it does not exist while the run is going ` +
        `(see ${EVENTS_FILE}), after a run was interrupted before its end, or in a folder that is not a run directory`,
    };
  }
  return parseRunReport(text, file);
}

/** Checks the text of a report.json (`file` names it in the reason). */
function parseRunReport(text: string, file: string): RunReportRead {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, missing: false, error: `${file} is not valid JSON: ${(error as Error).message}` };
  }
  const problem = checkRunReport(value);
  return problem
    ? { ok: false, missing: false, error: `${file} is not a Distillery report: ${problem}` }
    : { ok: true, report: value as RunReport };
}
