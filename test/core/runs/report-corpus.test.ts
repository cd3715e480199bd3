/**
 * One report corpus, every reader: `distillery report`, the language server's last-run lens reader, the panel's
 * run listing and the sweeps' trial outcome accept the same reports (with the same status) and refuse the
 * same files for the same reason, the one core/runs' readRunReport gives. The CLI runs in-process through its
 * real entry point; the lens reader is the server's LastRunFinder over the real disk (the LSP round trip is
 * covered by test/server/code-lens.test.ts).
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { after, describe, it } from 'node:test';
import { nodeFileSystem } from '../../../src/node/file-system';
import type { RunStatus } from '../../../src/core/protocol/report';
import { readRunReport } from '../../../src/core/runs/read-report';
import { main } from '../../../src/cli/main';
import { listRuns } from '../../../src/extension/panel/run-directories';
import { LastRunFinder } from '../../../src/server/last-run';
import { readTrialOutcome } from '../../../src/sweep/trial-outcome';
import { REPORT_CORPUS } from './report-corpus';

interface RunSetup {
  readonly configPath: string;
  readonly runsFolder: string;
  readonly runDir: string;
}

/** What a reader made of a report: accepted with a status, or refused (with its reason, when it shows one). */
type Verdict = { readonly accepted: true; readonly status: RunStatus } | { readonly accepted: false; readonly reason?: string };

function collector(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

const READERS: Readonly<Record<string, (run: RunSetup) => Promise<Verdict>>> = {
  async 'distillery report'({ runDir }) {
    const stdout = collector();
    const stderr = collector();
    const code = await main(['report', runDir], { stdout: stdout.stream, stderr: stderr.stream, cwd: tmpdir() });
    const shown = /^run \S+: (\w+)/.exec(stdout.text());
    if (shown) {
      const status = shown[1] as RunStatus;
      assert.equal(code, status === 'done' ? 0 : 1, `exit code of a ${status} run`);
      return { accepted: true, status };
    }
    assert.equal(code, 1, 'an unreadable report exits 1');
    const reason = /^distillery report: ([\s\S]*)\.\n$/.exec(stderr.text());
    assert.ok(reason, `the reason is on stderr: ${JSON.stringify(stderr.text())}`);
    return { accepted: false, reason: reason[1]! };
  },
  async 'last-run lens'({ configPath, runDir }) {
    const last = new LastRunFinder(nodeFileSystem).find(configPath, 'runs');
    if (!last) return { accepted: false };
    assert.equal(last.directory, runDir);
    return { accepted: true, status: last.report.status };
  },
  async 'panel run listing'({ runsFolder, runDir }) {
    const runs = listRuns(runsFolder);
    assert.deepEqual(
      runs.map((r) => r.id),
      [path.basename(runDir)],
    );
    const entry = runs[0]!;
    if (entry.status === 'unreadable') return { accepted: false, reason: entry.error ?? '' };
    assert.notEqual(entry.status, 'running', 'a run with a report.json is not running');
    return { accepted: true, status: entry.status as RunStatus };
  },
  async 'sweep trial outcome'({ runDir }) {
    const outcome = readTrialOutcome(runDir, 'accuracy', 'validation');
    assert.ok(outcome, 'a run directory with a report.json has an outcome');
    // An outcome read from a report carries the report's finish time; a refused report has none.
    if (outcome.finished !== undefined) return { accepted: true, status: outcome.status };
    assert.equal(outcome.status, 'failed', 'a trial with an unreadable report failed');
    return { accepted: false, reason: outcome.error ?? '' };
  },
};

const scratch = mkdtempSync(path.join(tmpdir(), 'distillery-report-corpus-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

void describe('one report corpus, read the same way by every reader', () => {
  REPORT_CORPUS.forEach((entry, index) => {
    void it(`${entry.name}: ${'status' in entry.expect ? `accepted as ${entry.expect.status}` : 'refused'}`, async () => {
      const root = path.join(scratch, `case-${index}`);
      const configPath = path.join(root, 'corpus.distill.yaml');
      const runsFolder = path.join(root, 'runs');
      const runDir = path.join(runsFolder, `corpus-${index}`);
      mkdirSync(runDir, { recursive: true });
      writeFileSync(configPath, 'version: 1\noutput: runs\n');
      writeFileSync(path.join(runDir, 'report.json'), entry.text(configPath));

      const read = readRunReport(nodeFileSystem, runDir);
      const expected = entry.expect;
      if ('status' in expected) assert.ok(read.ok && read.report.status === expected.status, 'core accepts it');
      else {
        assert.ok(!read.ok && !read.missing, 'core refuses it');
        assert.match(read.error, expected.refused);
      }
      for (const [reader, readWith] of Object.entries(READERS)) {
        const verdict = await readWith({ configPath, runsFolder, runDir });
        if ('status' in expected) {
          assert.deepEqual(verdict, { accepted: true, status: expected.status }, `${reader} accepts ${entry.name}`);
        } else {
          assert.equal(verdict.accepted, false, `${reader} refuses ${entry.name}`);
          if (!verdict.accepted && verdict.reason !== undefined && !read.ok)
            assert.equal(verdict.reason, read.error, `${reader} gives core's reason`);
        }
      }
    });
  });
});
