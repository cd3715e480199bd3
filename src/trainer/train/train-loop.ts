/**
 * The training loop shared by teacher, baseline, student and pruning fine-tuning: seeded shuffles and
 * dropout, a learning-rate schedule, labels-only or distillation loss (plus feature hints), validation,
 * early stopping with best-weight restore, a checkpoint after every epoch, resume, and a stop on NaN/inf.
 */
import * as tf from '@tensorflow/tfjs';
import type { OptimizerSettings } from '../../core/config/types';
import type { ModelRole } from '../../core/protocol/run-events';
import type { Dataset } from '../data/dataset';
import { distillationLoss, type KdSettings, maskedCrossEntropy } from '../distill/kd-loss';
import { mixSeed } from '../random/prng';
import { restoreMathRandom, seedMathRandom } from '../random/seeded-math-random';
import { CancelledError, TrainerError } from '../run/errors';
import type { RunFiles } from '../run/run-files';
import { epochOrder, gatherFloats, gatherInts, gatherRows } from './batches';
import { type LoopState, readState, restoreCheckpoint, saveCheckpoint } from './checkpoint';
import { createOptimizer } from './optimizer';
import { predictAll } from './predict';
import { learningRateAt } from './schedule';
import { logitStats } from './validation';

export interface HintPair {
  /** Learned linear map from the student's feature width to the teacher's (absent when widths match). */
  readonly projection?: tf.layers.Layer;
  /** Teacher features for every training example, flat [n, width]. */
  readonly teacherFeatures: Float32Array;
  readonly width: number;
  readonly weight: number;
}

export interface HintSetup {
  /** Same weights as the model; outputs the logits, then each hinted layer's output in `pairs` order. */
  readonly model: tf.LayersModel;
  readonly pairs: readonly HintPair[];
}

export interface TrainingData {
  readonly x: Float32Array;
  readonly y: Int32Array;
  readonly inputShape: readonly number[];
  readonly classes: number;
  /** 1 = label visible; absent = all visible. */
  readonly labeledMask?: Float32Array;
  /** Precomputed teacher logits [n, classes]; present = distillation. */
  readonly teacherLogits?: Float32Array;
}

export interface EpochStats {
  readonly epoch: number;
  readonly epochs: number;
  readonly loss: number;
  readonly lossTerms?: { soft: number; hard: number; feature?: number };
  readonly trainAccuracy: number;
  readonly valLoss?: number;
  readonly valAccuracy?: number;
  readonly learningRate: number;
  readonly samplesPerSecond: number;
}

export interface TrainJob {
  readonly role: ModelRole;
  readonly seed: number;
  readonly model: tf.LayersModel;
  readonly data: TrainingData;
  readonly validation?: Dataset;
  readonly settings: OptimizerSettings & {
    readonly early_stopping?: { readonly patience: number; readonly min_delta: number };
  };
  readonly kd?: KdSettings;
  readonly hint?: HintSetup;
  readonly files: RunFiles;
  readonly checkpointDir: string;
  readonly resume: boolean;
  readonly onEpoch: (stats: EpochStats) => void;
  readonly isCancelled: () => string | undefined;
  /** Called after every optimizer step (pruning re-applies its masks here). */
  readonly afterStep?: () => void;
}

export interface TrainOutcome {
  readonly epochsRun: number;
  readonly bestEpoch: number;
  readonly stoppedEarly: boolean;
  readonly resumedFrom?: number;
}

const variablesOf = (layersOwner: { weights: { read(): tf.Tensor }[] }): tf.Variable[] =>
  layersOwner.weights.map((w) => w.read() as tf.Variable);
const trainableOf = (layersOwner: { trainableWeights: { read(): tf.Tensor }[] }): tf.Variable[] =>
  layersOwner.trainableWeights.map((w) => w.read() as tf.Variable);

function assertFinite(value: number, job: TrainJob, epoch: number): void {
  if (Number.isFinite(value)) return;
  throw new TrainerError(
    `The ${job.role} loss became ${value} in epoch ${epoch + 1} (learning rate ${job.settings.learning_rate}); training stopped and the last good checkpoint was kept.`,
    `Lower the learning rate (try ${job.settings.learning_rate / 10}) or the batch size's variance; check the data for extreme values.`,
    'non-finite-loss',
  );
}

export async function trainModel(job: TrainJob): Promise<TrainOutcome> {
  const { data, settings } = job;
  const count = data.y.length;
  const projections = (job.hint?.pairs ?? []).flatMap((p) => (p.projection ? [p.projection] : []));
  const owners = [job.model, ...projections];
  const allVariables = owners.flatMap(variablesOf);
  const trainable = owners.flatMap(trainableOf);
  const { optimizer, setLearningRate } = createOptimizer(settings);
  let state: LoopState = {
    epochsDone: 0,
    bestValLoss: Infinity,
    bestEpoch: -1,
    epochsWithoutImprovement: 0,
    finished: false,
  };
  let best: tf.Tensor[] | undefined;
  let resumedFrom: number | undefined;
  const saved = job.resume ? readState(job.files, job.checkpointDir) : undefined;
  if (saved) {
    best = await restoreCheckpoint(job.files, job.checkpointDir, allVariables, optimizer);
    state = saved;
    resumedFrom = saved.epochsDone;
  }
  const labels = data.y;
  const mask = data.labeledMask;
  const kd = data.teacherLogits && job.kd ? job.kd : undefined;
  const patience = settings.early_stopping?.patience;
  const minDelta = settings.early_stopping?.min_delta ?? 0;
  let stoppedEarly = false;
  try {
    for (let epoch = state.epochsDone; epoch < settings.epochs && !state.finished; epoch++) {
      const learningRate = learningRateAt(settings, epoch);
      setLearningRate(learningRate);
      seedMathRandom(mixSeed(job.seed, epoch, job.role.length));
      const order = epochOrder(count, mixSeed(job.seed, job.role.length), epoch);
      const started = performance.now();
      let lossSum = 0,
        softSum = 0,
        hardSum = 0,
        featureSum = 0,
        correct = 0,
        seenLabeled = 0,
        batches = 0;
      for (let start = 0; start < count; start += settings.batch_size) {
        // Training is synchronous work on this thread: yield to the event loop so SIGINT/SIGTERM handlers can run.
        await new Promise<void>((resolve) => setImmediate(resolve));
        const cancelled = job.isCancelled();
        if (cancelled) throw new CancelledError(cancelled);
        const indices = order.slice(start, start + settings.batch_size);
        const batchMask = mask ? Array.from(indices, (i) => mask[i]!) : undefined;
        if (!kd && batchMask && !batchMask.some((m) => m > 0)) continue;
        tf.tidy(() => {
          const x = gatherRows(data.x, data.inputShape, indices);
          const y = gatherInts(labels, indices);
          const m = mask ? gatherFloats(mask, indices) : undefined;
          optimizer.minimize(
            () => {
              let logits: tf.Tensor2D;
              let loss: tf.Scalar;
              let featureLoss: tf.Scalar | undefined;
              if (job.hint) {
                const [out, ...features] = job.hint.model.apply(x, { training: true }) as tf.Tensor[];
                logits = out as tf.Tensor2D;
                featureLoss = job.hint.pairs.reduce((sum: tf.Scalar, pair, p) => {
                  let student = features[p]!.reshape([indices.length, -1]);
                  if (pair.projection) student = pair.projection.apply(student) as tf.Tensor;
                  const teacher = gatherRows(pair.teacherFeatures, [pair.width], indices);
                  return sum.add(tf.losses.meanSquaredError(teacher, student).mul(pair.weight));
                }, tf.scalar(0));
              } else {
                logits = job.model.apply(x, { training: true }) as tf.Tensor2D;
              }
              if (kd) {
                const teacherLogits = gatherRows(data.teacherLogits!, [data.classes], indices) as tf.Tensor2D;
                const terms = distillationLoss(
                  logits,
                  teacherLogits,
                  y,
                  m ?? (tf.onesLike(y).toFloat() as tf.Tensor1D),
                  kd,
                );
                softSum += terms.soft.dataSync()[0]!;
                hardSum += terms.hard.dataSync()[0]!;
                loss = terms.total;
              } else {
                loss = maskedCrossEntropy(logits, y, m);
              }
              if (featureLoss) {
                featureSum += featureLoss.dataSync()[0]!;
                loss = loss.add(featureLoss);
              }
              const predicted = logits.argMax(1).dataSync();
              indices.forEach((index, i) => {
                if (mask && mask[index] === 0) return;
                seenLabeled++;
                if (predicted[i] === labels[index]) correct++;
              });
              const value = loss.dataSync()[0]!;
              assertFinite(value, job, epoch);
              lossSum += value;
              return loss;
            },
            false,
            trainable,
          );
        });
        job.afterStep?.();
        batches++;
      }
      restoreMathRandom();
      const seconds = (performance.now() - started) / 1000;
      const loss = lossSum / Math.max(1, batches);
      assertFinite(loss, job, epoch);
      let valLoss: number | undefined;
      let valAccuracy: number | undefined;
      if (job.validation && job.validation.y.length > 0) {
        const logits = predictAll(job.model, job.validation.x, job.validation.inputShape)[0]!;
        ({ loss: valLoss, accuracy: valAccuracy } = logitStats(logits, job.validation.y, data.classes));
      }
      const monitored = valLoss ?? loss;
      let { bestValLoss, bestEpoch, epochsWithoutImprovement } = state;
      if (monitored < bestValLoss - minDelta) {
        bestValLoss = monitored;
        bestEpoch = epoch;
        epochsWithoutImprovement = 0;
        best?.forEach((t) => t.dispose());
        best = allVariables.map((v) => tf.clone(v));
      } else {
        epochsWithoutImprovement++;
      }
      stoppedEarly = patience !== undefined && epochsWithoutImprovement >= patience;
      const finished = stoppedEarly || epoch + 1 >= settings.epochs;
      if (finished && best) allVariables.forEach((v, i) => v.assign(best![i]!));
      state = { epochsDone: epoch + 1, bestValLoss, bestEpoch, epochsWithoutImprovement, finished };
      await saveCheckpoint(job.files, job.checkpointDir, allVariables, optimizer, state, best);
      job.onEpoch({
        epoch: epoch + 1,
        epochs: settings.epochs,
        loss,
        ...(kd
          ? {
              lossTerms: {
                soft: softSum / Math.max(1, batches),
                hard: hardSum / Math.max(1, batches),
                ...(job.hint ? { feature: featureSum / Math.max(1, batches) } : {}),
              },
            }
          : {}),
        trainAccuracy: correct / Math.max(1, seenLabeled),
        ...(valLoss === undefined ? {} : { valLoss, valAccuracy }),
        learningRate,
        samplesPerSecond: count / Math.max(seconds, 1e-9),
      });
    }
    if (state.finished && saved?.finished && best) allVariables.forEach((v, i) => v.assign(best![i]!));
  } finally {
    restoreMathRandom();
    best?.forEach((t) => t.dispose());
    optimizer.dispose();
  }
  return {
    epochsRun: state.epochsDone,
    bestEpoch: state.bestEpoch + 1,
    stoppedEarly,
    ...(resumedFrom === undefined ? {} : { resumedFrom }),
  };
}
