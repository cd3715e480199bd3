/**
 * src/core/rules/ holds rule files only: each file exports one rule that the analysis runs, and every rule
 * the analysis runs lives there. Helpers shared by rules live in src/core/rule-helpers/.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { Rule } from '../../../src/core/analysis/rule';
import { RULES } from '../../../src/core/analysis/rules';
import { SRC } from './import-graph';

const RULES_DIR = path.join(SRC, 'core', 'rules');

const isRule = (value: unknown): value is Rule =>
  typeof value === 'object' &&
  value !== null &&
  Array.isArray((value as Rule).codes) &&
  typeof (value as Rule).check === 'function';

void describe('src/core/rules/', () => {
  void it('holds one rule per file, each run by the analysis, and nothing else', async () => {
    const files = fs.readdirSync(RULES_DIR).filter((name) => name.endsWith('.ts'));
    assert.ok(files.length >= 15, `only ${files.length} rule files found in ${RULES_DIR}`);
    const found: Rule[] = [];
    for (const file of files) {
      const exported = Object.values((await import(path.join(RULES_DIR, file))) as Record<string, unknown>);
      const rules = exported.filter(isRule);
      assert.equal(rules.length, 1, `${file} must export exactly one rule (helpers go to core/rule-helpers/)`);
      assert.ok(RULES.includes(rules[0]!), `${file}'s rule is not in core/analysis/rules.ts`);
      found.push(rules[0]!);
    }
    assert.equal(found.length, RULES.length, 'every rule the analysis runs has its file in core/rules/');
  });
});
