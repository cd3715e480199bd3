/**
 * A rule that throws must not take the check down, nor vanish: it reports no diagnostic, the other rules
 * still report theirs, and the failure reaches the injected logger (the server's output, the CLI's stderr).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeConfig } from '../../../src/core/analysis/analyze';
import type { Rule } from '../../../src/core/analysis/rule';
import { RULES } from '../../../src/core/analysis/rules';
import { weightsRule } from '../../../src/core/rules/weights';
import { memoryFileSystem } from '../memory-fs';

const CONFIG_PATH = '/work/throwing/config.distill.yaml';
// soft + hard weights sum to 1.2: the weights rule has something to say.
const CONFIG = `version: 1
data: { source: iris }
teacher:
  layers: [ { dense: { units: 32, activation: relu } }, { dense: { units: 3 } } ]
student:
  layers: [ { dense: { units: 4, activation: relu } }, { dense: { units: 3 } } ]
distillation: { temperature: 4, soft_weight: 0.9, hard_weight: 0.3 }
`;

const throwing: Rule = {
  codes: ['risk/temperature'],
  check: () => {
    throw new Error('index out of range in a test rule');
  },
};

void describe('a rule that throws', () => {
  void it('reports nothing, lets the other rules report, and is logged with its codes, file and error', () => {
    const logged: string[] = [];
    const analysis = analyzeConfig(CONFIG, CONFIG_PATH, memoryFileSystem({}), {
      rules: [throwing, weightsRule],
      log: { error: (message) => logged.push(message) },
    });
    const codes = analysis.diagnostics.map((d) => d.code);
    assert.ok(codes.includes('risk/weights'), `the weights rule still reports (got ${codes.join(', ')})`);
    assert.ok(!codes.includes('risk/temperature'), 'the crashed rule reports nothing');
    assert.equal(logged.length, 1, 'one failure, logged once');
    assert.match(logged[0]!, /risk\/temperature rule failed on \/work\/throwing\/config\.distill\.yaml/);
    assert.match(logged[0]!, /index out of range in a test rule/);
  });

  void it('logs nothing when no rule throws (the real rules on the same config)', () => {
    const logged: string[] = [];
    const analysis = analyzeConfig(CONFIG, CONFIG_PATH, memoryFileSystem({}), {
      log: { error: (message) => logged.push(message) },
    });
    assert.deepEqual(logged, []);
    assert.ok(analysis.diagnostics.some((d) => d.code === 'risk/weights'));
    assert.equal(RULES.includes(weightsRule), true, 'the weights rule is one of the real rules');
  });
});
