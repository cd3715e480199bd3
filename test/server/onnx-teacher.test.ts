/**
 * An ONNX teacher in the editor, through a real LSP client over stdio: diagnostics for a layout that cannot fit
 * and an unknown hint value, completion of the graph's value names and outputs, hover with a value's shape.
 */
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import {
  type CompletionItem,
  type CompletionList,
  CompletionRequest,
  HoverRequest,
  type MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { withCursor } from './lsp-harness';
import { useServerSuite } from './server-suite';

const TEACHER = path.resolve(__dirname, '..', '..', 'examples', 'teachers', 'fashion-cnn.onnx');

const config = (teacher: string, hint: string): string => `version: 1
data: { source: fashion-mnist, limit: 2000 }
teacher:
  model: cnn.onnx
${teacher}
student:
  layers:
    - dense: { units: 32, activation: relu, name: hidden }
    - dense: { units: 10 }
distillation:
  features:
    - { teacher: ${hint}, student: hidden, projection: linear }
training: { early_stopping: { patience: 2 } }
`;

void describe('language server: an ONNX teacher', () => {
  const suite = useServerSuite();
  const withTeacher = (): void => copyFileSync(TEACHER, path.join(suite.workspace.root, 'cnn.onnx'));

  async function at(marked: string): Promise<{ uri: string; position: { line: number; character: number } }> {
    withTeacher();
    const { text, position } = withCursor(marked);
    const uri = suite.freshUri('onnx');
    await suite.server.open(uri, text);
    return { uri, position };
  }

  void it('reports a layout that cannot fit and an unknown hint value (with did-you-mean)', async () => {
    withTeacher();
    const uri = suite.freshUri('onnx');
    const diagnostics = await suite.server.open(uri, config('  input: { layout: nhwc }', '/Relu_2_output'));
    const byCode = diagnostics.filter((d) => d.severity === 1).map((d) => `${String(d.code)}: ${String(d.message)}`);
    assert.ok(
      byCode.some((m) => /^shape-mismatch: Teacher model cnn.onnx: .*Assumed: layout nhwc/.test(m)),
      byCode.join('\n'),
    );
    const fixed = await suite.server.changeAndWait(uri, config('  input: { layout: nchw }', '/Relu_2_output'));
    const errors = fixed.filter((d) => d.severity === 1);
    assert.equal(errors.length, 1, errors.map((d) => d.message).join('\n'));
    assert.equal(errors[0]!.code, 'unknown-layer');
    assert.match(String(errors[0]!.message), /Did you mean '\/Relu_2_output_0'\?/);
    assert.equal(errors[0]!.range.start.line, 11, 'on the hint pair (line 12)');
  });

  void it("completes a hint's teacher with the graph's value names and teacher.output with its outputs", async () => {
    const hint = await at(config('  input: { layout: nchw }', '/Relu|'));
    const result = await suite.server.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: hint.uri },
      position: hint.position,
    });
    const items = (Array.isArray(result) ? result : (result as CompletionList).items) as CompletionItem[];
    const relu = items.find((i) => i.label === '/Relu_2_output_0');
    assert.ok(relu, items.map((i) => i.label).join(', '));
    assert.equal(relu.detail, 'teacher value (Relu, shape [batch, 128])');
    assert.ok(items.some((i) => i.label === '/conv1/Conv_output_0'));
    const output = await at(config('  output: |', '/Relu_2_output_0'));
    const outputs = await suite.server.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: output.uri },
      position: output.position,
    });
    const outputItems = (Array.isArray(outputs) ? outputs : (outputs as CompletionList).items) as CompletionItem[];
    assert.deepEqual(
      outputItems.map((i) => i.label),
      ['logits'],
    );
  });

  void it("hovers a hint's value with its shape and teacher.model with the graph's inputs and outputs", async () => {
    const hint = await at(config('  input: { layout: nchw }', '/Relu_|1_output_0'));
    const hover = await suite.server.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: hint.uri },
      position: hint.position,
    });
    assert.match(
      (hover!.contents as MarkupContent).value,
      /\*\*teacher value `\/Relu_1_output_0`\*\* \(Relu, shape \[batch, 64, 14, 14\]\)/,
    );
    const model = await at(
      config('  input: { layout: nchw }', '/Relu_1_output_0').replace('model: cnn.onnx', 'model: cn|n.onnx'),
    );
    const modelHover = await suite.server.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: model.uri },
      position: model.position,
    });
    const text = (modelHover!.contents as MarkupContent).value;
    assert.match(text, /\*\*ONNX teacher\*\*: 421,642 parameters, opset 13/);
    assert.match(text, /- input `input`: \[batch, 1, 28, 28\]/);
    assert.match(text, /- output `logits`: \[batch, 10\]/);
  });
});
