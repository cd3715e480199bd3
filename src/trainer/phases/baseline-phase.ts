/**
 * The labels-only control: for each seed, the identical student (same layers, same seed so the same initial
 * weights, same epochs, batch size and schedule) trained on the labeled training examples alone. Runs in the
 * trainer process or, to use the second core, in a worker process next to the students (see worker.ts).
 */
import type { LayerSpec } from '../../core/config/types';
import type { ModelResult } from '../../core/protocol/report';
import { subset } from '../data/dataset';
import type { TeacherOutputs } from '../eval/evaluate-model';
import { buildModel } from '../model/build-model';
import { type Evaluated, evaluateAndSave } from './evaluate-phase';
import { type RunContext, trainWithEvents } from './run-context';

export interface BaselineOutcome {
  /** The first seed's result (reported); absent when no seed ran. */
  readonly result?: ModelResult;
  readonly accuracies: number[];
}

export async function runBaselinePhase(
  ctx: RunContext,
  layers: readonly LayerSpec[],
  teacherReference: TeacherOutputs,
): Promise<BaselineOutcome> {
  const { config, data } = ctx;
  const labeledIndices = Array.from(data.labeledMask.keys()).filter((i) => data.labeledMask[i] === 1);
  const labeledOnly = subset(data.train, labeledIndices);
  const accuracies: number[] = [];
  let first: Evaluated | undefined;
  for (let k = 0; k < config.evaluation.seeds; k++) {
    const seed = ctx.baseSeed + k;
    ctx.sink.emit({
      type: 'phase',
      phase: 'baseline',
      seed,
      message: `Training the baseline on labels alone (seed ${seed}).`,
    });
    const baseline = buildModel(layers, data.inputShape, data.classNames.length, seed, 'baseline');
    await trainWithEvents(ctx, {
      role: 'baseline',
      seed,
      model: baseline,
      data: { x: labeledOnly.x, y: labeledOnly.y, inputShape: data.inputShape, classes: data.classNames.length },
      validation: data.validation,
      settings: config.training,
    });
    const evaluated = await evaluateAndSave(ctx, {
      role: 'baseline',
      seed,
      model: baseline,
      teacherLogits: teacherReference,
      label: 'baseline (labels only)',
      ...(k === 0 ? { saveDir: 'baseline' } : {}),
    });
    accuracies.push(evaluated.result.metrics.accuracy);
    if (k === 0) first = evaluated;
    baseline.dispose();
  }
  return { ...(first ? { result: first.result } : {}), accuracies };
}
