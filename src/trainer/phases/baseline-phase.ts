/**
 * The labels-only control: for each seed, the identical student (same layers, same seed so the same initial
 * weights, same batch size, schedule, early stopping and augmentation) trained on the labeled training examples
 * alone. By default (`evaluation.baseline_budget: same_steps`) each of its epochs takes as many optimizer steps as
 * a student epoch, cycling through its smaller labelled set, so hidden labels do not also mean fewer steps.
 * Runs in the trainer process or, to use the second core, in a worker process next to the students (worker.ts).
 */
import type { LayerSpec } from '../../core/config/types';
import type { ModelResult, TrainingBudget } from '../../core/protocol/report';
import { MODEL_DIRS } from '../../core/runs/layout';
import { subset } from '../data/dataset';
import type { TeacherOutputs } from '../eval/evaluate-model';
import { buildModel } from '../model/build-model';
import type * as tf from '@tensorflow/tfjs';
import { augmenterFor } from './augmentation';
import { initialWeightsFrom } from './initial-weights';
import { type Evaluated, evaluateAndSave } from './evaluate-phase';
import { type RunContext, trainWithEvents } from './run-context';
import { trainingBudget } from './training-budget';

export interface BaselineOutcome {
  /** The first seed's result (reported); absent when no seed ran. */
  readonly result?: ModelResult;
  readonly accuracies: number[];
  /** The first seed's training budget. */
  readonly budget?: TrainingBudget;
}

/** Student optimizer steps per epoch: one pass over every training example (labelled or not). */
export function studentStepsPerEpoch(trainExamples: number, batchSize: number): number {
  return Math.ceil(trainExamples / batchSize);
}

/** `teacher`: the model `student.init: teacher` copies weights from, so the baseline starts where the student does. */
export async function runBaselinePhase(
  ctx: RunContext,
  layers: readonly LayerSpec[],
  teacherReference: TeacherOutputs,
  teacher?: tf.LayersModel,
): Promise<BaselineOutcome> {
  const { config, data } = ctx;
  const labeledIndices = Array.from(data.labeledMask.keys()).filter((i) => data.labeledMask[i] === 1);
  const labeledOnly = subset(data.train, labeledIndices);
  const accuracies: number[] = [];
  const augmenter = augmenterFor(ctx);
  const stepsPerEpoch =
    config.evaluation.baseline_budget === 'same_steps'
      ? studentStepsPerEpoch(data.train.y.length, config.training.batch_size)
      : undefined;
  let first: Evaluated | undefined;
  let budget: TrainingBudget | undefined;
  for (let k = 0; k < config.evaluation.seeds; k++) {
    const seed = ctx.baseSeed + k;
    ctx.sink.emit({
      type: 'phase',
      phase: 'baseline',
      seed,
      message: `Training the baseline on labels alone (seed ${seed}).`,
    });
    const baseline = buildModel(layers, data.inputShape, data.classNames.length, seed, 'baseline');
    initialWeightsFrom(ctx, baseline, teacher);
    const outcome = await trainWithEvents(ctx, {
      role: 'baseline',
      seed,
      model: baseline,
      data: { x: labeledOnly.x, y: labeledOnly.y, inputShape: data.inputShape, classes: data.classNames.length },
      validation: data.validation,
      settings: config.training,
      ...(augmenter ? { augmenter } : {}),
      ...(stepsPerEpoch === undefined ? {} : { stepsPerEpoch }),
    });
    const evaluated = await evaluateAndSave(ctx, {
      role: 'baseline',
      seed,
      model: baseline,
      teacherLogits: teacherReference,
      label: 'baseline (labels only)',
      ...(k === 0 ? { saveDir: MODEL_DIRS.baseline } : {}),
    });
    accuracies.push(evaluated.result.metrics.accuracy);
    if (k === 0) {
      first = evaluated;
      budget = trainingBudget(
        outcome,
        config.training.batch_size,
        labeledOnly.y.length,
        augmenter,
        false,
        config.student.init,
      );
    }
    baseline.dispose();
  }
  return { ...(first ? { result: first.result } : {}), accuracies, ...(budget ? { budget } : {}) };
}
