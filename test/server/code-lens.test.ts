/** Code lenses over LSP: train / compare commands and the last run's result from its report.json. */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  type CodeLens,
  CodeLensRequest,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
} from 'vscode-languageserver-protocol/node';
import type { RunReport } from '../../src/core/protocol/report';
import { modelResult, onnxExportResult, validReport } from '../core/runs/report-corpus';
import { createWorkspace, IRIS_CONFIG, type Workspace } from './fixtures';
import { useServerSuite } from './server-suite';
import { fileUri, LspHarness } from './lsp-harness';

/** A finished run's report: sizes the lens quotes are the shipped export's, not the student's own weights file. */
function report(configPath: string, finished: string, student: number, teacher: number): RunReport {
  return validReport(configPath, {
    run_id: finished,
    started: finished,
    finished,
    teacher: modelResult('teacher', 3000, teacher), // 12,000 bytes of float32 weights
    student: modelResult('student', 1250, student), // its own weights file 5,000 bytes; the export 1,000
    exports: [onnxExportResult(1000, { accuracy: student })],
  });
}

void describe('language server code lenses', () => {
  const suite = useServerSuite();
  let configPath: string;
  let uri: string;
  before(async () => {
    configPath = path.join(suite.workspace.root, 'lens.distill.yaml');
    uri = fileUri(configPath);
    await suite.server.open(uri, IRIS_CONFIG);
  });

  const lenses = async (): Promise<CodeLens[]> =>
    (await suite.server.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) ?? [];

  /** Tells the server, as the client's file watcher would, that a run's report.json appeared; waits for the refresh. */
  async function announceRun(runDir: string): Promise<void> {
    const refreshed = suite.server.nextLensRefresh();
    await suite.server.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: fileUri(path.join(runDir, 'report.json')), type: FileChangeType.Created }],
    });
    await refreshed;
  }

  function writeRun(name: string, content: RunReport): string {
    const dir = path.join(suite.workspace.root, 'runs', name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'report.json'), JSON.stringify(content));
    return dir;
  }

  void it('offers training and comparison on the first key, with the document as argument', async () => {
    const found = await lenses();
    assert.deepEqual(
      found.map((l) => l.command?.command),
      ['distillery.startTraining', 'distillery.showComparison'],
    );
    assert.deepEqual(found[0]?.command?.arguments, [uri]);
    assert.equal(found[0]?.range.start.line, IRIS_CONFIG.split('\n').indexOf('version: 1'));
  });

  void it('shows the newest run of this config, ignoring runs of other configs', async () => {
    writeRun('old', report(configPath, '2026-01-01T10:00:00Z', 0.9, 0.95));
    const newest = writeRun('new', report(configPath, '2026-01-02T10:00:00Z', 0.971, 0.98));
    writeRun('other', report(path.join(suite.workspace.root, 'other.distill.yaml'), '2026-01-03T10:00:00Z', 0.5, 0.5));
    await announceRun(newest);
    const last = (await lenses())[2];
    assert.equal(last?.command?.title, 'Last run: model.onnx (student) 97.1% / teacher 98.0%, 1000 B (12.0× smaller)');
    assert.deepEqual(last?.command?.arguments, [uri, newest]);
  });

  void it('quotes no size for a run without exports (made before them): an internal file is never the model size', async () => {
    const { exports: _none, ...withoutExports } = report(configPath, '2026-01-04T10:00:00Z', 0.96, 0.98);
    const dir = writeRun('no-exports', withoutExports);
    await announceRun(dir);
    assert.equal((await lenses())[2]?.command?.title, 'Last run: student 96.0% / teacher 98.0%');
  });

  void it('reports a failed run with its reason', async () => {
    const failed: RunReport = {
      ...report(configPath, '2026-01-05T10:00:00Z', 0, 0),
      status: 'failed',
      error: 'teacher model not found',
    };
    const dir = writeRun('failed', failed);
    await announceRun(dir);
    assert.equal((await lenses())[2]?.command?.title, 'Last run failed: teacher model not found');
  });

  void it('ignores a report.json that is not a report', async () => {
    const dir = path.join(suite.workspace.root, 'runs', 'zz-broken');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'report.json'), '{ not json');
    await announceRun(dir);
    assert.equal((await lenses())[2]?.command?.title, 'Last run failed: teacher model not found');
  });
});

void describe('language server code lenses with distillery.runsFolder', () => {
  let server: LspHarness;
  let workspace: Workspace;
  let configPath: string;
  let uri: string;
  before(async () => {
    workspace = createWorkspace();
    // The config sits in a sub-folder: the setting is relative to the workspace folder, not to the config.
    configPath = path.join(workspace.root, 'configs', 'lens.distill.yaml');
    mkdirSync(path.dirname(configPath), { recursive: true });
    uri = fileUri(configPath);
    // A run in the config's own output folder, which the setting overrides.
    writeRunIn(
      path.join(workspace.root, 'configs', 'runs', 'default'),
      report(configPath, '2026-01-09T10:00:00Z', 0.5, 0.9),
    );
    writeRunIn(
      path.join(workspace.root, 'elsewhere', 'runs', 'a'),
      report(configPath, '2026-01-01T10:00:00Z', 0.971, 0.98),
    );
    writeRunIn(path.join(workspace.root, 'moved', 'b'), report(configPath, '2026-01-02T10:00:00Z', 0.8, 0.98));
    server = await LspHarness.start({ runsFolder: 'elsewhere/runs', workspaceFolders: [workspace.root] });
    await server.open(uri, IRIS_CONFIG.replace('model: models/', 'model: ../models/'));
  });
  after(() => {
    server.kill();
    workspace.dispose();
  });

  const lenses = async (): Promise<CodeLens[]> =>
    (await server.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) ?? [];

  function writeRunIn(dir: string, content: RunReport): void {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'report.json'), JSON.stringify(content));
  }

  void it('shows the last run from the runs folder of the setting, relative to the workspace folder', async () => {
    const last = (await lenses())[2];
    assert.equal(last?.command?.title, 'Last run: model.onnx (student) 97.1% / teacher 98.0%, 1000 B (12.0× smaller)');
    assert.deepEqual(last?.command?.arguments, [uri, path.join(workspace.root, 'elsewhere', 'runs', 'a')]);
  });

  void it('follows a change of the setting (workspace/didChangeConfiguration) and refreshes the lenses', async () => {
    let refreshed = server.nextLensRefresh();
    await server.connection.sendNotification(DidChangeConfigurationNotification.type, {
      settings: { distillery: { runsFolder: 'moved', strictness: 'normal' } },
    });
    await refreshed;
    assert.deepEqual((await lenses())[2]?.command?.arguments, [uri, path.join(workspace.root, 'moved', 'b')]);

    // Cleared: back to the config's own output folder.
    refreshed = server.nextLensRefresh();
    await server.connection.sendNotification(DidChangeConfigurationNotification.type, {
      settings: { distillery: { runsFolder: '' } },
    });
    await refreshed;
    const last = (await lenses())[2];
    assert.equal(last?.command?.title, 'Last run: model.onnx (student) 50.0% / teacher 90.0%, 1000 B (12.0× smaller)');
    assert.deepEqual(last?.command?.arguments, [uri, path.join(workspace.root, 'configs', 'runs', 'default')]);
  });
});
