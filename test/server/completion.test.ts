/** Completion over LSP, with the cursor marked `|` in the test texts (`key: va|lue`). */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  type CompletionItem,
  type CompletionList,
  CompletionRequest,
  InsertTextFormat,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { createWorkspace, IRIS_CONFIG, type Workspace } from './fixtures';
import { LspHarness, withCursor } from './lsp-harness';

void describe('language server completion', () => {
  let server: LspHarness;
  let plain: LspHarness;
  let workspace: Workspace;
  let counter = 0;
  before(async () => {
    workspace = createWorkspace();
    [server, plain] = await Promise.all([LspHarness.start(), LspHarness.start({ snippets: false })]);
  });
  after(() => {
    server.kill();
    plain.kill();
    workspace.dispose();
  });

  async function completeAt(marked: string, on = server): Promise<CompletionItem[]> {
    const { text, position } = withCursor(marked);
    const uri = workspace.configUri(`completion-${counter++}.distill.yaml`);
    await on.open(uri, text);
    const result = await on.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position });
    assert.ok(result, 'completion returned null');
    return Array.isArray(result) ? result : (result as CompletionList).items;
  }

  const labels = (items: readonly CompletionItem[]): string[] => items.map((i) => i.label);
  const find = (items: readonly CompletionItem[], label: string): CompletionItem => {
    const item = items.find((i) => i.label === label);
    assert.ok(item, `no completion ${label} in ${labels(items).join(', ')}`);
    return item;
  };
  const editText = (item: CompletionItem): string => (item.textEdit as TextEdit | undefined)?.newText ?? '';

  void it('offers the top-level keys in an empty document, required ones first', async () => {
    const items = await completeAt('|');
    for (const key of [
      'version',
      'data',
      'teacher',
      'student',
      'distillation',
      'training',
      'compression',
      'evaluation',
      'output',
    ])
      find(items, key);
    const sorted = [...items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
    assert.ok(['version', 'data', 'teacher', 'student'].includes(sorted[0]!.label));
  });

  void it('offers the keys of the map at the cursor, without the ones already written, on half-typed YAML', async () => {
    const items = await completeAt('version: 1\ndistillation:\n  temperature: 4\n  so|\n  hard_weight: 0.3\n');
    const names = labels(items);
    assert.ok(names.includes('soft_weight'));
    assert.ok(names.includes('features'));
    assert.ok(!names.includes('temperature'), 'temperature is already present');
    assert.ok(!names.includes('hard_weight'), 'hard_weight is already present');
    assert.ok(!names.includes('epochs'), 'epochs belongs to training');
    const soft = find(items, 'soft_weight');
    assert.equal(editText(soft), 'soft_weight: ${1:0.7}');
    assert.deepEqual((soft.textEdit as TextEdit).range, {
      start: { line: 3, character: 2 },
      end: { line: 3, character: 4 },
    });
    assert.match(JSON.stringify(soft.documentation), /T\^2/);
  });

  void it('inserts the required children of a map key as a snippet', async () => {
    const items = await completeAt('version: 1\nd|');
    const data = find(items, 'data');
    assert.equal(data.insertTextFormat, InsertTextFormat.Snippet);
    assert.equal(editText(data), 'data:\n  source: ${1|mnist,fashion-mnist,iris,penguins|}');
    const student = find(items, 'student');
    assert.equal(editText(student), 'student:\n  layers:\n    - dense: { units: ${1:64} }');
  });

  void it('falls back to plain text for clients without snippet support', async () => {
    const items = await completeAt('version: 1\nd|', plain);
    const data = find(items, 'data');
    assert.equal(data.insertTextFormat, InsertTextFormat.PlainText);
    assert.equal(editText(data), 'data:\n  ');
  });

  void it('offers enum values with their documentation and the default preselected', async () => {
    const items = await completeAt('training:\n  optimizer: |\n');
    assert.deepEqual(labels(items).sort(), ['adam', 'sgd']);
    const adam = find(items, 'adam');
    assert.equal(adam.preselect, true);
    assert.match(JSON.stringify(find(items, 'sgd').documentation), /momentum/);
  });

  void it('offers values inside flow maps and keys after a comma', async () => {
    assert.deepEqual(labels(await completeAt('compression:\n  quantization: { dtype: | }\n')).sort(), [
      'float16',
      'int4',
      'int8',
    ]);
    const keys = labels(await completeAt('training: { epochs: 3, | }\n'));
    assert.ok(keys.includes('batch_size') && keys.includes('early_stopping'));
    assert.ok(!keys.includes('epochs'));
  });

  void it('offers layer types as list items, with their required keys', async () => {
    const items = await completeAt('student:\n  layers:\n    - dense: { units: 8 }\n    - |\n');
    for (const type of ['dense', 'conv2d', 'max_pooling2d', 'dropout', 'flatten', 'batch_normalization'])
      find(items, type);
    assert.equal(editText(find(items, 'dropout')), 'dropout: { rate: ${1:0.3} }');
    assert.equal(editText(find(items, 'flatten')), 'flatten: { $1 }');
  });

  void it('offers the keys of a layer type, including activations as values', async () => {
    const keys = labels(await completeAt('student:\n  layers:\n    - dense:\n        units: 8\n        |\n'));
    assert.deepEqual(keys.sort(), ['activation', 'name', 'use_bias']);
    const activations = labels(await completeAt('student:\n  layers:\n    - dense: { units: 8, activation: | }\n'));
    assert.ok(activations.includes('relu') && activations.includes('gelu') && activations.includes('linear'));
  });

  void it('offers bundled dataset names and map forms for the data source', async () => {
    const items = await completeAt('data:\n  source: |\n');
    for (const name of ['mnist', 'fashion-mnist', 'iris', 'penguins']) find(items, name);
    const forms = items.filter((i) => i.label.startsWith('{'));
    assert.deepEqual(forms.map(editText).sort(), ['{ csv: $1, label: $2 }', '{ images: $1 }']);
  });

  void it('offers files and folders for model paths, relative to the config', async () => {
    const top = labels(await completeAt('teacher:\n  model: |\n'));
    assert.ok(top.includes('models/') && top.includes('data/'), top.join(', '));
    const inside = await completeAt('teacher:\n  model: models/teacher/|\n');
    assert.deepEqual(labels(inside), ['model.json'], 'only .json files: weights.bin is not a model');
    const range = (find(inside, 'model.json').textEdit as TextEdit).range;
    assert.equal(range.start.character, '  model: models/teacher/'.length);
    const csv = labels(await completeAt('data:\n  source: { csv: data/|, label: species }\n'));
    assert.deepEqual(csv, ['train.csv']);
  });

  void it('offers teacher layer names from the model file and student layer names from the config', async () => {
    const config = `${IRIS_CONFIG}`.replace(
      '  hard_weight: 0.3\n',
      '  hard_weight: 0.3\n  features:\n    - { teacher: |, student: hidden, projection: linear }\n',
    );
    const teacher = labels(await completeAt(config));
    assert.deepEqual(teacher.sort(), ['teacher_hidden', 'teacher_logits']);
    const studentSide = config.replace('teacher: |, student: hidden', 'teacher: teacher_hidden, student: |');
    assert.deepEqual(labels(await completeAt(studentSide)).sort(), ['hidden', 'logits']);
  });

  void it('offers booleans and suggested numbers', async () => {
    assert.deepEqual(labels(await completeAt('evaluation:\n  baseline: |\n')).sort(), ['false', 'true']);
    const temperatures = labels(await completeAt('distillation:\n  temperature: |\n'));
    assert.deepEqual(temperatures, ['4', '2', '8']);
  });

  void it('returns nothing inside comments and after a closed flow map', async () => {
    assert.deepEqual(await completeAt('version: 1 # a comm|ent\n'), []);
    assert.deepEqual(await completeAt('training: { epochs: 3 } |\n'), []);
  });
});
