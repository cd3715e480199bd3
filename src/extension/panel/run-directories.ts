/**
 * A config's past runs for the panel: core/runs' listing and report reader over the real disk, shaped as the
 * webview protocol's run list. No `vscode` import, so it is tested directly. Never throws: a missing, partial
 * or malformed report is listed with its reason.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { nodeFileSystem } from '../../node/file-system';
import type { RunListEntry } from '../../core/protocol/webview-messages';
import { listRuns as listRunDirectories, type RunListing } from '../../core/runs/list-runs';
import { readRunReport, type RunReportRead } from '../../core/runs/read-report';

export function readReport(runDir: string): RunReportRead {
  return readRunReport(nodeFileSystem, runDir);
}

/** Every run directory (a sub-folder holding report.json or events.jsonl) of an output folder, newest first. */
export function listRuns(outputFolder: string): RunListEntry[] {
  return listRunDirectories(nodeFileSystem, outputFolder).map(toListEntry);
}

function toListEntry(run: RunListing): RunListEntry {
  const r = run.report;
  return {
    id: run.id,
    status: run.state,
    ...(r ? { started: r.started } : {}),
    ...(r?.student ? { studentAccuracy: r.student.metrics.accuracy } : {}),
    ...(r?.teacher ? { teacherAccuracy: r.teacher.metrics.accuracy } : {}),
    ...(r?.baseline ? { baselineAccuracy: r.baseline.metrics.accuracy } : {}),
    ...(run.error !== undefined ? { error: run.error } : {}),
  };
}

/** Resolves a run id sent by the webview to its directory, refusing anything that is not a listed run. */
export function runDirOf(outputFolder: string, runId: string, listed: readonly RunListEntry[]): string | undefined {
  if (!listed.some((r) => r.id === runId)) return undefined;
  const dir = path.resolve(outputFolder, runId);
  return path.dirname(dir) === path.resolve(outputFolder) ? dir : undefined;
}

/**
 * A file the run's report lists among its exports (the panel's Reveal button): anything else, a path leaving the
 * run, or a file since deleted is refused with the reason, so a webview message cannot name any other path.
 */
export function exportFileOf(runDir: string, relative: string): { file: string } | { error: string } {
  const read = readReport(runDir);
  if (!read.ok) return { error: read.error };
  const listed = (read.report.exports ?? []).some((e) => e.path === relative || e.files.includes(relative));
  if (!listed) return { error: `${relative} is not an export of the run ${path.basename(runDir)}.` };
  const file = path.resolve(runDir, relative);
  const inside = path.relative(runDir, file);
  if (inside.startsWith('..') || path.isAbsolute(inside)) return { error: `${relative} is outside the run.` };
  if (!fs.existsSync(file))
    return { error: `${file} does not exist any more: run \`distillery export ${runDir}\` to write it again.` };
  return { file };
}
