/** Shipped-file latency: the slower-step rule, and the one wording of it in warnings, report.md and `distillery report`. */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderReportMarkdown } from '../../../src/core/format/report-markdown';
import {
  onnxUnmeasuredMessage,
  shippedLatencyLines,
  shippedLatencyMarkdown,
  slowerStepMessages,
} from '../../../src/core/format/shipped-latency-text';
import { compareSteps, SLOWER_MARGIN } from '../../../src/core/protocol/shipped-latency';
import { shippedLatencySample, shippedLatencyWithOnnx, validReport } from '../runs/report-corpus';

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

void test('the ONNX files: their own rows and method (runtime, execution provider, graph optimisation), and the slower rule', () => {
  const latency = shippedLatencyWithOnnx();
  const messages = slowerStepMessages(latency);
  assert.equal(messages.length, 2, messages.join('\n'));
  assert.equal(
    messages[1],
    'Quantization made the shipped ONNX model slower: the quantized model (export/model.onnx) takes 20 µs per example at batch 1 (the pruned model 20 µs, as fast) and 3 µs in batches of 64 (the pruned model 2 µs, 1.50× slower); onnxruntime-node 1.30.0 (cpu execution provider, graph optimisation level all) in a fresh process, median of 25 calls after 75 warm-up calls.',
  );
  const markdown = shippedLatencyMarkdown(latency).join('\n');
  assert.match(markdown, /The same steps as ONNX, opened with onnxruntime-node 1\.30\.0 \(cpu execution provider/);
  assert.match(
    markdown,
    /\| student \| `student\/model.json` \(encoded as ONNX\) \| 2\.0 KiB \| 40 µs \| 4 µs \| - \|/,
  );
  assert.match(markdown, /\| quantized \| `export\/model.onnx` \| 500 B \| 20 µs \| 3 µs \| .*\(\*\*slower\*\*\) \|/);
  const lines = shippedLatencyLines(latency);
  assert.equal(lines.length, 8);
  assert.match(lines[4]!, /^latency of the shipped ONNX files \(onnxruntime-node 1\.30\.0 \(cpu execution provider/);
  assert.match(lines[7]!, /^ {2}quantized: 20 µs at batch 1, 3 µs batched, 500 B \(export\/model\.onnx\); .*SLOWER$/);
  assert.equal(onnxUnmeasuredMessage(latency), undefined);
});

void test('ONNX files that could not be timed: the reason in report.md and `distillery report`, the TF.js rows kept', () => {
  const latency = { ...shippedLatencySample(), onnx_unmeasured: 'export/model.onnx: file not found' };
  const expected =
    'ONNX latency not measured: export/model.onnx: file not found. The TF.js latency is measured; `distillery export RUN_DIR` measures both again.';
  assert.equal(onnxUnmeasuredMessage(latency), expected);
  assert.ok(shippedLatencyMarkdown(latency).includes(expected));
  const lines = shippedLatencyLines(latency);
  assert.equal(lines.length, 5);
  assert.equal(lines[4], `  ${expected}`);
});
