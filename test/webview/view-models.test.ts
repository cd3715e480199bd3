/** The panel's pure logic, without a browser: training curves from events, sorting, per-class damage, saved state. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TrainingModel } from '../../src/webview/training-model';
import { restoreUiState, viewsOf } from '../../src/webview/ui-state';
import { modelsOf } from '../../src/core/protocol/report-models';
import { classDamage } from '../../src/webview/views/results-charts';
import { sortTrials } from '../../src/webview/views/sweep-sort';
import { RUN_EVENTS, SWEEP, epochEvent, report } from './fixtures/panel-fixtures';

void describe('training model', () => {
  void it('builds one curve per role, seed and quantity, in epoch order', () => {
    const model = new TrainingModel();
    for (const event of RUN_EVENTS) model.apply(event);
    const labels = model.curves.map((c) => `${c.chart}:${c.series.label}`);
    assert.ok(
      labels.includes('loss:teacher loss') &&
        labels.includes('loss:student soft term') &&
        labels.includes('accuracy:student validation') &&
        labels.includes('learningRate:teacher'),
    );
    assert.equal(
      labels.some((l) => l.startsWith('loss:teacher soft')),
      false,
      'labels-only training has no loss terms',
    );
    const teacherLoss = model.curves.find((c) => c.series.label === 'teacher loss')!.series.points;
    assert.deepEqual(
      teacherLoss,
      [1, 2, 3].map((e) => ({ x: e, y: epochEvent('teacher', e).loss })),
    );
    assert.equal(model.status.phase, 'student');
    assert.equal(model.status.etaSeconds, epochEvent('student', 2).eta_seconds);
    assert.deepEqual(model.warnings, ['Validation loss rose for 2 epochs (early-stopping)']);
  });

  void it('labels seeds apart when the run has several, and restarts on a new start event', () => {
    const model = new TrainingModel();
    model.apply({ ...RUN_EVENTS[0]!, seeds: 2 } as (typeof RUN_EVENTS)[0]);
    const created = model.apply(epochEvent('student', 1, 2)).created;
    assert.ok(created.some((c) => c.series.label === 'student (seed 2) loss'));
    assert.equal(model.apply(RUN_EVENTS[0]!).restarted, true);
    assert.equal(model.curves.length, 0);
  });

  void it('ignores a non-finite value instead of drawing it', () => {
    const model = new TrainingModel();
    model.apply({ ...epochEvent('student', 1), val_accuracy: Number.POSITIVE_INFINITY });
    assert.equal(
      model.curves.some((c) => c.series.label === 'student validation'),
      false,
    );
  });
});

void describe('sweep sorting', () => {
  void it('sorts by objective with missing values last whatever the direction', () => {
    const ids = (desc: boolean): string[] => sortTrials(SWEEP.trials, { kind: 'objective' }, desc).map((t) => t.id);
    assert.deepEqual(ids(true), ['trial-001', 'trial-002', 'trial-000', 'trial-004', 'trial-003', 'trial-005']);
    assert.deepEqual(ids(false), ['trial-004', 'trial-000', 'trial-002', 'trial-001', 'trial-003', 'trial-005']);
  });

  void it('sorts text parameters alphabetically and ties by trial index', () => {
    const sorted = sortTrials(SWEEP.trials, { kind: 'param', key: 'training.optimizer' }, false).map((t) => t.id);
    assert.deepEqual(sorted, ['trial-000', 'trial-001', 'trial-002', 'trial-003', 'trial-004', 'trial-005']);
  });
});

void describe('per-class damage', () => {
  void it('is teacher recall minus model recall, most damaged class first', () => {
    const r = report('r');
    assert.deepEqual(
      classDamage(r).map((d) => d.className),
      ['virginica', 'versicolor', 'setosa'],
    );
    const virginica = classDamage(r)[0]!;
    assert.ok(Math.abs(virginica.student - 0.2) < 1e-12 && Math.abs(virginica.baseline! - 0) < 1e-12);
    assert.deepEqual(classDamage({ ...r, teacher: undefined }), [], 'no teacher, nothing to compare with');
    assert.deepEqual(
      modelsOf({ ...r, pruned: undefined, quantized: undefined }).map((m) => m.role),
      ['teacher', 'baseline', 'student'],
    );
  });
});

void describe('saved UI state', () => {
  void it('falls back to defaults for anything unrecognised', () => {
    assert.deepEqual(restoreUiState(undefined), { selectedRuns: [], layerMetric: 'params', tables: [] });
    assert.deepEqual(
      restoreUiState({
        view: 'nowhere',
        selectedRuns: ['a', 3, 'b', 'c'],
        layerMetric: 'watts',
        tables: 'x',
        init: { kind: 'config' },
      }),
      { selectedRuns: ['a', 'b'], layerMetric: 'params', tables: [] },
    );
    const init = { kind: 'sweep' as const, target: 'file:///s', title: 'S' };
    assert.deepEqual(restoreUiState({ init, view: 'sweep', sweepSort: { column: 'objective', descending: false } }), {
      init,
      view: 'sweep',
      selectedRuns: [],
      layerMetric: 'params',
      sweepSort: { column: 'objective', descending: false },
      tables: [],
    });
    assert.deepEqual(viewsOf('run'), ['results']);
  });
});
