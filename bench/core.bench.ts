/**
 * Parse + check time of each example and of a generated 5,000-line config (median of repeats), next to
 * a plain `yaml` parseDocument of the same text as the baseline measured in the same run.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { analyzeConfig } from '../src/core/analysis/analyze';
import { nodeFileSystem } from '../src/node/file-system';
import { fmt, median, printTable, timeRepeated } from './stats';

const ROOT = path.resolve(__dirname, '..');

/** A valid config with many layers and hint pairs, about `lines` lines long. */
function generatedConfig(lines: number): string {
  const layers = Math.floor((lines - 40) / 3);
  const teacher = Array.from(
    { length: layers },
    (_, i) => `    - dense: { units: ${64 + (i % 7)}, activation: relu, name: t${i} }`,
  );
  const student = Array.from(
    { length: layers },
    (_, i) => `    - dense: { units: ${16 + (i % 5)}, activation: relu, name: s${i} }`,
  );
  const features = Array.from(
    { length: lines - 20 - 2 * layers },
    (_, i) => `    - { teacher: t${i % layers}, student: s${i % layers}, projection: linear, weight: 0.01 }`,
  );
  return [
    'version: 1',
    'data:',
    '  source: mnist',
    '  split: { validation: 0.1, test: 0.2, seed: 1 }',
    'teacher:',
    '  layers:',
    ...teacher,
    '    - dense: { units: 10 }',
    'student:',
    '  layers:',
    ...student,
    '    - dense: { units: 10 }',
    'distillation:',
    '  temperature: 4',
    '  soft_weight: 0.7',
    '  hard_weight: 0.3',
    '  features:',
    ...features,
    'training:',
    '  early_stopping: { patience: 3 }',
    'evaluation:',
    '  baseline: true',
    '',
  ].join('\n');
}

const inputs: [string, string, string][] = fs
  .readdirSync(path.join(ROOT, 'examples'))
  .filter((f) => f.endsWith('.distill.yaml'))
  .sort()
  .map((f) => [f, path.join(ROOT, 'examples', f), fs.readFileSync(path.join(ROOT, 'examples', f), 'utf8')]);
const big = generatedConfig(5000);
inputs.push([
  `generated (${big.split('\n').length} lines)`,
  path.join(ROOT, 'examples', 'generated.distill.yaml'),
  big,
]);

const rows: string[][] = [];
for (const [name, file, text] of inputs) {
  const repeats = text.length > 50_000 ? 7 : 200;
  const yamlOnly = median(
    timeRepeated(() => {
      parseDocument(text);
    }, repeats),
  );
  let diagnostics = 0;
  const check = median(
    timeRepeated(() => {
      diagnostics = analyzeConfig(text, file, nodeFileSystem).diagnostics.length;
    }, repeats),
  );
  rows.push([
    name,
    String(text.split('\n').length),
    fmt(yamlOnly),
    fmt(check),
    `${(check / yamlOnly).toFixed(1)}x`,
    String(diagnostics),
    String(repeats),
  ]);
}
printTable(
  ['config', 'lines', 'yaml parseDocument (baseline)', 'parse + check', 'ratio', 'diagnostics', 'repeats'],
  rows,
);
