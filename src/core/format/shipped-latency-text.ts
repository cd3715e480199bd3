/**
 * Text of report.json's `shipped_latency` (the latency of the files a user ships): the warning of a compression
 * step that made the model slower, the per-model line, and the report.md table. One wording for the trainer's
 * warning, `distillery report`, report.md and the panel.
 */
import type { ShippedLatency, ShippedModelLatency, ShippedRole } from '../protocol/shipped-latency';
import { formatBytes } from './bytes';
import { formatMs } from './duration';
import { formatRatio } from './ratio';

const MODEL_NAME: Readonly<Record<ShippedRole, string>> = {
  student: 'the student',
  pruned: 'the pruned model',
  quantized: 'the quantized model',
  quantized_aware: 'the quantization-aware model',
};
const STEP_NAME: Readonly<Record<ShippedRole, string>> = {
  student: 'Distillation',
  pruned: 'Pruning',
  quantized: 'Quantization',
  quantized_aware: 'Quantization-aware training',
};

/** "wasm backend, @tensorflow/tfjs 4.22.0 in a fresh process, median of 25 calls after 5 warm-up calls" */
export function describeLatencyMethod(latency: ShippedLatency): string {
  const where = latency.process === 'fresh' ? ' in a fresh process' : '';
  return `${latency.backend} backend, ${latency.runtime}${where}, median of ${latency.repetitions} calls after ${latency.warmup} warm-up calls`;
}

/** "onnxruntime-node 1.30.0 (cpu execution provider, graph optimisation level all) in a fresh process, median of 25 calls after 75 warm-up calls" */
export function describeOnnxMethod(latency: ShippedLatency): string {
  const onnx = latency.onnx;
  if (!onnx) return '';
  const where = latency.process === 'fresh' ? ' in a fresh process' : '';
  return `${onnx.runtime} (${onnx.execution_provider} execution provider, graph optimisation level ${onnx.graph_optimization})${where}, median of ${latency.repetitions} calls after ${onnx.warmup} warm-up calls`;
}

/** "1.85× slower" / "2.10× faster" / "as fast" for a time ratio (this model's time over the other's). */
export function describeSpeedRatio(ratio: number): string {
  if (ratio > 1.005) return `${formatRatio(ratio)} slower`;
  if (ratio < 0.995) return `${formatRatio(1 / ratio)} faster`;
  return 'as fast';
}

/**
 * The warning of a step that made the shipped model slower, or undefined when it did not:
 * "Pruning made the shipped model slower: the pruned model takes 83 µs per example at batch 1 (the student 44 µs,
 * 1.89× slower) and 20 µs batched (batch 128; the student 18 µs) on the wasm backend, ..."
 */
export function slowerStepMessage(
  model: ShippedModelLatency,
  latency: ShippedLatency,
  runtime: 'tfjs' | 'onnx' = 'tfjs',
): string | undefined {
  if (!model.slower || !model.versus) return undefined;
  const models = runtime === 'onnx' ? (latency.onnx?.models ?? []) : latency.models;
  const before = models.find((m) => m.role === model.versus!.role);
  const method = runtime === 'onnx' ? describeOnnxMethod(latency) : describeLatencyMethod(latency);
  const shipped = runtime === 'onnx' ? 'the shipped ONNX model' : 'the shipped model';
  const than = MODEL_NAME[model.versus.role];
  return `${STEP_NAME[model.role]} made ${shipped} slower: ${MODEL_NAME[model.role]} (${model.file}${model.encoded ? ' as ONNX' : ''}) takes ${formatMs(model.batch1_ms)} per example at batch 1 (${than} ${formatMs(before?.batch1_ms)}, ${describeSpeedRatio(model.versus.batch1_ratio)}) and ${formatMs(model.batched_ms)} in batches of ${latency.batch_size} (${than} ${formatMs(before?.batched_ms)}, ${describeSpeedRatio(model.versus.batched_ratio)}); ${method}.`;
}

/** Every slower step's warning, in step order: the TF.js files, then the ONNX ones. */
export function slowerStepMessages(latency: ShippedLatency): string[] {
  return [
    ...latency.models.flatMap((m) => slowerStepMessage(m, latency) ?? []),
    ...(latency.onnx?.models ?? []).flatMap((m) => slowerStepMessage(m, latency, 'onnx') ?? []),
  ];
}

/** The warning of ONNX files that could not be timed (the TF.js times stand), or undefined. */
export function onnxUnmeasuredMessage(latency: ShippedLatency): string | undefined {
  return latency.onnx_unmeasured
    ? `ONNX latency not measured: ${latency.onnx_unmeasured.replace(/\.?$/, '.')} The TF.js latency is measured; \`distillery export RUN_DIR\` measures both again.`
    : undefined;
}

/** "`export/model.onnx`" or "`student/model.json` (encoded as ONNX)" */
function onnxFileText(model: ShippedModelLatency, code: (file: string) => string): string {
  return `${code(model.file)}${model.encoded ? ' (encoded as ONNX)' : ''}`;
}

/** "1.89× slower than the student at batch 1, 1.10× slower batched" (empty for the first model). */
export function versusText(model: ShippedModelLatency): string {
  if (!model.versus) return '';
  const than = MODEL_NAME[model.versus.role];
  const speed = describeSpeedRatio(model.versus.batch1_ratio);
  // "as fast as the student", "1.20× faster than the student"
  return `${speed} ${speed === 'as fast' ? 'as' : 'than'} ${than} at batch 1, ${describeSpeedRatio(model.versus.batched_ratio)} batched`;
}

/** report.md's section: one row per shipped model. */
export function shippedLatencyMarkdown(latency: ShippedLatency | undefined): string[] {
  if (!latency?.models.length) return [];
  return [
    '## Latency of the shipped files',
    '',
    `Each file loaded with stock TF.js (${describeLatencyMethod(latency)}); batched: batches of ${latency.batch_size}, per example.`,
    '',
    '| model | file | size | latency b=1 | latency batched | against the model it compressed |',
    '|---|---|---|---|---|---|',
    ...latency.models.map(
      (m) =>
        `| ${m.role} | \`${m.file}\` | ${formatBytes(m.bytes)} | ${formatMs(m.batch1_ms)} | ${formatMs(m.batched_ms)} | ${m.versus ? `${versusText(m)}${m.slower ? ' (**slower**)' : ''}` : '-'} |`,
    ),
    '',
    ...onnxMarkdown(latency),
  ];
}

function onnxMarkdown(latency: ShippedLatency): string[] {
  const unmeasured = onnxUnmeasuredMessage(latency);
  if (unmeasured) return [unmeasured, ''];
  if (!latency.onnx?.models.length) return [];
  return [
    `The same steps as ONNX, opened with ${describeOnnxMethod(latency)}; a step without an .onnx file of its own is its model.json encoded by the run's ONNX exporter.`,
    '',
    '| model | ONNX file | size | latency b=1 | latency batched | against the model it compressed |',
    '|---|---|---|---|---|---|',
    ...latency.onnx.models.map(
      (m) =>
        `| ${m.role} | ${onnxFileText(m, (f) => `\`${f}\``)} | ${formatBytes(m.bytes)} | ${formatMs(m.batch1_ms)} | ${formatMs(m.batched_ms)} | ${m.versus ? `${versusText(m)}${m.slower ? ' (**slower**)' : ''}` : '-'} |`,
    ),
    '',
  ];
}

/** `distillery report`'s lines: a heading with the method, then one line per shipped model. */
export function shippedLatencyLines(latency: ShippedLatency | undefined): string[] {
  if (!latency?.models.length) return [];
  return [
    `latency of the shipped files (${describeLatencyMethod(latency)}; batched: batches of ${latency.batch_size}):`,
    ...latency.models.map(
      (m) =>
        `  ${m.role}: ${formatMs(m.batch1_ms)} at batch 1, ${formatMs(m.batched_ms)} batched, ${formatBytes(m.bytes)} (${m.file})${m.versus ? `; ${versusText(m)}${m.slower ? ' — SLOWER' : ''}` : ''}`,
    ),
    ...onnxLines(latency),
  ];
}

function onnxLines(latency: ShippedLatency): string[] {
  const unmeasured = onnxUnmeasuredMessage(latency);
  if (unmeasured) return [`  ${unmeasured}`];
  if (!latency.onnx?.models.length) return [];
  return [
    `latency of the shipped ONNX files (${describeOnnxMethod(latency)}):`,
    ...latency.onnx.models.map(
      (m) =>
        `  ${m.role}: ${formatMs(m.batch1_ms)} at batch 1, ${formatMs(m.batched_ms)} batched, ${formatBytes(m.bytes)} (${onnxFileText(m, (f) => f)})${m.versus ? `; ${versusText(m)}${m.slower ? ' — SLOWER' : ''}` : ''}`,
    ),
  ];
}
