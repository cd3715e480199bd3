/**
 * Past runs on disk: every folder holding a report.json or events.jsonl, up to two levels under the given
 * roots (runs/<id> and runs/<sweep>/<trial>). Pure Node, so it is unit-tested without an editor.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RunStatus } from '../../core/protocol/report';
import { readTextFile } from '../../node/file-system';

export interface RunEntry {
  readonly dir: string;
  readonly status: RunStatus | 'running or interrupted';
  /** The trainer's one-line result, or the failure's reason. */
  readonly detail: string;
  readonly modified: number;
}

const MAX_DEPTH = 2;

export function findRuns(roots: readonly string[]): RunEntry[] {
  const seen = new Set<string>();
  const found: RunEntry[] = [];
  const visit = (dir: string, depth: number): void => {
    if (seen.has(dir)) return;
    seen.add(dir);
    const entry = readRun(dir);
    if (entry) { found.push(entry); return; }
    if (depth >= MAX_DEPTH) return;
    let children: fs.Dirent[];
    try { children = fs.readdirSync(dir, { withFileTypes: true }); } catch { return; }
    for (const child of children) {
      if (child.isDirectory() && !child.name.startsWith('.') && child.name !== 'node_modules') visit(path.join(dir, child.name), depth + 1);
    }
  };
  for (const root of roots) visit(path.resolve(root), 0);
  return found.sort((a, b) => b.modified - a.modified);
}

function readRun(dir: string): RunEntry | undefined {
  const reportPath = path.join(dir, 'report.json');
  const eventsPath = path.join(dir, 'events.jsonl');
  const report = statOf(reportPath);
  if (report) {
    try {
      const parsed = JSON.parse(readTextFile(reportPath, 'report')) as { status?: unknown; error?: unknown; student?: { metrics?: { accuracy?: unknown } } };
      const status = parsed.status === 'done' || parsed.status === 'failed' || parsed.status === 'cancelled' ? parsed.status : 'running or interrupted';
      const accuracy = parsed.student?.metrics?.accuracy;
      const detail = typeof parsed.error === 'string' ? parsed.error
        : typeof accuracy === 'number' ? `student ${(accuracy * 100).toFixed(1)}%` : '';
      return { dir, status, detail, modified: report.mtimeMs };
    } catch {
      return { dir, status: 'failed', detail: 'report.json is not valid JSON', modified: report.mtimeMs };
    }
  }
  const events = statOf(eventsPath);
  return events ? { dir, status: 'running or interrupted', detail: 'no report yet', modified: events.mtimeMs } : undefined;
}

function statOf(file: string): fs.Stats | undefined {
  try { return fs.statSync(file); } catch { return undefined; }
}
