/** Strings from files never reach the terminal with escape sequences in them. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stripTerminalEscapes } from '../../src/core/format/terminal-text';
import { CLI, hostile, hostileEach, runNode, tempDir, TINY_IRIS } from './harness';

const ESC = '\u001b';
// eslint-disable-next-line no-control-regex -- the test looks for the control characters that must be gone
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

hostileEach<readonly [string, string]>(
  'escapes',
  {
    'an OSC window title': [`${ESC}]0;pwned\u0007ok`, 'ok'],
    'an OSC 8 hyperlink': [`${ESC}]8;;https://evil.example${ESC}\\click${ESC}]8;;${ESC}\\`, 'click'],
    'a CSI clear screen': [`${ESC}[2J${ESC}[Hok`, 'ok'],
    'a CSI colour': [`${ESC}[31mred${ESC}[0m`, 'red'],
    'a cursor-up that would hide lines': [`done${ESC}[1A${ESC}[2K`, 'done'],
    'a DCS string': [`${ESC}P1$r0m${ESC}\\ok`, 'ok'],
    'a C1 CSI (0x9b)': ['\u009b31mred', '31mred'],
    'a carriage return overwriting the line': ['failed\rdone  ', 'faileddone  '],
    'a backspace and a bell': ['a\b\u0007b', 'ab'],
    'a lone ESC at the end': [`text${ESC}`, 'text'],
  },
  ([input, expected]) => {
    assert.equal(stripTerminalEscapes(input), expected);
  },
);

hostileEach('escapes', { 'newlines and tabs are kept': 'a\tb\nc' }, (text) => {
  assert.equal(stripTerminalEscapes(text), text);
});

hostile('escapes', '`distillery report` of a report.json full of escapes prints none', async () => {
  const dir = tempDir('report-escapes');
  const report = {
    schema_version: 1,
    run_id: `run${ESC}]0;pwned\u0007`,
    status: 'failed',
    error: `boom ${ESC}[2J${ESC}[H`,
    hint: `${ESC}]8;;https://evil.example${ESC}\\click${ESC}]8;;${ESC}\\`,
    // A complete report (core/runs refuses one without these), its strings carrying escapes too.
    config_path: `c.distill.yaml${ESC}[2K`,
    started: `2026-11-27T12:00:00.000Z${ESC}[1A`,
    finished: '2026-11-27T12:00:01.000Z',
    backend: `wasm${ESC}[1A`,
    durations: { total: 1 },
    distillation_gain: null,
    warnings: [],
  };
  fs.writeFileSync(path.join(dir, 'report.json'), JSON.stringify(report));
  for (const format of ['text', 'markdown']) {
    const result = await runNode(CLI, ['report', dir, '--format', format]);
    assert.equal(result.code, 1, result.stderr);
    assert.doesNotMatch(result.stdout, CONTROL, format);
    assert.match(result.stdout, /boom/);
  }
  // A refused report's reason quotes the file's keys: printed without their escapes too.
  const badKey = { ...report, durations: { [`total${ESC}[2J`]: 'slow' } };
  fs.writeFileSync(path.join(dir, 'report.json'), JSON.stringify(badKey));
  const refused = await runNode(CLI, ['report', dir]);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /is not a Distillery report: report\.durations\.total.*should be a finite number/);
  assert.doesNotMatch(refused.stderr, CONTROL);
});

hostile('escapes', '`distillery check` quoting a config value with escapes prints none', async () => {
  const file = path.join(tempDir('check-escapes'), 'c.distill.yaml');
  fs.writeFileSync(file, TINY_IRIS.replace('output: runs', 'output: runs\n"bad\\e]0;pwned\\akey\\e[2J": 1'));
  const result = await runNode(CLI, ['check', file]);
  assert.equal(result.code, 1);
  assert.match(result.stdout, /unknown-key: Unknown key `badkey`/, 'the key is quoted, without its escapes');
  assert.doesNotMatch(result.stdout.replace(/\n/g, ''), CONTROL);
});
