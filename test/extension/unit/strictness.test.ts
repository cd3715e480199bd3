import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic } from '../../../src/core/diagnostics';
import { applyStrictness } from '../../../src/extension/strictness';

const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
const findings: Diagnostic[] = [
  { range, severity: 'error', code: 'unknown-key', message: 'e' },
  { range, severity: 'warning', code: 'risk/temperature', message: 'w' },
];

void test('normal keeps findings as they are; errors drops risks; strict makes them errors', () => {
  assert.deepEqual(
    applyStrictness(findings, 'normal').map((d) => d.severity),
    ['error', 'warning'],
  );
  assert.deepEqual(
    applyStrictness(findings, 'errors').map((d) => d.code),
    ['unknown-key'],
  );
  assert.deepEqual(
    applyStrictness(findings, 'strict').map((d) => d.severity),
    ['error', 'error'],
  );
  assert.equal(findings[1]?.severity, 'warning', 'the input is not modified');
});
