/**
 * Reads a config's past runs from disk: `<config dir>/<output>/<run id>/report.json`. No `vscode` import, so
 * it is tested directly. A missing, partial or malformed report never throws: the run is listed with a reason.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RunReport } from '../../core/protocol/report';
import { checkRunReport, type RunListEntry } from '../../core/protocol/webview-messages';
import { readTextFile } from '../../node/file-system';

export type ReportRead =
  { readonly ok: true; readonly report: RunReport } | { readonly ok: false; readonly error: string };

export function readReport(runDir: string): ReportRead {
  const file = path.join(runDir, 'report.json');
  let text: string;
  try {
    text = readTextFile(file, 'report');
  } catch {
    return {
      ok: false,
      error: `${file} does not exist (the run may still be going, or it was interrupted before writing its report)`,
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `${file} is not valid JSON: ${(error as Error).message}` };
  }
  const problem = checkRunReport(value);
  return problem
    ? { ok: false, error: `${file} is not a Distillery report: ${problem}` }
    : { ok: true, report: value as RunReport };
}

/** Every run directory (a sub-folder holding report.json or events.jsonl) of an output folder, newest first. */
export function listRuns(outputFolder: string): RunListEntry[] {
  let names: string[];
  try {
    names = fs
      .readdirSync(outputFolder, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
  } catch {
    return [];
  }
  const entries: { entry: RunListEntry; sortKey: string }[] = [];
  for (const name of names) {
    const dir = path.join(outputFolder, name);
    const hasReport = fs.existsSync(path.join(dir, 'report.json'));
    if (!hasReport && !fs.existsSync(path.join(dir, 'events.jsonl'))) continue;
    const sortKey = modifiedTime(dir);
    if (!hasReport) {
      entries.push({ entry: { id: name, status: 'running' }, sortKey });
      continue;
    }
    const read = readReport(dir);
    if (!read.ok) {
      entries.push({ entry: { id: name, status: 'unreadable', error: read.error }, sortKey });
      continue;
    }
    const r = read.report;
    entries.push({
      sortKey: r.started || sortKey,
      entry: {
        id: name,
        status: r.status,
        started: r.started,
        ...(r.student ? { studentAccuracy: r.student.metrics.accuracy } : {}),
        ...(r.teacher ? { teacherAccuracy: r.teacher.metrics.accuracy } : {}),
        ...(r.baseline ? { baselineAccuracy: r.baseline.metrics.accuracy } : {}),
        ...(r.error !== undefined ? { error: r.error } : {}),
      },
    });
  }
  return entries
    .sort((a, b) => b.sortKey.localeCompare(a.sortKey) || a.entry.id.localeCompare(b.entry.id))
    .map((e) => e.entry);
}

function modifiedTime(dir: string): string {
  try {
    return fs.statSync(dir).mtime.toISOString();
  } catch {
    return '';
  }
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
