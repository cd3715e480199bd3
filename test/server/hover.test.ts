/** Hover over LSP: key docs, the loss formula with the user's values, layer figures, model totals. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { FIXTURE_TEACHER_PARAMS, IRIS_CONFIG } from './fixtures';
import { withCursor } from './lsp-harness';
import { useServerSuite } from './server-suite';

void describe('language server hover', () => {
  const suite = useServerSuite();

  /** Hover text at the `|` marker placed at the first occurrence of `at` in `text`. */
  async function hoverAt(text: string, at: string): Promise<string | undefined> {
    const index = text.indexOf(at);
    assert.ok(index >= 0, `text lacks ${at}`);
    const { text: clean, position } = withCursor(`${text.slice(0, index)}|${text.slice(index)}`);
    const uri = suite.freshUri('hover');
    await suite.server.open(uri, clean);
    const hover = await suite.server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
    return hover ? (hover.contents as MarkupContent).value : undefined;
  }

  void it('shows the documentation of a key with its type, range and default', async () => {
    const text = await hoverAt(IRIS_CONFIG, 'early_stopping');
    assert.ok(text);
    assert.match(text, /\*\*Early stopping\*\*/);
    assert.match(text, /patience/);
    const batch = await hoverAt(IRIS_CONFIG, 'batch_size');
    assert.match(batch ?? '', /Type: integer · Range: >= 1, <= 65536 · Default: `128`/);
  });

  void it("writes the loss formula with the config's own temperature and weights", async () => {
    const config = IRIS_CONFIG.replace('temperature: 4', 'temperature: 3')
      .replace('soft_weight: 0.7', 'soft_weight: 0.6')
      .replace('hard_weight: 0.3', 'hard_weight: 0.4');
    for (const key of ['temperature', 'soft_weight', 'hard_weight']) {
      const text = await hoverAt(config, key);
      assert.ok(text, `no hover on ${key}`);
      assert.match(text, /L = 0\.6 · 3² · KL\(softmax\(z_t\/3\) ‖ softmax\(z_s\/3\)\)/);
      assert.match(text, /\+ 0\.4 · CE\(y, softmax\(z_s\)\)/);
      // 0.6 * 9 = 5.4 of a total 5.8: 93.1% of the label-loss weight is soft.
      assert.match(text, /= 5\.4 · KL_T \+ 0\.4 · CE/);
      assert.match(text, /93\.1%/);
    }
  });

  void it('adds the hint terms to the formula when features are configured', async () => {
    const config = IRIS_CONFIG.replace(
      '  hard_weight: 0.3\n',
      '  hard_weight: 0.3\n  features:\n    - { teacher: teacher_hidden, student: hidden, projection: linear, weight: 0.2 }\n',
    );
    const text = await hoverAt(config, 'temperature');
    assert.match(text ?? '', /0\.2 · MSE\(P\(hidden\), teacher_hidden\)/);
  });

  void it('documents compression.target: the drop in points on the validation split, its range and default', async () => {
    const config = IRIS_CONFIG.replace(
      'output: runs\n',
      'compression:\n  target: { max_accuracy_drop: 1.0, structure: [units], objective: size_then_latency }\noutput: runs\n',
    );
    const drop = await hoverAt(config, 'max_accuracy_drop');
    assert.match(drop ?? '', /\*\*Largest accuracy drop\*\*/);
    assert.match(drop ?? '', /Accuracy points .* \*\*validation\*\* split/);
    assert.match(drop ?? '', /Range: >= 0, <= 100 · Default: `1`/);
    const objective = await hoverAt(config, 'size_then_latency');
    assert.match(objective ?? '', /batch-1 latency/);
  });

  void it('documents quantization-aware training: what it does, that the export holds it, its epochs', async () => {
    const config = IRIS_CONFIG.replace(
      'output: runs\n',
      'compression:\n  quantization: { dtype: int4, aware: true, fine_tune_epochs: 3 }\noutput: runs\n',
    );
    const aware = await hoverAt(config, 'aware');
    assert.match(aware ?? '', /\*\*Quantization-aware training\*\*/);
    assert.match(aware ?? '', /same per-channel scales the export stores/);
    assert.match(aware ?? '', /Type: true \\\| false · Default: `false`/);
    const epochs = await hoverAt(config, 'fine_tune_epochs');
    assert.match(epochs ?? '', /quantization-aware distillation fine-tuning/);
  });

  void it("shows a layer's output shape, parameters and share of the model", async () => {
    const text = await hoverAt(IRIS_CONFIG, 'dense: { units: 8');
    assert.ok(text);
    // iris has 4 features: 4*8+8 = 40 parameters of the student's 40 + 8*3+3 = 67.
    assert.match(text, /Output shape: `\[8\]`/);
    assert.match(text, /Parameters: 40 /);
    assert.match(text, /59\.7% of the student's size/);
  });

  void it('shows totals of both models and the compression ratio on teacher and student', async () => {
    const text = await hoverAt(IRIS_CONFIG, 'student:');
    assert.ok(text);
    assert.match(text, /student: 67 parameters/);
    assert.match(text, new RegExp(`teacher: ${FIXTURE_TEACHER_PARAMS} parameters`));
    assert.match(text, /Compression: \*\*1\.96×\*\* fewer parameters \(524 B -> 268 B\)/);
  });

  void it('explains an enum value under the cursor', async () => {
    const text = await hoverAt(`${IRIS_CONFIG}compression:\n  quantization: { dtype: int4 }\n`, 'int4');
    assert.match(text ?? '', /an eighth of the size/);
  });

  void it('shows the teacher layer named in a hint pair', async () => {
    const config = IRIS_CONFIG.replace(
      '  hard_weight: 0.3\n',
      '  hard_weight: 0.3\n  features:\n    - { teacher: teacher_hidden, student: hidden, projection: linear }\n',
    );
    const text = await hoverAt(config, 'teacher_hidden,');
    assert.match(text ?? '', /teacher layer `teacher_hidden`/);
    assert.match(text ?? '', /Output shape: `\[16\]`/);
  });

  void it('shows the widths structured pruning leaves, on compression.pruning and on each student layer', async () => {
    const config = `${IRIS_CONFIG}compression:\n  pruning: { sparsity: 0.5, structure: units }\n`;
    const table = await hoverAt(config, 'structure');
    assert.ok(table);
    assert.match(table, /\*\*Student after structured pruning\*\* \(50% of the units/);
    assert.match(table, /\| `hidden` \(dense\) \| 8 \| 4 \|/);
    assert.match(table, /\| `logits` \(dense\) \| 3 \| 3 \(kept: the output layer\) \|/);
    // 4*4+4 + 4*3+3 = 35 of the student's 67.
    assert.match(table, /Parameters 67 -> 35 \(1\.91× fewer\)/);
    const layer = await hoverAt(config, 'dense: { units: 8');
    assert.match(
      layer ?? '',
      /After structured pruning \(`compression\.pruning`\): keeps 4 of 8 units, 20 parameters\./,
    );
    const hinted = config.replace(
      '  hard_weight: 0.3\n',
      '  hard_weight: 0.3\n  features:\n    - { teacher: teacher_hidden, student: hidden, projection: linear }\n',
    );
    const kept = await hoverAt(hinted, 'dense: { units: 8');
    assert.match(kept ?? '', /keeps all 8 units \(a hint reads it\), 40 parameters\./);
    const unstructured = await hoverAt(config.replace(', structure: units', ''), 'dense: { units: 8');
    assert.doesNotMatch(unstructured ?? '', /After structured pruning/, 'unstructured pruning keeps every width');
  });

  void it('returns nothing on a comment', async () => {
    assert.equal(await hoverAt(IRIS_CONFIG, 'iris distillation'), undefined);
  });
});
