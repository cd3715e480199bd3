/** Shipped-file latency: the slower-step rule, and the one wording of it in warnings, report.md and `distillery report`. */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderReportMarkdown } from '../../../src/core/format/report-markdown';
import {
  shippedLatencyLines,
  shippedLatencyMarkdown,
  slowerStepMessages,
} from '../../../src/core/format/shipped-latency-text';
import { compareSteps, SLOWER_MARGIN } from '../../../src/core/protocol/shipped-latency';
import { shippedLatencySample, validReport } from '../runs/report-corpus';

const spread = { batch1_iqr_ms: 0.01, batched_iqr_ms: 0.001 };
const student = {
  role: 'student' as const,
  file: 'student/model.json',
  bytes: 10,
  batch1_ms: 1,
  batched_ms: 0.1,
  ...spread,
};
const pruned = (batch1_ms: number, batched_ms: number) => ({
  ...student,
  role: 'pruned' as const,
  batch1_ms,
  batched_ms,
});

void test('a step is slower only past the margin, at batch 1 or batched; differences within the spread of the calls do not count; the first model compares to nothing', () => {
  assert.equal(compareSteps(student, undefined).slower, false);
  assert.equal(compareSteps(student, undefined).versus, undefined);
  const within = compareSteps(pruned(1 + SLOWER_MARGIN - 0.01, 0.1), compareSteps(student, undefined));
  assert.equal(within.slower, false);
  assert.deepEqual(within.versus?.role, 'student');
  assert.ok(Math.abs(within.versus!.batch1_ratio - 1.09) < 1e-9);
  assert.equal(compareSteps(pruned(1 + SLOWER_MARGIN + 0.01, 0.1), student).slower, true, 'slower at batch 1');
  assert.equal(compareSteps(pruned(0.5, 0.2), student).slower, true, 'faster at batch 1 but slower batched');
  assert.equal(compareSteps(pruned(0.5, 0.05), student).slower, false, 'faster at both');
  const noisy = { ...pruned(1.5, 0.1), batch1_iqr_ms: 0.6 };
  assert.equal(compareSteps(noisy, student).slower, false, 'a difference within the spread of the calls is not slower');
  assert.equal(
    compareSteps(pruned(1.5, 0.1), { ...student, batch1_iqr_ms: 0.6 }).slower,
    false,
    "either model's spread",
  );
});

void test('the slower step gets one warning naming both models, their times, the ratio and the backend', () => {
  const messages = slowerStepMessages(shippedLatencySample());
  assert.equal(messages.length, 1, messages.join('\n'));
  assert.equal(
    messages[0],
    'Quantization made the shipped model slower: the quantized model (export/tfjs/model.json) takes 80 µs per example at batch 1 (the pruned model 50 µs, 1.60× slower) and 6 µs in batches of 64 (the pruned model 5 µs, 1.20× slower); wasm backend, @tensorflow/tfjs 4.22.0, median of 25 calls after 5 warm-up calls.',
  );
  const fresh = slowerStepMessages({ ...shippedLatencySample(), process: 'fresh' });
  assert.match(fresh[0]!, /; wasm backend, @tensorflow\/tfjs 4\.22\.0 in a fresh process, median of 25 calls/);
});

void test('report.md and `distillery report` show every shipped model with the faster and slower steps marked', () => {
  const markdown = renderReportMarkdown(validReport('/c.distill.yaml', { shipped_latency: shippedLatencySample() }));
  assert.match(markdown, /## Latency of the shipped files/);
  assert.match(
    markdown,
    /\| pruned \| `pruned\/model.json` \| 1\.4 KiB \| 50 µs \| 5 µs \| 2\.00× faster than the student at batch 1, 2\.00× faster batched \|/,
  );
  assert.match(
    markdown,
    /\| quantized .*1\.60× slower than the pruned model at batch 1, 1\.20× slower batched \(\*\*slower\*\*\) \|/,
  );
  assert.deepEqual(shippedLatencyMarkdown(undefined), [], 'a report without it has no section');
  const lines = shippedLatencyLines(shippedLatencySample());
  assert.equal(lines.length, 4);
  assert.match(lines[0]!, /wasm backend.*batches of 64/);
  assert.match(lines[3]!, /quantized: 80 µs at batch 1, 6 µs batched, 700 B .*SLOWER$/);
  assert.doesNotMatch(lines[2]!, /SLOWER/);
});

void test('a quantization-aware export is named as such in the warning, report.md and `distillery report`', () => {
  const aware = compareSteps(
    { ...student, role: 'quantized_aware', file: 'export/tfjs/model.json', batch1_ms: 2, batched_ms: 0.1 },
    compareSteps(student, undefined),
  );
  const latency = { ...shippedLatencySample(), models: [compareSteps(student, undefined), aware] };
  assert.deepEqual(
    slowerStepMessages(latency).map((m) => m.slice(0, m.indexOf(' takes'))),
    [
      'Quantization-aware training made the shipped model slower: the quantization-aware model (export/tfjs/model.json)',
    ],
  );
  assert.ok(
    shippedLatencyMarkdown(latency).some((line) => line.startsWith('| quantized_aware | `export/tfjs/model.json` |')),
  );
  assert.match(shippedLatencyLines(latency)[2]!, /^ {2}quantized_aware: .*than the student at batch 1/);
});
