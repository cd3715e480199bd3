/** Quick fixes over LSP: each diagnostic's fixes come back as workspace edits that repair the config. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type CodeAction, CodeActionRequest, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { IRIS_CONFIG } from './fixtures';
import { useServerSuite } from './server-suite';
import { applyEdits } from './text-edits';

void describe('language server quick fixes', () => {
  const suite = useServerSuite();

  /** Opens `text`, asks for the fixes of its `code` diagnostic, and returns them with the URI. */
  async function fixesFor(
    text: string,
    code: string,
  ): Promise<{ uri: string; actions: CodeAction[]; diagnostic: Diagnostic }> {
    const uri = suite.freshUri('fix');
    const diagnostics = await suite.server.open(uri, text);
    const diagnostic = diagnostics.find((d) => d.code === code);
    assert.ok(diagnostic, `no ${code} in ${JSON.stringify(diagnostics.map((d) => d.code))}`);
    const result = await suite.server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    });
    return { uri, actions: (result ?? []) as CodeAction[], diagnostic };
  }

  async function applyAndRecheck(
    uri: string,
    text: string,
    action: CodeAction,
  ): Promise<{ fixed: string; diagnostics: Diagnostic[] }> {
    const edits = action.edit?.changes?.[uri];
    assert.ok(edits && edits.length > 0, `action ${action.title} has no edits for ${uri}`);
    const fixed = applyEdits(text, edits);
    return { fixed, diagnostics: await suite.server.changeAndWait(uri, fixed) };
  }

  void it('renames an unknown key to the key it was meant to be', async () => {
    const text = IRIS_CONFIG.replace('hard_weight', 'hard_wieght');
    const { uri, actions, diagnostic } = await fixesFor(text, 'unknown-key');
    assert.equal(actions.length, 1);
    const action = actions[0]!;
    assert.equal(action.title, "Rename to 'hard_weight'");
    assert.equal(action.kind, 'quickfix');
    assert.equal(action.isPreferred, true);
    assert.deepEqual(action.diagnostics, [diagnostic]);
    const { fixed, diagnostics } = await applyAndRecheck(uri, text, action);
    assert.equal(fixed, IRIS_CONFIG);
    assert.deepEqual(diagnostics, []);
  });

  void it('rewrites the ambiguous alpha as explicit weights, one fix per reading', async () => {
    const text = IRIS_CONFIG.replace('  soft_weight: 0.7\n  hard_weight: 0.3\n', '  alpha: 0.1\n');
    const { uri, actions } = await fixesFor(text, 'ambiguous-alpha');
    assert.equal(actions.length, 2);
    const keras = actions.find((a) => /hard-label weight/.test(a.title));
    assert.ok(keras, actions.map((a) => a.title).join(' | '));
    const { fixed, diagnostics } = await applyAndRecheck(uri, text, keras);
    assert.ok(fixed.includes('  soft_weight: 0.9\n  hard_weight: 0.1\n'), fixed);
    assert.deepEqual(diagnostics, []);
  });

  void it('sets an out-of-range value to its default', async () => {
    const text = IRIS_CONFIG.replace('temperature: 4', 'temperature: -2');
    const { uri, actions } = await fixesFor(text, 'range');
    const action = actions.find((a) => a.title.includes('default'));
    assert.ok(action);
    const { fixed, diagnostics } = await applyAndRecheck(uri, text, action);
    assert.match(fixed, /temperature: 4\n/);
    assert.deepEqual(diagnostics, []);
  });

  void it('enables the baseline when it is off', async () => {
    const text = IRIS_CONFIG.replace('baseline: true', 'baseline: false');
    const { uri, actions } = await fixesFor(text, 'risk/no-baseline');
    assert.equal(actions[0]?.title, 'Enable the baseline');
    const { diagnostics } = await applyAndRecheck(uri, text, actions[0]!);
    assert.deepEqual(diagnostics, []);
  });

  void it('offers quantization-aware training (preferred) or int8 for int4 weights', async () => {
    const text = IRIS_CONFIG.replace('evaluation:\n', 'compression:\n  quantization: { dtype: int4 }\nevaluation:\n');
    const { uri, actions } = await fixesFor(text, 'risk/aggressive-quantization');
    assert.deepEqual(
      actions.map((a) => [a.title, a.isPreferred ?? false]),
      [
        ['Use quantization-aware training', true],
        ['Use int8', false],
      ],
    );
    const aware = await applyAndRecheck(uri, text, actions[0]!);
    assert.match(aware.fixed, /quantization: \{ dtype: int4, aware: true \}/);
    assert.deepEqual(aware.diagnostics, [], 'int4 with quantization-aware training is not flagged');
    const int8 = await applyAndRecheck(uri, text, actions[1]!);
    assert.match(int8.fixed, /quantization: \{ dtype: int8 \}/);
    assert.deepEqual(int8.diagnostics, []);
  });

  void it('offers turning quantization-aware training off (preferred) or int8 when it is on for float16', async () => {
    const text = IRIS_CONFIG.replace(
      'evaluation:\n',
      'compression:\n  quantization: { dtype: float16, aware: true }\nevaluation:\n',
    );
    const { uri, actions } = await fixesFor(text, 'risk/ignored-setting');
    assert.deepEqual(
      actions.map((a) => [a.title, a.isPreferred ?? false]),
      [
        ['Turn off quantization-aware training', true],
        ['Use int8', false],
      ],
    );
    const off = await applyAndRecheck(uri, text, actions[0]!);
    assert.match(off.fixed, /quantization: \{ dtype: float16, aware: false \}/);
    assert.deepEqual(off.diagnostics, [], 'float16 post-training quantization is not flagged');
    const int8 = await applyAndRecheck(uri, text, actions[1]!);
    assert.match(int8.fixed, /quantization: \{ dtype: int8, aware: true \}/);
    assert.deepEqual(int8.diagnostics, []);
  });

  void it('offers nothing for diagnostics from other tools or when only refactorings are asked for', async () => {
    const text = IRIS_CONFIG.replace('hard_weight', 'hard_wieght');
    const { uri, diagnostic } = await fixesFor(text, 'unknown-key');
    const foreign = await suite.server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [{ ...diagnostic, source: 'yaml' }] },
    });
    assert.deepEqual(foreign, []);
    const refactor = await suite.server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], only: ['refactor'] },
    });
    assert.deepEqual(refactor, []);
  });
});
