/** Diagnostics over LSP: codes, exact ranges, links, debounced re-validation, clearing on close, watched files. */
import assert from 'node:assert/strict';
import { renameSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import {
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  FileChangeType,
} from 'vscode-languageserver-protocol/node';
import { IRIS_CONFIG } from './fixtures';
import { useServerSuite } from './server-suite';
import { fileUri, LspHarness } from './lsp-harness';

/** The 0-based line and column of the first occurrence of `needle` in `text`. */
function locate(text: string, needle: string): { line: number; character: number } {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `test text lacks ${needle}`);
  const before = text.slice(0, offset);
  return { line: before.split('\n').length - 1, character: offset - (before.lastIndexOf('\n') + 1) };
}

void describe('language server diagnostics', () => {
  const suite = useServerSuite();

  void it('publishes no diagnostics for a valid config', async () => {
    const diagnostics = await suite.server.open(suite.workspace.configUri('valid.distill.yaml'), IRIS_CONFIG);
    assert.deepEqual(diagnostics, []);
  });

  void it('reports an unknown key on exactly the key, with code, source and documentation link', async () => {
    const text = IRIS_CONFIG.replace('  temperature: 4', '  temprature: 4');
    const diagnostics = await suite.server.open(suite.workspace.configUri('typo.distill.yaml'), text);
    const unknown = diagnostics.find((d) => d.code === 'unknown-key');
    assert.ok(unknown, `expected unknown-key in ${JSON.stringify(diagnostics)}`);
    const start = locate(text, 'temprature');
    assert.deepEqual(unknown.range, {
      start,
      end: { line: start.line, character: start.character + 'temprature'.length },
    });
    assert.equal(unknown.severity, DiagnosticSeverity.Error);
    assert.equal(unknown.source, 'distillery');
    assert.match(String(unknown.message), /Did you mean 'temperature'/);
    assert.match(unknown.codeDescription?.href ?? '', /README\.md#diagnostic-codes$/);
  });

  void it('reports an out-of-range value on the value and a risk as a warning with its threshold source', async () => {
    const text = IRIS_CONFIG.replace('temperature: 4', 'temperature: 0').replace(
      'soft_weight: 0.7',
      'soft_weight: 0.2',
    );
    const diagnostics = await suite.server.open(suite.workspace.configUri('range.distill.yaml'), text);
    const range = diagnostics.find((d) => d.code === 'range');
    assert.ok(range, `expected range in ${JSON.stringify(diagnostics)}`);
    const start = locate(text, 'temperature: 0');
    assert.deepEqual(range.range.start, { line: start.line, character: start.character + 'temperature: '.length });
    const weights = diagnostics.find((d) => d.code === 'risk/weights');
    assert.ok(weights, `expected risk/weights in ${JSON.stringify(diagnostics.map((d) => d.code))}`);
    assert.equal(weights.severity, DiagnosticSeverity.Warning);
  });

  void it('re-validates after edits, publishing for the newest version only', async () => {
    const uri = suite.workspace.configUri('edit.distill.yaml');
    assert.deepEqual(await suite.server.open(uri, IRIS_CONFIG), []);
    await suite.server.change(uri, IRIS_CONFIG.replace('temperature: 4', 'temperature: 40'));
    const diagnostics = await suite.server.changeAndWait(uri, IRIS_CONFIG.replace('temperature: 4', 'temperature: 60'));
    const risk = diagnostics.find((d) => d.code === 'risk/temperature');
    assert.ok(risk, 'temperature 60 is a risk');
    assert.match(String(risk.message), /60/);
    assert.deepEqual(await suite.server.changeAndWait(uri, IRIS_CONFIG), []);
  });

  void it('reports YAML syntax errors and keeps working on the rest', async () => {
    const text = `${IRIS_CONFIG}extra: [unclosed\n`;
    const diagnostics = await suite.server.open(suite.workspace.configUri('syntax.distill.yaml'), text);
    assert.ok(
      diagnostics.some((d) => d.code === 'yaml-syntax'),
      JSON.stringify(diagnostics.map((d) => d.code)),
    );
  });

  void it("clears a document's diagnostics when it closes", async () => {
    const uri = suite.workspace.configUri('closing.distill.yaml');
    const open = await suite.server.open(uri, 'version: 2\n');
    assert.ok(open.length > 0);
    assert.deepEqual(await suite.server.close(uri), []);
  });

  void it('re-validates when a referenced model file appears or disappears on disk', async () => {
    const uri = suite.workspace.configUri('watched.distill.yaml');
    assert.deepEqual(await suite.server.open(uri, IRIS_CONFIG), []);
    const moved = `${suite.workspace.modelPath}.moved`;
    renameSync(suite.workspace.modelPath, moved);
    try {
      const missing = suite.server.nextDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'missing-file'));
      await suite.server.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
        changes: [{ uri: fileUri(suite.workspace.modelPath), type: FileChangeType.Deleted }],
      });
      const published = await missing;
      const diagnostic = published.diagnostics.find((d) => d.code === 'missing-file')!;
      assert.equal(diagnostic.range.start.line, locate(IRIS_CONFIG, 'models/teacher').line);
    } finally {
      renameSync(moved, suite.workspace.modelPath);
    }
    const restored = suite.server.nextDiagnostics(uri, () => true);
    await suite.server.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: fileUri(suite.workspace.modelPath), type: FileChangeType.Created }],
    });
    assert.deepEqual((await restored).diagnostics, []);
  });

  void it('registers a file watcher when the client supports dynamic registration', async () => {
    const watching = await LspHarness.start({ dynamicWatch: true });
    try {
      // The registration request is the server's answer to `initialized`; a request after it is ordered after it.
      await watching.open(suite.workspace.configUri('register.distill.yaml'), IRIS_CONFIG);
      const methods = watching.registrations.flatMap((r) => r.registrations.map((x) => x.method));
      assert.ok(methods.includes('workspace/didChangeWatchedFiles'), JSON.stringify(methods));
      const options = watching.registrations[0]?.registrations[0]?.registerOptions as {
        watchers: { globPattern: string }[];
      };
      assert.ok(options.watchers.some((w) => w.globPattern.includes('json')));
    } finally {
      assert.equal(await watching.stop(), 0);
    }
  });

  void it('resolves relative paths against the config file, not the working folder', async () => {
    const nested = fileUri(path.join(suite.workspace.root, 'models', 'nested.distill.yaml'));
    const diagnostics = await suite.server.open(nested, IRIS_CONFIG);
    assert.ok(
      diagnostics.some((d) => d.code === 'missing-file'),
      'models/models/teacher/model.json does not exist',
    );
  });
});
