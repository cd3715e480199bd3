/**
 * The extension manifest against the code: every declared command is registered (or belongs to the sweep
 * module), activation stays on the language and commands, settings and trust declarations are consistent.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { COMMANDS } from '../../../src/core/protocol/commands';

const root = path.resolve(__dirname, '..', '..', '..');
interface Manifest {
  main: string;
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: string; description: string; restrictedConfigurations: string[] } };
  contributes: {
    commands: { command: string; title: string; category: string }[];
    menus: Record<string, { command: string }[]>;
    configuration: { properties: Record<string, { type: string; default: unknown; enum?: string[] }> };
    languages: { id: string; extensions: string[]; configuration: string }[];
    grammars: { language: string; scopeName: string; path: string }[];
    taskDefinitions: { type: string; required: string[] }[];
    yamlValidation: { url: string }[];
  };
}
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;
const read = (p: string): string => fs.readFileSync(path.join(root, p), 'utf8');

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(path.join(root, dir), { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
    );
}

void test('every declared command is registered by the extension code', () => {
  const code = sourceFiles('src/extension').map(read).join('\n');
  // Ids live in core/protocol/commands.ts; the extension registers each through its constant.
  const keyOf = new Map(Object.entries(COMMANDS).map(([key, id]) => [id as string, key]));
  const missing = manifest.contributes.commands
    .map((c) => c.command)
    .filter((id) => {
      const key = keyOf.get(id);
      return key === undefined || !new RegExp(`register(Command)?\\(\\s*COMMANDS\\.${key}\\b`).test(code);
    });
  assert.deepEqual(missing, []);
  for (const command of manifest.contributes.commands) assert.equal(command.category, 'Distillery');
});

void test('menus only name declared commands', () => {
  const declared = new Set(manifest.contributes.commands.map((c) => c.command));
  for (const [menu, items] of Object.entries(manifest.contributes.menus)) {
    for (const item of items) assert.ok(declared.has(item.command), `${menu} names undeclared ${item.command}`);
  }
});

void test('activation is on the distill language, the task type and restored panels only (commands activate implicitly)', () => {
  for (const event of manifest.activationEvents) {
    assert.match(event, /^(onLanguage:distill|onTaskType:distillery|onWebviewPanel:distillery\.panel)$/);
  }
  assert.ok(!manifest.activationEvents.includes('*'));
});

void test('the distill language, its grammar and its language configuration are well-formed', () => {
  const language = manifest.contributes.languages.find((l) => l.id === 'distill');
  assert.ok(language);
  assert.deepEqual(language.extensions, ['.distill.yaml', '.distill.yml']);
  JSON.parse(read(language.configuration));
  const grammar = manifest.contributes.grammars.find((g) => g.language === 'distill');
  assert.ok(grammar);
  const parsed = JSON.parse(read(grammar.path)) as {
    scopeName: string;
    repository: Record<string, { match?: string; patterns?: { match?: string }[] }>;
  };
  assert.equal(parsed.scopeName, grammar.scopeName);
  // Every key regex must compile, and the distillation keys must be highlighted as such.
  const keyRule = parsed.repository['distill-key']?.match;
  assert.ok(keyRule);
  const keys = new RegExp(keyRule);
  for (const key of ['temperature', 'soft_weight', 'hard_weight', 'features', 'from_teacher'])
    assert.ok(keys.test(`  ${key}: 1`), key);
  assert.ok(!keys.test('  alpha: 0.5'), 'alpha is not a key of the language');
  assert.ok(
    fs.existsSync(path.join(root, manifest.contributes.yamlValidation[0]?.url ?? 'missing')),
    'the JSON Schema file exists',
  );
});

void test('Restricted Mode is declared as limited, and only real settings are restricted', () => {
  const trust = manifest.capabilities.untrustedWorkspaces;
  assert.equal(trust.supported, 'limited');
  assert.match(trust.description, /train/i);
  const settings = manifest.contributes.configuration.properties;
  for (const key of trust.restrictedConfigurations) assert.ok(settings[key], `${key} is not a declared setting`);
  for (const key of [
    'distillery.trainer.backend',
    'distillery.runsFolder',
    'distillery.trainer.nodePath',
    'distillery.diagnostics.strictness',
  ]) {
    assert.ok(settings[key], `setting ${key} is declared`);
  }
});

void test('the distillery task type requires a config', () => {
  const task = manifest.contributes.taskDefinitions.find((t) => t.type === 'distillery');
  assert.deepEqual(task?.required, ['config']);
});

void test('vsce package builds the production bundles first (vscode:prepublish), never shipping whatever dist/ holds', () => {
  const scripts = (
    JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
  ).scripts;
  assert.match(scripts['vscode:prepublish'] ?? '', /scripts\/build\.mjs --production/);
});
