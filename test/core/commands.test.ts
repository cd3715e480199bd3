/**
 * Command ids have one home (src/core/protocol/commands.ts): every command package.json contributes is one
 * of its constants and every constant is contributed, and menus and key bindings name only those commands.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { COMMANDS } from '../../src/core/protocol/commands';

interface Manifest {
  contributes: {
    commands: { command: string }[];
    menus?: Record<string, { command?: string }[]>;
    keybindings?: { command: string }[];
  };
}

const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as Manifest;
const constants = Object.values(COMMANDS).sort();

void test('package.json contributes exactly the commands declared as constants', () => {
  const contributed = manifest.contributes.commands.map((c) => c.command).sort();
  assert.deepEqual(contributed, constants);
});

void test('menus and key bindings name only declared commands', () => {
  const named = [
    ...Object.values(manifest.contributes.menus ?? {}).flatMap((items) => items.map((item) => item.command)),
    ...(manifest.contributes.keybindings ?? []).map((binding) => binding.command),
  ].filter((command): command is string => command !== undefined);
  assert.ok(named.length > 0, 'package.json has no menus or key bindings to check');
  for (const command of named) assert.ok(constants.includes(command as never), `${command} is not in COMMANDS`);
});
