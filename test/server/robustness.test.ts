/**
 * The server under stress: a burst of 1,000 rapid edits leaves it responsive with bounded memory, and
 * arbitrary text never takes it down (every feature answers, possibly with nothing).
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import {
  CodeLensRequest,
  CompletionRequest,
  DidChangeTextDocumentNotification,
  DocumentFormattingRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  DefinitionRequest,
} from 'vscode-languageserver-protocol/node';
import { SERVER_STATUS_REQUEST, type ServerStatus } from '../../src/core/protocol/lsp-messages';
import { createWorkspace, IRIS_CONFIG, type Workspace } from './fixtures';
import { LspHarness, SERVER_BUNDLE } from './lsp-harness';

/** Resident memory of a process from /proc (Linux), in bytes. */
function procRss(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  assert.ok(line, 'no VmRSS in /proc status');
  return Number(line.replace(/\D+/g, '')) * 1024;
}

void describe('language server robustness', () => {
  let server: LspHarness;
  let workspace: Workspace;
  before(async () => {
    workspace = createWorkspace();
    server = await LspHarness.start({ diagnosticsDelayMs: 50 });
  });
  after(() => {
    server.kill();
    workspace.dispose();
  });

  void it('stays responsive with bounded memory through 1,000 rapid incremental edits', async () => {
    const uri = workspace.configUri('burst.distill.yaml');
    await server.open(uri, IRIS_CONFIG);
    // Warm up every feature once so the baseline includes the server's steady-state allocations.
    await server.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: { line: 12, character: 2 },
    });
    await server.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: { line: 12, character: 4 },
    });
    const before: ServerStatus = await server.connection.sendRequest(SERVER_STATUS_REQUEST);
    const line = IRIS_CONFIG.split('\n').indexOf('output: runs');
    // Type "# " then 998 characters at the end of the file's last line, one notification per keystroke, no waiting.
    const typed = `# ${'x'.repeat(998)}`;
    let version = 1;
    for (let i = 0; i < typed.length; i++) {
      version++;
      void server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version },
        contentChanges: [
          {
            range: { start: { line, character: 13 + i }, end: { line, character: 13 + i } },
            text: i === 0 ? ' #' : (typed[i] ?? ''),
          },
        ],
      });
    }
    // Then one real mistake: the server must validate the newest text, not a stale one.
    version++;
    const final = server.nextDiagnostics(uri, (p) => p.version === version);
    await server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [
        { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'bogus: 1\n' },
      ],
    });
    const diagnostics = (await final).diagnostics;
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character]),
      [['unknown-key', 0, 0]],
    );

    const completion = await server.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: { line: 13, character: 2 },
    });
    assert.ok(
      completion && 'items' in completion && completion.items.some((i) => i.label === 'features'),
      'completion still works after the burst',
    );
    // The outline is computed right after the diagnostics are published, so the worker may still be busy for a
    // moment: poll the status (there is no event for "idle") until the queue drains, with a deadline.
    let after: ServerStatus = await server.connection.sendRequest(SERVER_STATUS_REQUEST);
    for (const deadline = Date.now() + 10_000; after.pendingValidations > 0 && Date.now() < deadline;) {
      await new Promise((resolve) => setImmediate(resolve));
      after = await server.connection.sendRequest(SERVER_STATUS_REQUEST);
    }
    assert.equal(after.documents, 1);
    assert.ok(after.cachedAnalyses <= 1, `one cached analysis per document, got ${after.cachedAnalyses}`);
    assert.equal(after.pendingValidations, 0);
    const growth = after.rss - before.rss;
    assert.ok(growth < 64 * 1024 * 1024, `RSS grew by ${(growth / 1048576).toFixed(1)} MB over the burst`);
    assert.ok(
      Math.abs(procRss(server.pid) - after.rss) < 32 * 1024 * 1024,
      'the status request reports the process RSS that /proc sees',
    );
  });

  void it('answers every feature on arbitrary text without crashing', async () => {
    const uri = workspace.configUri('fuzz.distill.yaml');
    await server.open(uri, '');
    const yamlish = fc
      .array(
        fc.constantFrom(
          'a',
          'b',
          ':',
          ' ',
          '\n',
          '-',
          '{',
          '}',
          '[',
          ']',
          ',',
          '#',
          '"',
          "'",
          '&',
          '*',
          '!',
          '|',
          '>',
          '\t',
          '1',
          'teacher',
          'layers',
          'dense',
          'features',
        ),
        { maxLength: 80 },
      )
      .map((parts) => parts.join(''));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(yamlish, fc.string({ maxLength: 200 })),
        fc.nat(40),
        fc.nat(60),
        async (text, line, character) => {
          await server.changeAndWait(uri, text);
          const position = { line, character };
          const doc = { textDocument: { uri } };
          await server.connection.sendRequest(CompletionRequest.type, { ...doc, position });
          await server.connection.sendRequest(HoverRequest.type, { ...doc, position });
          await server.connection.sendRequest(DefinitionRequest.type, { ...doc, position });
          await server.connection.sendRequest(DocumentSymbolRequest.type, doc);
          await server.connection.sendRequest(FoldingRangeRequest.type, doc);
          await server.connection.sendRequest(CodeLensRequest.type, doc);
          await server.connection.sendRequest(DocumentFormattingRequest.type, {
            ...doc,
            options: { tabSize: 2, insertSpaces: true },
          });
        },
      ),
      { numRuns: 150, seed: 20261127 },
    );
    assert.equal(server.child.exitCode, null, 'the server is still running');
    assert.deepEqual(
      server.logs.filter((l) => /failed|uncaught|unhandled/.test(l)),
      [],
      'no feature failed',
    );
  });

  void it(
    'survives extreme documents: deep nesting, a 2 MB line, thousands of indentation levels',
    { timeout: 120_000 },
    async () => {
      const extremes = [
        `a: ${'['.repeat(20000)}`,
        `a: ${'{b: '.repeat(5000)}1${'}'.repeat(5000)}`,
        'x'.repeat(2_000_000),
        Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n'),
      ];
      for (const [index, text] of extremes.entries()) {
        const uri = workspace.configUri(`extreme-${index}.distill.yaml`);
        const diagnostics = await server.open(uri, text);
        assert.ok(diagnostics.length > 0, `extreme document ${index} is not a valid config`);
        const doc = { textDocument: { uri } };
        // The outline crosses from the worker thread: a tree thousands of levels deep must not get lost on the way.
        const symbols = await server.connection.sendRequest(DocumentSymbolRequest.type, doc);
        assert.ok(Array.isArray(symbols));
        await server.connection.sendRequest(CompletionRequest.type, { ...doc, position: { line: 0, character: 5 } });
        await server.connection.sendRequest(HoverRequest.type, { ...doc, position: { line: 0, character: 5 } });
        await server.close(uri);
      }
      // Still validating normally afterwards.
      const after = workspace.configUri('after-extremes.distill.yaml');
      assert.deepEqual(await server.open(after, IRIS_CONFIG), []);
    },
  );

  void it('answers requests for documents it does not know with empty results', async () => {
    const unknown = { textDocument: { uri: workspace.configUri('never-opened.distill.yaml') } };
    assert.equal(
      await server.connection.sendRequest(HoverRequest.type, { ...unknown, position: { line: 0, character: 0 } }),
      null,
    );
    assert.deepEqual(await server.connection.sendRequest(DocumentSymbolRequest.type, unknown), []);
  });

  void it('analyses in-process when the worker bundle is missing', async () => {
    // A copy of the server bundle alone in a folder: dist/server-worker.js is not beside it.
    const folder = mkdtempSync(path.join(tmpdir(), 'distillery-server-alone-'));
    copyFileSync(SERVER_BUNDLE, path.join(folder, 'server.js'));
    const alone = await LspHarness.start({ bundle: path.join(folder, 'server.js') });
    try {
      const uri = workspace.configUri('alone.distill.yaml');
      assert.deepEqual(await alone.open(uri, IRIS_CONFIG), []);
      const diagnostics = await alone.changeAndWait(uri, IRIS_CONFIG.replace('temperature: 4', 'temperature: 0'));
      assert.deepEqual(
        diagnostics.map((d) => d.code),
        ['range'],
      );
      const symbols = await alone.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
      assert.equal(symbols?.length, 8);
      assert.equal(await alone.stop(), 0);
    } finally {
      alone.kill();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  void it('shuts down cleanly on request', async () => {
    assert.equal(await server.stop(), 0);
  });
});
