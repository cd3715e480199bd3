/**
 * The config panel asks the server for its analysis (CONFIG_ANALYSIS_REQUEST) instead of analysing again:
 * the answer is the same analysis the editor's diagnostics came from, for the document's current version,
 * with the model summaries the panel draws; a document the server does not hold gets null.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { analyzeConfig } from '../../src/core/analysis/analyze';
import { nodeFileSystem } from '../../src/node/file-system';
import {
  CONFIG_ANALYSIS_REQUEST,
  type ConfigAnalysis,
  type ConfigAnalysisParams,
} from '../../src/core/protocol/lsp-messages';
import { createWorkspace, FIXTURE_TEACHER_PARAMS, IRIS_CONFIG, type Workspace } from './fixtures';
import { LspHarness } from './lsp-harness';

void describe('config analysis for the panel', () => {
  let server: LspHarness;
  let workspace: Workspace;
  before(async () => {
    workspace = createWorkspace();
    server = await LspHarness.start({ diagnosticsDelayMs: 10_000 });
  });
  after(() => {
    server.kill();
    workspace.dispose();
  });

  const ask = (uri: string): Promise<ConfigAnalysis | null> =>
    server.connection.sendRequest(CONFIG_ANALYSIS_REQUEST, { textDocument: { uri } } satisfies ConfigAnalysisParams);

  void it('answers with the analysis of the current version, even one still inside the debounce delay', async () => {
    const uri = workspace.configUri('panel.distill.yaml');
    await server.open(uri, IRIS_CONFIG);
    // A 10 s debounce: only the request itself can have sent version 2 for analysis this soon.
    const edited = IRIS_CONFIG.replace('temperature: 4', 'temperature: 40');
    await server.change(uri, edited);
    const answer = await ask(uri);
    assert.ok(answer, 'no analysis for an open config');
    assert.equal(answer.version, 2);
    const expected = analyzeConfig(edited, path.join(workspace.root, 'panel.distill.yaml'), nodeFileSystem);
    assert.deepEqual(answer.diagnostics, JSON.parse(JSON.stringify(expected.diagnostics)));
    assert.ok(
      answer.diagnostics.some((d) => d.code === 'risk/temperature'),
      'the edit is not in the analysis',
    );
    assert.equal(answer.teacher?.params, FIXTURE_TEACHER_PARAMS);
    assert.equal(answer.student?.layers.length, 2);
    assert.equal(answer.output, 'runs');
  });

  void it('carries the student after structured pruning, for the comparison before and after', async () => {
    const uri = workspace.configUri('pruned.distill.yaml');
    await server.open(uri, `${IRIS_CONFIG}compression:\n  pruning: { sparsity: 0.5, structure: units }\n`);
    const answer = await ask(uri);
    assert.deepEqual(
      answer?.pruned?.layers.map((l) => `${l.name}:${l.outputShape.join('x')}`),
      ['hidden:4', 'logits:3'],
    );
    assert.equal(answer?.pruned?.params, 35);
    assert.equal(answer?.student?.params, 67);
    await server.change(uri, `${IRIS_CONFIG}compression:\n  pruning: { sparsity: 0.5 }\n`);
    assert.equal((await ask(uri))?.pruned, undefined, 'unstructured pruning has no narrower model');
  });

  void it('answers null for a document the server does not hold', async () => {
    assert.equal(await ask(workspace.configUri('never-opened.distill.yaml')), null);
  });
});
