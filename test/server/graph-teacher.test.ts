/**
 * A TF.js graph-model teacher in the editor, through the real LSP client: its nodes are completed as hint
 * values, a misspelt node gets `unknown-layer` with did-you-mean, hover shows a node's shape and parameters.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import {
  type CompletionItem,
  type CompletionList,
  CompletionRequest,
  HoverRequest,
  type MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { denseNode, writeGraphModel } from '../trainer/graph-model-writer';
import { IRIS_CONFIG } from './fixtures';
import { withCursor } from './lsp-harness';
import { useServerSuite } from './server-suite';

const HIDDEN = denseNode('dense', true);

void describe('language server with a graph-model teacher', () => {
  const suite = useServerSuite();

  async function graphConfig(features: string): Promise<string> {
    await tf.setBackend('cpu');
    const model = tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [4], units: 16, activation: 'relu', name: 'dense' }),
        tf.layers.dense({ units: 3, activation: 'softmax', name: 'dense_1' }),
      ],
    });
    writeGraphModel(model, path.join(suite.workspace.root, 'models', 'graph'), { softmax: true });
    return IRIS_CONFIG.replace('models/teacher/model.json', 'models/graph/model.json').replace(
      '  hard_weight: 0.3\n',
      `  hard_weight: 0.3\n  features:\n    - { teacher: ${features}, student: hidden, projection: linear }\n`,
    );
  }

  void it('completes node names, flags a misspelt one with did-you-mean, and hovers a node', async () => {
    const marked = await graphConfig('|');
    const { text, position } = withCursor(marked);
    const uri = suite.freshUri('graph');
    await suite.server.open(uri, text);
    const result = await suite.server.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position,
    });
    const items: CompletionItem[] = Array.isArray(result) ? result : ((result as CompletionList | null)?.items ?? []);
    const names = items.map((i) => i.label);
    for (const node of [
      HIDDEN,
      denseNode('dense_1', false),
      'StatefulPartitionedCall/sequential/dense_1/Softmax',
      'Identity',
    ])
      assert.ok(names.includes(node), `completion offers ${node}: ${names.join(', ')}`);

    const typo = HIDDEN.replace('Relu', 'Relo');
    const diagnostics = await suite.server.open(suite.freshUri('graph'), await graphConfig(typo));
    const unknown = diagnostics.filter((d) => d.code === 'unknown-layer');
    assert.equal(unknown.length, 1, JSON.stringify(diagnostics));
    const message = unknown[0]!.message;
    const messageText = typeof message === 'string' ? message : message.value;
    assert.ok(messageText.includes(`Did you mean '${HIDDEN}'?`), messageText);

    const good = await graphConfig(HIDDEN);
    const at = good.indexOf(HIDDEN) + 5;
    const hoverUri = suite.freshUri('graph');
    const errors = (await suite.server.open(hoverUri, good)).filter((d) => d.severity === 1);
    assert.deepEqual(errors, [], 'the graph teacher config is clean');
    const lines = good.slice(0, at).split('\n');
    const hover = await suite.server.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: hoverUri },
      position: { line: lines.length - 1, character: lines[lines.length - 1]!.length },
    });
    const value = (hover?.contents as MarkupContent | undefined)?.value ?? '';
    assert.match(value, /teacher node `StatefulPartitionedCall\/sequential\/dense\/Relu`\*\* \(_FusedMatMul\)/);
    assert.match(value, /Output shape: `\[16\]` · Parameters: 80/);
  });
});
