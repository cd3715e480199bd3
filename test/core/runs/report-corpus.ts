/**
 * One corpus of report.json files: valid reports of every status, and the ways a file can fail to be a
 * report (cut off, wrong types, missing fields, not an object). Every reader of run directories must accept
 * or refuse each of them the same way (report-corpus.test.ts).
 */
import type { ExportResult, Metrics, ModelResult, RunReport, RunStatus } from '../../../src/core/protocol/report';
import type { ShippedLatency } from '../../../src/core/protocol/shipped-latency';
import type { CompressionSearch, SearchPoint } from '../../../src/core/protocol/compression-search';

function metrics(accuracy: number): Metrics {
  return {
    accuracy,
    loss: 0.4,
    agreement: 0.95,
    kl_to_teacher: 0.05,
    ece: 0.03,
    reliability: [{ from: 0.8, to: 1, confidence: 0.9, accuracy, count: 30 }],
    fgsm_accuracy: accuracy - 0.2,
    fgsm_epsilon: 0.05,
    per_class: [{ class: 'setosa', precision: 1, recall: 1, f1: 1, support: 10 }],
    confusion: [[10]],
  };
}

/** One model's results: float32 weights, `params` of them, all non-zero. */
export function modelResult(label: string, params: number, accuracy: number): ModelResult {
  return {
    label,
    params,
    nonzero_params: params,
    bytes: params * 4,
    bytes_gzip: params * 3,
    dtype: 'float32',
    sparsity: 0,
    latency: { batch1_ms: 0.1, batched_ms: 0.01, batch_size: 64 },
    metrics: metrics(accuracy),
    validation: { accuracy: accuracy - 0.01 },
  };
}

/** A shipped ONNX file of an iris-sized model (int8 weights unless overridden), as `distillery export` lists it. */
export function onnxExportResult(bytes: number, overrides: Partial<ExportResult> = {}): ExportResult {
  return {
    format: 'onnx',
    path: 'export/model.onnx',
    files: ['export/model.onnx'],
    bytes,
    bytes_gzip: bytes,
    weights: 'int8',
    input: { layout: 'features', shape: ['batch', 4] },
    runtime: 'onnxruntime-node 1.30.0',
    accuracy: 0.9,
    agreement: 0.95,
    fidelity: { agreement: 1, max_logit_diff: 0 },
    latency: { batch1_ms: 0.1, batched_ms: 0.01, batch_size: 16 },
    ...overrides,
  };
}

/** A complete, valid report of a finished run of `configPath`. */
export function validReport(configPath: string, overrides: Partial<RunReport> = {}): RunReport {
  return {
    schema_version: 1,
    run_id: 'run',
    status: 'done',
    config_path: configPath,
    started: '2026-11-27T12:00:00.000Z',
    finished: '2026-11-27T12:03:00.000Z',
    backend: 'wasm',
    durations: { teacher: 60, student: 50, total: 110 },
    dataset: { name: 'iris', classes: ['setosa'], train: 96, validation: 12, test: 30, unlabeled: 0 },
    distillation_gain: { per_seed: [0.02], mean: 0.02, std: 0, seeds: 1 },
    teacher: modelResult('teacher', 12000, 0.97),
    student: modelResult('student', 600, 0.95),
    baseline: modelResult('baseline', 600, 0.93),
    exports: [onnxExportResult(2400, { bytes_gzip: 2000, weights: 'float32', accuracy: 0.95, agreement: 0.96 })],
    warnings: [],
    ...overrides,
  };
}

/** Shipped-file latency of a student, a pruned model that got faster and a quantized one that got slower. */
export function shippedLatencySample(): ShippedLatency {
  const spread = { batch1_iqr_ms: 0.004, batched_iqr_ms: 0.0004 };
  return {
    runtime: '@tensorflow/tfjs 4.22.0',
    backend: 'wasm',
    warmup: 5,
    repetitions: 25,
    batch_size: 64,
    models: [
      { role: 'student', file: 'student/model.json', bytes: 2600, batch1_ms: 0.1, batched_ms: 0.01, ...spread, slower: false },
      {
        role: 'pruned',
        file: 'pruned/model.json',
        bytes: 1400,
        batch1_ms: 0.05,
        batched_ms: 0.005,
        ...spread,
        versus: { role: 'student', batch1_ratio: 0.5, batched_ratio: 0.5 },
        slower: false,
      },
      {
        role: 'quantized',
        file: 'export/tfjs/model.json',
        bytes: 700,
        batch1_ms: 0.08,
        batched_ms: 0.006,
        ...spread,
        versus: { role: 'pruned', batch1_ratio: 1.6, batched_ratio: 1.2 },
        slower: true,
      },
    ],
  };
}

/** shippedLatencySample with its steps as ONNX: the student and pruned model encoded, the quantized one the export, slower batched. */
export function shippedLatencyWithOnnx(): ShippedLatency {
  const spread = { batch1_iqr_ms: 0.002, batched_iqr_ms: 0.0002 };
  const step = { ...spread, slower: false };
  return {
    ...shippedLatencySample(),
    process: 'fresh',
    onnx: {
      runtime: 'onnxruntime-node 1.30.0',
      execution_provider: 'cpu',
      graph_optimization: 'all',
      warmup: 75,
      models: [
        { role: 'student', file: 'student/model.json', encoded: true, bytes: 2000, batch1_ms: 0.04, batched_ms: 0.004, ...step },
        {
          role: 'pruned',
          file: 'pruned/model.json',
          encoded: true,
          bytes: 1000,
          batch1_ms: 0.02,
          batched_ms: 0.002,
          ...step,
          versus: { role: 'student', batch1_ratio: 0.5, batched_ratio: 0.5 },
        },
        {
          role: 'quantized',
          file: 'export/model.onnx',
          bytes: 500,
          batch1_ms: 0.02,
          batched_ms: 0.003,
          ...step,
          versus: { role: 'pruned', batch1_ratio: 1, batched_ratio: 1.5 },
          slower: true,
        },
      ],
    },
  };
}

function searchPoint(id: string, bytes: number, accuracy: number, dtype: SearchPoint['dtype']): SearchPoint {
  return {
    id,
    sparsity: 0,
    structure: 'none',
    dtype,
    aware: false,
    params: 600,
    validation_accuracy: accuracy,
    accuracy_drop: (0.94 - accuracy) * 100,
    bytes,
    bytes_gzip: bytes,
    file: `search/${id}/export/model.onnx`,
    batch1_ms: 0.05,
    test_accuracy: accuracy,
    within_target: accuracy >= 0.93,
  };
}

/** An accuracy-aware search of two points that kept its int8 point. */
export function compressionSearchSample(): CompressionSearch {
  return {
    max_accuracy_drop: 1,
    objective: 'size',
    split: 'validation',
    reference: 'none-float32',
    points: [searchPoint('none-float32', 2400, 0.94, 'float32'), searchPoint('none-int8', 800, 0.94, 'int8')],
    front: ['none-int8'],
    chosen: 'none-int8',
    outcome: 'compressed',
  };
}

/** The report of a run that failed before training anything (as the trainer and the sweeps write it). */
export function failedReport(configPath: string, status: Exclude<RunStatus, 'done'> = 'failed'): RunReport {
  return {
    schema_version: 1,
    run_id: 'run',
    status,
    error: status === 'failed' ? 'teacher model not found' : 'stopped by the user',
    hint: 'Check teacher.model.',
    config_path: configPath,
    started: '2026-11-27T12:00:00.000Z',
    finished: '2026-11-27T12:00:01.000Z',
    backend: 'wasm',
    durations: { total: 1 },
    distillation_gain: null,
    warnings: [],
  };
}

export interface CorpusCase {
  readonly name: string;
  /** The file's text, given the config the run belongs to. */
  readonly text: (configPath: string) => string;
  /** The status of an accepted report, or the reason (a pattern) every reader gives for refusing it. */
  readonly expect: { readonly status: RunStatus } | { readonly refused: RegExp };
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
const without = (report: RunReport, key: keyof RunReport): Record<string, unknown> => {
  const copy: Record<string, unknown> = { ...report };
  delete copy[key];
  return copy;
};

export const REPORT_CORPUS: readonly CorpusCase[] = [
  { name: 'a finished run', text: (c) => json(validReport(c)), expect: { status: 'done' } },
  { name: 'a failed run', text: (c) => json(failedReport(c)), expect: { status: 'failed' } },
  { name: 'a cancelled run', text: (c) => json(failedReport(c, 'cancelled')), expect: { status: 'cancelled' } },
  {
    name: 'extra fields a newer trainer may add',
    text: (c) => json({ ...validReport(c), future: { x: 1 }, student: { ...validReport(c).student, future: 'x' } }),
    expect: { status: 'done' },
  },
  {
    name: 'a run with the latency of its shipped files',
    text: (c) => json(validReport(c, { shipped_latency: shippedLatencySample() })),
    expect: { status: 'done' },
  },
  {
    name: 'a shipped latency without its slower flag',
    text: (c) => {
      const latency = shippedLatencySample();
      const [first, ...rest] = latency.models;
      const { slower: _dropped, ...unflagged } = first!;
      return json(validReport(c, { shipped_latency: { ...latency, models: [unflagged as never, ...rest] } }));
    },
    expect: { refused: /is not a Distillery report: report\.shipped_latency\.models\[0\]\.slower should be true or false$/ },
  },
  {
    name: 'a shipped latency with its ONNX files timed',
    text: (c) => json(validReport(c, { shipped_latency: shippedLatencyWithOnnx() })),
    expect: { status: 'done' },
  },
  {
    name: 'a shipped latency whose ONNX files could not be timed',
    text: (c) =>
      json(validReport(c, { shipped_latency: { ...shippedLatencySample(), onnx_unmeasured: 'export/model.onnx: file not found' } })),
    expect: { status: 'done' },
  },
  {
    name: 'a shipped ONNX latency without its execution provider',
    text: (c) => {
      const { execution_provider: _dropped, ...onnx } = shippedLatencyWithOnnx().onnx!;
      return json(validReport(c, { shipped_latency: { ...shippedLatencyWithOnnx(), onnx: onnx as never } }));
    },
    expect: {
      refused: /is not a Distillery report: report\.shipped_latency\.onnx\.execution_provider should be a string$/,
    },
  },
  {
    name: 'a run with an accuracy-aware search',
    text: (c) => json(validReport(c, { compression_search: compressionSearchSample() })),
    expect: { status: 'done' },
  },
  {
    name: 'a search whose chosen point is not one of its points',
    text: (c) => json(validReport(c, { compression_search: { ...compressionSearchSample(), chosen: 'units50-int8' } })),
    expect: { refused: /is not a Distillery report: report\.compression_search\.chosen names no point of report\.compression_search\.points$/ },
  },
  {
    name: 'a search point without its drop',
    text: (c) => {
      const search = compressionSearchSample();
      const { accuracy_drop: _dropped, ...rest } = search.points[1]!;
      return json(validReport(c, { compression_search: { ...search, points: [search.points[0]!, rest as never] } }));
    },
    expect: { refused: /is not a Distillery report: report\.compression_search\.points\[1\]\.accuracy_drop should be a finite number$/ },
  },
  {
    name: 'an export missing its fields',
    text: (c) => json({ ...validReport(c), exports: [{ format: 'onnx', path: 'export/model.onnx', bytes: '10 kB' }] }),
    expect: { refused: /is not a Distillery report: report\.exports\[0\]\.files should be a list$/ },
  },
  {
    name: 'truncated JSON',
    text: (c) => json(validReport(c)).slice(0, 120),
    expect: { refused: /report\.json is not valid JSON: / },
  },
  { name: 'an empty file', text: () => '', expect: { refused: /report\.json is not valid JSON: / } },
  {
    name: 'accuracy "lots"',
    text: (c) => {
      const report = validReport(c);
      return json({ ...report, student: { ...report.student, metrics: { ...report.student!.metrics, accuracy: 'lots' } } });
    },
    expect: { refused: /is not a Distillery report: report\.student\.metrics\.accuracy should be a finite number$/ },
  },
  {
    name: 'teacher null',
    text: (c) => json({ ...validReport(c), teacher: null }),
    expect: { refused: /is not a Distillery report: report\.teacher should be an object$/ },
  },
  {
    name: 'status not a run status',
    text: (c) => json({ ...validReport(c), status: 'exploded' }),
    expect: { refused: /report\.status should be one of done, failed, cancelled$/ },
  },
  {
    name: 'missing warnings',
    text: (c) => json(without(validReport(c), 'warnings')),
    expect: { refused: /report\.warnings should be a list$/ },
  },
  {
    name: 'missing config_path',
    text: (c) => json(without(validReport(c), 'config_path')),
    expect: { refused: /report\.config_path should be a string$/ },
  },
  {
    name: 'a newer schema version',
    text: (c) => json({ ...validReport(c), schema_version: 2 }),
    expect: { refused: /report\.schema_version should be 1 / },
  },
  { name: 'a list, not an object', text: () => '[]', expect: { refused: /report should be an object$/ } },
  { name: 'JSON null', text: () => 'null', expect: { refused: /report should be an object$/ } },
];
