/** The panel's Comparison with a TF.js graph-model teacher (summary from core's analysis of a real file), in real Chromium. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { analyzeConfig } from '../../src/core/analysis/analyze';
import type { ModelSummary } from '../../src/core/model/summary-types';
import { nodeFileSystem } from '../../src/node/file-system';
import { denseNode, writeGraphModel } from '../trainer/graph-model-writer';
import { ANALYSIS, CONFIG_INIT } from './fixtures/panel-fixtures';
import { openPanel, sendAll, textOf, type Panel } from './harness';
import { useChromiumSuite } from './chromium-suite';

/** The teacher summary `check` and the language server compute for a graph model on disk. */
async function graphTeacherSummary(): Promise<ModelSummary> {
  await tf.setBackend('cpu');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'distillery-panel-graph-'));
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [784], units: 32, activation: 'relu', name: 'dense' }),
      tf.layers.dense({ units: 10, name: 'dense_1' }),
    ],
  });
  writeGraphModel(model, path.join(dir, 'graph'));
  const config = path.join(dir, 'c.distill.yaml');
  const text =
    'version: 1\ndata: { source: mnist }\nteacher: { model: graph/model.json }\nstudent: { layers: [ { dense: { units: 10 } } ] }\n';
  fs.writeFileSync(config, text);
  const teacher = analyzeConfig(text, config, nodeFileSystem).teacher;
  assert.ok(teacher, 'the analysis summarises the graph teacher');
  return teacher;
}

void describe('comparison view with a graph-model teacher', () => {
  const chromium = useChromiumSuite();
  let panel: Panel;
  let teacher: ModelSummary;

  before(async () => {
    teacher = await graphTeacherSummary();
    panel = await openPanel(chromium.browser, chromium.server);
    await sendAll(panel, [CONFIG_INIT, { type: 'analysis', payload: { ...ANALYSIS, teacher, features: [] } }]);
  });

  void it('lists the parameterised nodes with their parameters and says where they come from', async () => {
    const { page } = panel;
    const names = await page.locator('[data-role="teacher"] .layer-name').allTextContents();
    assert.deepEqual(names, [denseNode('dense', true), denseNode('dense_1', false)]);
    assert.match(
      await textOf(page, '[data-role="teacher"] .origin'),
      /from the graph model: its parameterised nodes, input \[784\]/,
    );
    const paramsRow = await page.locator('tr[data-total="params"] td').allTextContents();
    assert.equal(paramsRow[0], `${((784 * 32 + 32 + 32 * 10 + 10) / 1e3).toFixed(1)}k`);
    assert.deepEqual(panel.errors, []);
  });
});
