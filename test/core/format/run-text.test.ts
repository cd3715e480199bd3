/** core/format's run text: the distillation-gain verdict, one-line event text and the terminal progress bar. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeGainVerdict, formatGain, gainVerdict } from '../../../src/core/format/gain';
import { progressBarLine } from '../../../src/core/format/progress-bar';
import { describeRunEvent, describeRunProgress, runEventLogLine } from '../../../src/core/format/run-event-text';
import type { DistillationGain } from '../../../src/core/protocol/report';
import { type EpochEvent, type RunEvent, runEventCheck } from '../../../src/core/protocol/run-events';
import { sampleEpoch } from '../fixtures/epoch-event';

const time = '2026-11-29T00:00:00Z';
const gain = (mean: number, std: number, seeds: number): DistillationGain => ({
  per_seed: Array.from({ length: seeds }, () => mean),
  mean,
  std,
  seeds,
});
const epoch = (n: number, extra: Partial<EpochEvent> = {}): EpochEvent =>
  sampleEpoch({ seed: 5, epoch: n, samples_per_second: 840.4, ...extra });

void describe('distillation gain', () => {
  void it('helped / hurt only when mean ± std stays on one side of zero', () => {
    assert.equal(gainVerdict(gain(0.02, 0.01, 3)), 'helped');
    assert.equal(gainVerdict(gain(-0.02, 0.01, 3)), 'hurt');
    assert.equal(gainVerdict(gain(0.005, 0.01, 3)), 'unclear');
    assert.equal(gainVerdict(gain(0, 0, 2)), 'unclear', 'exactly zero is no difference');
    assert.equal(gainVerdict(gain(0.02, 0.02, 3)), 'unclear', 'touching zero is not clear');
    assert.equal(gainVerdict(gain(Number.NaN, 0.01, 3)), 'unclear');
  });

  void it('refuses a verdict from one seed, which has no spread', () => {
    assert.equal(gainVerdict(gain(0.05, 0, 1)), 'one-seed');
    assert.match(describeGainVerdict('one-seed'), /evaluation\.seeds/);
  });

  void it('says the gain with its spread and the number of seeds', () => {
    assert.equal(formatGain(gain(0.0123, 0.0045, 3)), '+1.23 ± 0.45 pt over 3 seeds');
    assert.equal(formatGain(gain(-0.004, 0, 2)), '\u22120.40 ± 0.00 pt over 2 seeds');
    assert.equal(formatGain(gain(0.0123, 0, 1)), '+1.23 pt over 1 seed', 'one seed: no ±');
    assert.equal(describeGainVerdict('helped'), 'distillation helped');
  });
});

void describe('run events as text', () => {
  const start: RunEvent = {
    type: 'start',
    time,
    run_id: 'mnist-1',
    run_dir: '/runs/mnist-1',
    config_path: '/c.distill.yaml',
    backend: 'wasm',
    pid: 1,
    phases: ['data', 'student'],
    seeds: 1,
    resumed: true,
  };
  const failed: RunEvent = { type: 'failed', time, error: 'out of memory', hint: 'lower batch_size' };
  const warning: RunEvent = { type: 'warning', time, message: 'few examples' };

  void it('describes each event in one line', () => {
    assert.equal(describeRunEvent(start), 'starting (backend wasm, resumed)');
    assert.equal(describeRunEvent(epoch(2)), 'student seed 5 epoch 2/4 · loss 0.5000 · val 91.2%');
    assert.equal(describeRunEvent(epoch(2, { val_accuracy: undefined })), 'student seed 5 epoch 2/4 · loss 0.5000');
    assert.equal(
      describeRunEvent({
        type: 'eval',
        time,
        role: 'teacher',
        metrics: { accuracy: 0.98, agreement: 1 } as never,
        params: 10,
        bytes: 40,
      }),
      'teacher: test accuracy 98.0% · agreement 100.0%',
    );
    assert.equal(describeRunEvent(failed), 'failed: out of memory');
    assert.equal(
      describeRunEvent({ type: 'done', time, report_path: '/r', summary: 'student 97.1%' }),
      'done: student 97.1%',
    );
    assert.equal(describeRunProgress(warning), undefined, 'a warning is not progress');
    assert.equal(describeRunEvent(warning), 'warning: few examples');
  });

  void it('logs the run directory, phase headings, final epochs only and the failure hint', () => {
    assert.equal(runEventLogLine(start, 'on Slurm'), 'run mnist-1 in /runs/mnist-1 (backend wasm, resumed, on Slurm)');
    assert.equal(runEventLogLine({ type: 'phase', time, phase: 'data', message: 'Loading.' }), '== Loading.');
    assert.equal(runEventLogLine(epoch(3)), undefined);
    assert.equal(runEventLogLine(epoch(4)), '   student seed 5 epoch 4/4 · loss 0.5000 · val 91.2%');
    assert.equal(runEventLogLine(failed), 'FAILED: out of memory\nhint: lower batch_size');
  });

  void it('draws a progress bar cut to the terminal width, clamped when epochs overshoot', () => {
    const line = progressBarLine(epoch(2, { eta_seconds: 65 }), 200);
    assert.equal(
      line,
      '[##########----------] student seed 5 epoch 2/4 · loss 0.5000 · val 91.2% · 840 ex/s · eta 1 min 5 s',
    );
    assert.equal(progressBarLine(epoch(2), 20).length, 19);
    assert.ok(progressBarLine(epoch(9), 200).startsWith(`[${'#'.repeat(20)}]`));
    assert.equal(progressBarLine(epoch(1), 0), '');
  });
});

void describe('events of the compression search', () => {
  const tag = { id: 'units50-int8', index: 5, total: 6 };
  const phase: RunEvent = { type: 'phase', time, phase: 'quantization', message: 'Quantizing the weights to int8.' };

  void it('read as part of the search, with the point named, in every line and the progress bar', () => {
    assert.equal(
      describeRunEvent({ ...phase, search_point: tag }),
      'search point 5 of 6 (units50-int8) · Quantizing the weights to int8.',
    );
    assert.equal(describeRunEvent(phase), 'Quantizing the weights to int8.', 'the run’s own phases are unchanged');
    assert.equal(runEventLogLine(phase), '== Quantizing the weights to int8.');
    assert.equal(
      runEventLogLine({ ...phase, search_point: tag }),
      '   search point 5 of 6 (units50-int8) · Quantizing the weights to int8.',
      'a point’s phase is a step of the search, not a heading',
    );
    assert.match(
      progressBarLine(epoch(2, { epochs: 2, role: 'pruned', search_point: tag }), 200),
      /^\[#+\] search point 5 of 6 \(units50-int8\) · pruned seed 5 epoch 2\/2 · /,
    );
  });

  void it('validate with their tag, without it (older logs), and not with a malformed one', () => {
    assert.equal(runEventCheck({ ...phase, search_point: tag }, 'event'), undefined);
    assert.equal(runEventCheck(phase, 'event'), undefined);
    assert.match(
      runEventCheck({ ...phase, search_point: { id: 'x', index: '5', total: 6 } }, 'event') ?? '',
      /event\.search_point\.index/,
    );
  });
});
