/** Formatting, document symbols, folding and go to definition over LSP. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import {
  DefinitionRequest,
  type DocumentSymbol,
  DocumentFormattingRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  type Location,
} from 'vscode-languageserver-protocol/node';
import { IRIS_CONFIG } from './fixtures';
import { fileUri, withCursor } from './lsp-harness';
import { useServerSuite } from './server-suite';
import { applyEdits } from './text-edits';

void describe('language server formatting, outline and navigation', () => {
  const suite = useServerSuite();

  async function openNew(text: string): Promise<string> {
    const uri = suite.freshUri('nav');
    await suite.server.open(uri, text);
    return uri;
  }

  async function definitionAt(marked: string): Promise<Location[]> {
    const { text, position } = withCursor(marked);
    const uri = await openNew(text);
    const result = await suite.server.connection.sendRequest(DefinitionRequest.type, {
      textDocument: { uri },
      position,
    });
    return (Array.isArray(result) ? result : result ? [result] : []) as Location[];
  }

  void it('re-indents a config and keeps its comments, order and flow maps', async () => {
    const messy =
      '# header comment\nversion: 1\ndata:\n    source: iris   # bundled\n    split: {validation: 0.2, test: 0.2}\nteacher:\n      model: models/teacher/model.json\n';
    const uri = await openNew(messy);
    const edits = await suite.server.connection.sendRequest(DocumentFormattingRequest.type, {
      textDocument: { uri },
      options: { tabSize: 2, insertSpaces: true },
    });
    assert.ok(edits && edits.length === 1);
    const formatted = applyEdits(messy, edits);
    assert.equal(
      formatted,
      '# header comment\nversion: 1\ndata:\n  source: iris # bundled\n  split: { validation: 0.2, test: 0.2 }\nteacher:\n  model: models/teacher/model.json\n',
    );
    const again = await suite.server.changeAndWait(uri, formatted).then(() =>
      suite.server.connection.sendRequest(DocumentFormattingRequest.type, {
        textDocument: { uri },
        options: { tabSize: 2, insertSpaces: true },
      }),
    );
    assert.deepEqual(again, [], 'formatting a formatted config changes nothing');
  });

  void it('leaves a config with syntax errors untouched by formatting', async () => {
    const uri = await openNew('version: 1\ndata: [unclosed\n');
    const edits = await suite.server.connection.sendRequest(DocumentFormattingRequest.type, {
      textDocument: { uri },
      options: { tabSize: 2, insertSpaces: true },
    });
    assert.deepEqual(edits, []);
  });

  void it('outlines the config with layers named by type, name and width', async () => {
    const uri = await openNew(IRIS_CONFIG);
    const symbols = (await suite.server.connection.sendRequest(DocumentSymbolRequest.type, {
      textDocument: { uri },
    })) as DocumentSymbol[];
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['version', 'data', 'teacher', 'student', 'distillation', 'training', 'evaluation', 'output'],
    );
    const student = symbols.find((s) => s.name === 'student')!;
    const layers = student.children?.find((c) => c.name === 'layers');
    assert.deepEqual(
      layers?.children?.map((c) => c.name),
      ['dense hidden (8)', 'dense logits (3)'],
    );
    assert.deepEqual(
      layers?.children?.[0]?.children?.map((c) => c.name),
      ['units', 'activation', 'name'],
    );
    const temperature = symbols.find((s) => s.name === 'distillation')?.children?.find((c) => c.name === 'temperature');
    assert.equal(temperature?.detail, '4');
    assert.equal(student.range.start.line, IRIS_CONFIG.split('\n').indexOf('student:'));
  });

  void it('folds every multi-line block and runs of comments', async () => {
    const text =
      '# one\n# two\nversion: 1\nstudent:\n  layers:\n    - dense: { units: 8 }\n    - dense: { units: 3 }\ndata: { source: iris }\n';
    const uri = await openNew(text);
    const ranges = await suite.server.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
    const simple = (ranges ?? []).map((r) => [r.startLine, r.endLine, r.kind ?? '']);
    assert.deepEqual(
      simple.sort(),
      [
        [0, 1, 'comment'],
        [3, 6, ''],
        [4, 6, ''],
      ].sort(),
    );
  });

  void it('opens the teacher model file from its path', async () => {
    const locations = await definitionAt(
      IRIS_CONFIG.replace('model: models/teacher/model.json', 'model: models/tea|cher/model.json'),
    );
    assert.deepEqual(
      locations.map((l) => l.uri),
      [fileUri(suite.workspace.modelPath)],
    );
    assert.deepEqual(
      await definitionAt(IRIS_CONFIG.replace('model: models/teacher/model.json', 'model: models/tea|cher/nope.json')),
      [],
    );
  });

  void it('opens a CSV data file from its path', async () => {
    const locations = await definitionAt(
      IRIS_CONFIG.replace('source: iris', 'source: { csv: data/tr|ain.csv, label: species }'),
    );
    assert.deepEqual(
      locations.map((l) => l.uri),
      [fileUri(path.join(suite.workspace.root, 'data', 'train.csv'))],
    );
  });

  void it('jumps from a student layer name in features to its declaration in the config', async () => {
    const config = IRIS_CONFIG.replace(
      '  hard_weight: 0.3\n',
      '  hard_weight: 0.3\n  features:\n    - { teacher: teacher_hidden, student: hid|den, projection: linear }\n',
    );
    const [location] = await definitionAt(config);
    assert.ok(location);
    const line = IRIS_CONFIG.split('\n').findIndex((l) => l.includes('name: hidden'));
    assert.equal(location.range.start.line, line);
    assert.equal(location.range.start.character, IRIS_CONFIG.split('\n')[line]!.indexOf('hidden'));
  });

  void it("jumps from a teacher layer name in features to the layer in the teacher's model.json", async () => {
    const config = IRIS_CONFIG.replace(
      '  hard_weight: 0.3\n',
      '  hard_weight: 0.3\n  features:\n    - { teacher: teacher_hid|den, student: hidden, projection: linear }\n',
    );
    const [location] = await definitionAt(config);
    assert.ok(location);
    assert.equal(location.uri, fileUri(suite.workspace.modelPath));
    const modelLines = readFileSync(suite.workspace.modelPath, 'utf8').split('\n');
    assert.match(modelLines[location.range.start.line] ?? '', /"name": "teacher_hidden"/);
  });
});
