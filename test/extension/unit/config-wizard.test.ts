/** Every answer combination of the New Config wizard must produce a config the real analysis finds clean. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyzeConfig } from '../../../src/core/analysis/analyze';
import { nodeFileSystem } from '../../../src/node/file-system';
import { parseConfig } from '../../../src/core/config/parse';
import { BUNDLED_DATASETS } from '../../../src/core/schema/distill-schema';
import {
  buildConfigText,
  denseParams,
  studentWidth,
  type StudentSize,
} from '../../../src/extension/wizard/config-template';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'distillery-wizard-'));
const configPath = path.join(folder, 'new.distill.yaml');

for (const dataset of BUNDLED_DATASETS) {
  for (const size of ['small', 'medium', 'large'] as const) {
    for (const studentSize of [4, 8, 16] as const) {
      void test(`${dataset}, ${size} teacher, ${studentSize}x smaller student: checks clean`, () => {
        const text = buildConfigText({ dataset, teacher: { kind: 'architecture', size }, studentSize });
        const findings = analyzeConfig(text, configPath, nodeFileSystem).diagnostics;
        assert.deepEqual(
          findings.map((d) => `${d.code}: ${d.message}`),
          [],
        );
        const config = parseConfig(text).config;
        assert.deepEqual(config.data.source, { kind: 'bundled', name: dataset });
        assert.ok(config.evaluation.baseline, 'the wizard always asks for a baseline');
      });
    }
  }
}

void test('the student is about N times smaller than the teacher, in parameters', () => {
  const teacher = denseParams(784, [512, 256], 10);
  for (const ratio of [4, 8, 16] as StudentSize[]) {
    const width = studentWidth(784, 10, teacher, ratio);
    const student = denseParams(784, [width], 10);
    assert.ok(student <= teacher / ratio && student > (teacher / ratio) * 0.95, `${ratio}x: ${student} vs ${teacher}`);
  }
});

void test('an existing teacher model is referenced by path and the student derived from it', () => {
  const model = path.join(folder, 'teacher', 'model.json');
  const text = buildConfigText({
    dataset: 'mnist',
    teacher: { kind: 'model', path: 'teacher/model.json' },
    studentSize: 4,
  });
  const config = parseConfig(text).config;
  assert.equal(config.teacher.model, 'teacher/model.json');
  assert.equal(config.student.from_teacher?.width, 0.5);
  // The file does not exist here: the analysis must say so, which is why the wizard checks before writing.
  assert.ok(
    analyzeConfig(text, configPath, nodeFileSystem).diagnostics.some((d) => d.code === 'missing-file'),
    model,
  );
});
