/**
 * Real training on real bundled data through the whole engine: every phase, the run directory and report,
 * seeded reproducibility, cancellation and resume continuing exactly where the checkpoint stopped.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { RunReport } from '../../src/core/protocol/report';
import type { RunEvent } from '../../src/core/protocol/run-events';
import { runTraining, type RunOutcome } from '../../src/trainer/engine';
import type { Cancellation } from '../../src/trainer/run/cancellation';
import { FIXTURES, maxFloatDifference, readJsonLines, tempDir } from './helpers';

function manualCancellation(): Cancellation {
  let reason: string | undefined;
  return {
    reason: () => reason,
    cancel: (why) => {
      reason = why;
    },
    dispose: () => undefined,
  };
}

async function train(
  config: string,
  runDir: string,
  extra: { seed?: number; resume?: boolean; onEvent?: (e: RunEvent, c: Cancellation) => void } = {},
): Promise<RunOutcome & { events: RunEvent[] }> {
  const events: RunEvent[] = [];
  const cancellation = manualCancellation();
  const outcome = await runTraining({
    configPath: path.join(FIXTURES, config),
    runDir,
    resume: extra.resume ?? false,
    cancellation,
    ...(extra.seed === undefined ? {} : { seed: extra.seed }),
    onEvent: (e) => {
      events.push(e);
      extra.onEvent?.(e, cancellation);
    },
  });
  return { ...outcome, events };
}

const weightsOf = (runDir: string, model: string): Buffer => fs.readFileSync(path.join(runDir, model, 'weights.bin'));

void test('iris: every phase runs, the student learns, and the run directory holds the promised files', async () => {
  const runDir = tempDir('engine-iris');
  const { report, exitCode, events } = await train('iris-fast.distill.yaml', runDir);
  assert.equal(exitCode, 0, report.error);
  assert.equal(report.status, 'done');
  assert.equal(report.backend, 'wasm');
  for (const role of ['teacher', 'student', 'baseline', 'pruned', 'quantized'] as const) {
    const m = report[role];
    assert.ok(m, `${role} result present`);
    assert.ok(m.params > 0 && m.bytes > 0 && m.bytes_gzip > 0);
    assert.equal(m.metrics.per_class.length, 3);
    assert.ok(m.metrics.accuracy > 0.8, `${role} accuracy ${m.metrics.accuracy} is far above chance (0.33)`);
    assert.ok(m.metrics.ece >= 0 && m.metrics.ece <= 1);
    assert.ok(m.metrics.fgsm_accuracy! <= m.metrics.accuracy + 1e-9, 'an attack does not improve accuracy');
    assert.ok(m.latency.batch1_ms > 0);
  }
  assert.equal(report.student!.seed_accuracies!.length, 2);
  assert.equal(report.distillation_gain!.seeds, 2);
  assert.ok(report.pruned!.sparsity > 0.3, `pruned model sparsity ${report.pruned!.sparsity}`);
  // Every size is that of a file in the run: the quantized model's is its shipped ONNX file (int8 kernels).
  assert.equal(report.quantized!.bytes_file, 'export/model.onnx');
  assert.equal(report.quantized!.bytes, fs.statSync(path.join(runDir, 'export/model.onnx')).size);
  assert.equal(report.student!.bytes_file, 'student/weights.bin');
  assert.equal(report.student!.bytes, 67 * 4);
  assert.deepEqual(
    report.exports?.map((e) => e.path),
    ['export/tfjs/model.json', 'export/model.onnx'],
  );
  for (const file of [
    'config.distill.yaml',
    'events.jsonl',
    'report.json',
    'report.md',
    'teacher/model.json',
    'student/model.json',
    'student/weights.bin',
    'pruned/model.json',
    'quantized/model.json',
    'quantized/weights.int8.bin',
    'quantized/quantization.json',
    'export/tfjs/model.json',
    'export/tfjs/weights.bin',
    'export/model.onnx',
    'checkpoints/student-seed5/state.json',
  ]) {
    assert.ok(fs.existsSync(path.join(runDir, file)), `${file} exists`);
  }
  const onDisk = JSON.parse(fs.readFileSync(path.join(runDir, 'report.json'), 'utf8')) as RunReport;
  assert.equal(onDisk.status, 'done');
  const lines = readJsonLines(path.join(runDir, 'events.jsonl'));
  assert.equal(lines.length, events.length, 'events.jsonl holds every event');
  assert.equal(lines[0]!.type, 'start');
  assert.equal(lines[lines.length - 1]!.type, 'done');
  assert.ok(events.some((e) => e.type === 'epoch' && e.role === 'student' && e.loss_terms?.soft !== undefined));
  assert.match(fs.readFileSync(path.join(runDir, 'report.md'), 'utf8'), /\| student \(float32\) \| \d+\.\d+% \|/);
  // The memory estimate's parts, from the architectures: 96 bytes a parameter trained with Adam (measured, see
  // memory-budget.ts); every layer's outputs for a batch of 16 and their gradients.
  const teacherParams = 4 * 32 + 32 + 32 * 3 + 3;
  const parts = report.memory_estimate!.breakdown!;
  assert.deepEqual(parts.models, [
    { role: 'teacher', params: teacherParams, bytes: teacherParams * 96 },
    { role: 'student', params: 67, bytes: 67 * 96 },
  ]);
  assert.equal(parts.activation_bytes, 2 * (32 + 3) * 16 * 4, "the teacher's are the largest");
  assert.equal(parts.input_bytes, 150 * 4 * 4, 'iris held in memory');
  assert.equal(parts.baseline_worker_bytes, parts.runtime_bytes + parts.input_bytes + 67 * 96 + 2 * (8 + 3) * 16 * 4);
  const total = parts.runtime_bytes + parts.input_bytes + (teacherParams + 67) * 96 + parts.activation_bytes;
  assert.equal(report.memory_estimate!.estimated_bytes, total + parts.baseline_worker_bytes!);
  // The baseline trained in its own process, whose peak (a Node process running TF.js: tens of MiB at least) is
  // reported beside the trainer's.
  const workerPeak = report.baseline_worker_peak_rss_bytes ?? 0;
  assert.ok(workerPeak > 32 * 1024 * 1024, `baseline worker peak ${workerPeak}`);
  assert.match(
    fs.readFileSync(path.join(runDir, 'report.md'), 'utf8'),
    /- Peak memory of the trainer: [\d.]+ MiB; of the baseline worker process: [\d.]+ MiB\n/,
  );
});

void test('a fixed seed reproduces the run exactly, baselines in the worker process or in-process alike; another seed does not', async () => {
  const a = tempDir('engine-repro-a');
  const b = tempDir('engine-repro-b');
  const c = tempDir('engine-repro-c');
  await train('iris-fast.distill.yaml', a, { seed: 9 });
  process.env.DISTILLERY_WORKERS = '0';
  try {
    await train('iris-fast.distill.yaml', b, { seed: 9 });
  } finally {
    delete process.env.DISTILLERY_WORKERS;
  }
  assert.ok(
    weightsOf(a, 'baseline').equals(weightsOf(b, 'baseline')),
    'the worker trains the same baseline as the trainer process would',
  );
  await train('iris-fast.distill.yaml', c, { seed: 10 });
  assert.ok(weightsOf(a, 'student').equals(weightsOf(b, 'student')), 'same seed, same student weights');
  assert.ok(weightsOf(a, 'teacher').equals(weightsOf(b, 'teacher')), 'same seed, same teacher weights');
  assert.ok(!weightsOf(a, 'student').equals(weightsOf(c, 'student')), 'another seed, other weights');
});

void test('cancelled mid-training, then resumed: it continues from the checkpoint and ends where an uninterrupted run ends', async () => {
  const straight = tempDir('engine-straight');
  await train('iris-fast.distill.yaml', straight, { seed: 21 });
  const runDir = tempDir('engine-resume');
  const first = await train('iris-fast.distill.yaml', runDir, {
    seed: 21,
    onEvent: (e, cancellation) => {
      if (e.type === 'epoch' && e.role === 'student' && e.epoch === 7) cancellation.cancel('test stop');
    },
  });
  assert.equal(first.exitCode, 130);
  assert.equal(first.report.status, 'cancelled');
  assert.equal(first.events[first.events.length - 1]!.type, 'cancelled');
  const state = JSON.parse(fs.readFileSync(path.join(runDir, 'checkpoints/student-seed21/state.json'), 'utf8')) as {
    epochsDone: number;
  };
  assert.equal(state.epochsDone, 7, 'the last completed epoch is checkpointed');
  const resumed = await train('iris-fast.distill.yaml', runDir, { seed: 21, resume: true });
  assert.equal(resumed.exitCode, 0, resumed.report.error);
  const teacherEpochs = resumed.events.filter((e) => e.type === 'epoch' && e.role === 'teacher');
  assert.equal(teacherEpochs.length, 0, 'the finished teacher is not trained again');
  const studentEpochs = resumed.events.flatMap((e) =>
    e.type === 'epoch' && e.role === 'student' && e.seed === 21 ? [e.epoch] : [],
  );
  assert.equal(studentEpochs[0], 8, 'the student continues with epoch 8');
  // Not bit-identical: restoring Adam recomputes beta^t with pow() where the running optimizer multiplied
  // step by step, a float32 rounding difference of ~1e-7.
  const difference = maxFloatDifference(weightsOf(runDir, 'student'), weightsOf(straight, 'student'));
  assert.ok(difference < 1e-5, `resumed student differs from the uninterrupted one by ${difference}`);
  assert.ok(
    weightsOf(runDir, 'teacher').equals(weightsOf(straight, 'teacher')),
    'the teacher was restored, not retrained',
  );
  assert.equal(
    resumed.report.student!.metrics.accuracy,
    (JSON.parse(fs.readFileSync(path.join(straight, 'report.json'), 'utf8')) as RunReport).student!.metrics.accuracy,
  );
});

void test('mnist with a conv teacher, hidden labels and a feature hint: the distilled student learns', async () => {
  const runDir = tempDir('engine-mnist');
  const { report, events } = await train('mnist-hints.distill.yaml', runDir);
  assert.equal(report.status, 'done', report.error);
  assert.ok(report.dataset!.unlabeled > 400, `half the training labels are hidden (${report.dataset!.unlabeled})`);
  assert.ok(report.teacher!.metrics.accuracy > 0.8, `conv teacher accuracy ${report.teacher!.metrics.accuracy}`);
  assert.ok(
    report.student!.metrics.accuracy > 0.7,
    `student accuracy ${report.student!.metrics.accuracy} (chance 0.1)`,
  );
  assert.ok(report.student!.metrics.agreement > 0.7);
  const studentEpoch = events.find((e) => e.type === 'epoch' && e.role === 'student');
  assert.ok(
    studentEpoch && studentEpoch.type === 'epoch' && (studentEpoch.loss_terms?.feature ?? 0) > 0,
    'the hint term is part of the loss',
  );
});

void test('from_teacher.width derives the student by shrinking the teacher, trained with sgd, momentum and a cosine schedule', async () => {
  const dir = tempDir('engine-derived');
  const config = path.join(dir, 'derived.distill.yaml');
  fs.writeFileSync(
    config,
    fs
      .readFileSync(path.join(FIXTURES, 'iris-fast.distill.yaml'), 'utf8')
      .replace(/student:\n {2}layers:\n( {4}.*\n)+/, 'student:\n  from_teacher: { width: 0.25 }\n')
      .replace(
        'training:\n  epochs: 20',
        'training:\n  optimizer: sgd\n  momentum: 0.9\n  schedule: cosine\n  epochs: 20',
      )
      .replace(/\ncompression:\n( {2}.*\n)+/, '\n'),
  );
  const events: RunEvent[] = [];
  const { report } = await runTraining({
    configPath: config,
    runDir: path.join(dir, 'run'),
    resume: false,
    cancellation: manualCancellation(),
    onEvent: (e) => events.push(e),
  });
  assert.equal(report.status, 'done', report.error);
  // Teacher 4-32-3 -> student 4-8-3 (the hidden width scaled by 0.25, the logits kept).
  assert.equal(report.student!.params, 4 * 8 + 8 + 8 * 3 + 3);
  assert.ok(report.student!.metrics.accuracy > 0.8, `derived student accuracy ${report.student!.metrics.accuracy}`);
  const rates = events.flatMap((e) =>
    e.type === 'epoch' && e.role === 'student' && e.seed === 5 ? [e.learning_rate] : [],
  );
  assert.ok(rates[0]! > rates[rates.length - 1]! * 5, 'the cosine schedule decays the learning rate');
});
