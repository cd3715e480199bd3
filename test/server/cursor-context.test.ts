/**
 * The cursor context behind completion, on its own: which map or key the cursor is in, read from
 * indentation and the cursor line, across the YAML styles people write (and half-written ones).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineIndex } from '../../src/server/language/block-path';
import { type CursorContext, cursorContext } from '../../src/server/language/cursor-context';
import { withCursor } from './lsp-harness';

function contextOf(marked: string): CursorContext | undefined {
  const { text, position } = withCursor(marked);
  return cursorContext(new LineIndex(text.split(/\r?\n/)), position.line, position.character);
}

function expectContext(marked: string, kind: 'key' | 'value', path: string, prefix = ''): CursorContext {
  const context = contextOf(marked);
  assert.ok(context, `no context for ${JSON.stringify(marked)}`);
  assert.deepEqual(
    { kind: context.kind, path: context.path.join('.'), prefix: context.prefix },
    { kind, path, prefix },
    JSON.stringify(marked),
  );
  return context;
}

void describe('cursor context', () => {
  void it('finds the map of a key being typed, and the keys it already has above and below', () => {
    const context = expectContext(
      'distillation:\n  temperature: 4\n  so|\n  hard_weight: 0.3\ntraining: {}\n',
      'key',
      'distillation',
      'so',
    );
    assert.deepEqual([...context.siblings].sort(), ['hard_weight', 'temperature']);
    assert.deepEqual([context.replaceStart, context.replaceEnd], [2, 4]);
  });

  void it('counts list items in both indented and compact list styles', () => {
    expectContext(
      'student:\n  layers:\n    - dense: { units: 8 }\n    - dense:\n        units: 3\n        act|\n',
      'key',
      'student.layers.1.dense',
      'act',
    );
    expectContext(
      'student:\n  layers:\n  - dense: { units: 8 }\n  - dropout: { rate: 0.1 }\n  - |\n',
      'key',
      'student.layers.2',
    );
  });

  void it('reads keys and values inside one-line flow maps, nested ones included', () => {
    expectContext('training: { epochs: 3, early_stopping: { pat| } }\n', 'key', 'training.early_stopping', 'pat');
    expectContext(
      'distillation:\n  features:\n    - { teacher: t1, student: h| }\n',
      'value',
      'distillation.features.0.student',
      'h',
    );
    expectContext(
      'teacher:\n  layers: [ { dense: { units: 4 } }, { dense: { act| } } ]\n',
      'key',
      'teacher.layers.1.dense',
      'act',
    );
    assert.equal(
      contextOf('training: { epochs: 3 } |\n'),
      undefined,
      'after a closed flow map there is nothing to complete',
    );
  });

  void it('treats quoted keys, CRLF line ends and comments between lines like plain YAML', () => {
    expectContext('"distillation":\r\n  # the loss\r\n\r\n  temperature: |\r\n', 'value', 'distillation.temperature');
    assert.equal(contextOf('version: 1 # a comm|ent\n'), undefined);
  });

  void it('notices a colon already after the word, so completion inserts only the key', () => {
    const context = expectContext('training:\n  epo|chs: 3\n', 'key', 'training', 'epo');
    assert.equal(context.colonFollows, true);
    assert.equal(context.replaceEnd, '  epochs'.length);
  });

  void it('gives value positions their whole scalar as the range to replace', () => {
    const context = expectContext('data:\n  source: mn|ist  # bundled\n', 'value', 'data.source', 'mn');
    assert.deepEqual([context.replaceStart, context.replaceEnd], ['  source: '.length, '  source: mnist'.length]);
  });
});
