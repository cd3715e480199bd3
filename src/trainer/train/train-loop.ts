/**
 * The training loop shared by teacher, baseline, student, pruning and quantization-aware fine-tuning: seeded shuffles and
 * dropout, a learning-rate schedule, labels-only or distillation loss (plus feature hints), validation,
 * early stopping with best-weight restore, a checkpoint after every epoch, resume, and a stop on NaN/inf.
 */
import * as tf from '@tensorflow/tfjs';
import type { OptimizerSettings } from '../../core/config/types';
import type { ModelRole } from '../../core/protocol/run-events';
import type { Dataset, Examples } from '../data/dataset';
import type { BatchAugmenter } from '../augment/batch-augmenter';
import { distillationLossWithHard, type KdSettings, mixedCrossEntropy } from '../distill/kd-loss';
import { mixSeed } from '../random/prng';
import { restoreMathRandom, seedMathRandom } from '../random/seeded-math-random';
import { CancelledError, TrainerError } from '../run/errors';
import type { RunFiles } from '../run/run-files';
import { createBatchPrefetch } from './batch-prefetch';
import { assembleBatch, type Batch, type BatchInputs, disposeBatch } from './batch-source';
import type { BatchTeacher } from './batch-teacher';
import { epochOrderForSteps } from './batches';
import { type LoopState, readState, restoreCheckpoint, saveCheckpoint } from './checkpoint';
import { createOptimizer } from './optimizer';
import { predictAll } from './predict';
import { learningRateAt } from './schedule';
import { logitStats } from './validation';

export interface HintPair {
  /** Learned linear map from the student's feature width to the teacher's (absent when widths match). */
  readonly projection?: tf.layers.Layer;
  /** Teacher features for every training example [n, width], read per batch; absent when the teacher is asked per batch. */
  readonly teacherFeatures?: Examples;
  readonly width: number;
  readonly weight: number;
}

export interface HintSetup {
  /** Same weights as the model; outputs the logits, then each hinted layer's output in `pairs` order. */
  readonly model: tf.LayersModel;
  readonly pairs: readonly HintPair[];
}

/** The training split as the loop reads it (see BatchInputs), and optionally a teacher asked per batch. */
export interface TrainingData extends BatchInputs {
  /** The teacher asked on every (augmented) batch instead of `teacherLogits`: function matching. */
  readonly batchTeacher?: BatchTeacher;
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
  /** Optimizer steps so far, this epoch's included. */
  readonly steps: number;
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
  /**
   * Variables outside the model that are saved, restored and rolled back to the best epoch with its weights but
   * not trained by the optimizer (quantization-aware training's float weights, which `afterStep` updates).
   */
  readonly heldVariables?: readonly tf.Variable[];
  /** Augments every training batch (seeded by seed, epoch and batch). */
  readonly augmenter?: BatchAugmenter;
  /**
   * Optimizer steps per epoch when more than one pass over the data gives (the baseline matching the student's
   * steps over its smaller labelled set); absent: one pass.
   */
  readonly stepsPerEpoch?: number;
}

export interface TrainOutcome {
  readonly epochsRun: number;
  /** Optimizer steps and examples seen over every epoch run (resumed epochs included). */
  readonly steps: number;
  readonly examplesSeen: number;
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
  const allVariables = [...owners.flatMap(variablesOf), ...(job.heldVariables ?? [])];
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
  const mask = data.labeledMask;
  const kd = (data.teacherLogits || data.batchTeacher) && job.kd ? job.kd : undefined;
  const patience = settings.early_stopping?.patience;
  const minDelta = settings.early_stopping?.min_delta ?? 0;
  let stoppedEarly = false;
  const prefetch = createBatchPrefetch();
  const distill = !kd ? 'none' : data.batchTeacher ? 'per-batch' : 'precomputed';
  try {
    for (let epoch = state.epochsDone; epoch < settings.epochs && !state.finished; epoch++) {
      const learningRate = learningRateAt(settings, epoch);
      setLearningRate(learningRate);
      seedMathRandom(mixSeed(job.seed, epoch, job.role.length));
      const order = epochOrderForSteps(
        count,
        mixSeed(job.seed, job.role.length),
        epoch,
        settings.batch_size,
        job.stepsPerEpoch,
      );
      const started = performance.now();
      let lossSum = 0,
        softSum = 0,
        hardSum = 0,
        featureSum = 0,
        correct = 0,
        seenLabeled = 0,
        batches = 0;
      let examples = 0;
      // The next batch's rows are requested before this step runs, so a dataset on disk is read while training computes.
      const request = (start: number): Promise<Float32Array> | undefined => {
        if (start >= order.length) return undefined;
        const rows = data.x.rowsAsync(order.slice(start, start + settings.batch_size));
        rows.catch(() => undefined); // a batch skipped below is never awaited (its rows are not needed)
        return rows;
      };
      let prefetched = request(0);
      for (let start = 0, batchIndex = 0; start < order.length; start += settings.batch_size, batchIndex++) {
        const rows = prefetched;
        prefetched = request(start + settings.batch_size);
        // Training is synchronous work on this thread: yield to the event loop so SIGINT/SIGTERM handlers can run.
        await new Promise<void>((resolve) => setImmediate(resolve));
        const cancelled = job.isCancelled();
        if (cancelled) throw new CancelledError(cancelled);
        const indices = order.slice(start, start + settings.batch_size);
        if (!kd && mask && !indices.some((i) => mask[i]! > 0)) continue;
        const assembleAt = (from: number, index: number, fromRows: Promise<Float32Array> | undefined) => () =>
          assembleBatch({
            data,
            indices: order.slice(from, from + settings.batch_size),
            seed: job.seed,
            epoch,
            batchIndex: index,
            ...(fromRows ? { prefetched: fromRows } : {}),
            distill,
            ...(job.augmenter ? { augmenter: job.augmenter } : {}),
            ...(data.batchTeacher ? { teacher: data.batchTeacher } : {}),
          });
        const batch = await prefetch.take(batchIndex, assembleAt(start, batchIndex, rows));
        const next = start + settings.batch_size;
        if (distill === 'per-batch' && next < order.length) {
          // The teacher labels the next batch (in its own thread, when it has one) while this one trains: one turn
          // of the event loop lets that batch reach the teacher before this step occupies the thread.
          prefetch.ahead(batchIndex + 1, assembleAt(next, batchIndex + 1, prefetched));
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
        try {
          tf.tidy(() => {
            optimizer.minimize(
              () => {
                const step = stepLoss(job, batch, kd, indices);
                softSum += step.soft;
                hardSum += step.hard;
                featureSum += step.feature;
                const predicted = step.logits.argMax(1).dataSync();
                predicted.forEach((p, i) => {
                  if (!batch.scored[i]) return;
                  seenLabeled++;
                  if (p === batch.scoredLabels[i]) correct++;
                });
                const value = step.loss.dataSync()[0]!;
                assertFinite(value, job, epoch);
                lossSum += value;
                return step.loss;
              },
              false,
              trainable,
            );
          });
        } finally {
          disposeBatch(batch);
        }
        job.afterStep?.();
        batches++;
        examples += indices.length;
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
      state = {
        epochsDone: epoch + 1,
        bestValLoss,
        bestEpoch,
        epochsWithoutImprovement,
        finished,
        steps: (state.steps ?? 0) + batches,
        examplesSeen: (state.examplesSeen ?? 0) + examples,
      };
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
        samplesPerSecond: examples / Math.max(seconds, 1e-9),
        steps: state.steps ?? 0,
      });
    }
    if (state.finished && saved?.finished && best) allVariables.forEach((v, i) => v.assign(best![i]!));
  } finally {
    await prefetch.drain();
    restoreMathRandom();
    best?.forEach((t) => t.dispose());
    optimizer.dispose();
  }
  return {
    epochsRun: state.epochsDone,
    steps: state.steps ?? 0,
    examplesSeen: state.examplesSeen ?? 0,
    bestEpoch: state.bestEpoch + 1,
    stoppedEarly,
    ...(resumedFrom === undefined ? {} : { resumedFrom }),
  };
}

interface StepLoss {
  readonly logits: tf.Tensor2D;
  readonly loss: tf.Scalar;
  readonly soft: number;
  readonly hard: number;
  readonly feature: number;
}

/** The loss of one step (inside the optimizer's tape): labels-only or distillation, plus hint terms. */
function stepLoss(job: TrainJob, batch: Batch, kd: KdSettings | undefined, indices: readonly number[]): StepLoss {
  let logits: tf.Tensor2D;
  let featureLoss: tf.Scalar | undefined;
  if (job.hint) {
    const [out, ...features] = job.hint.model.apply(batch.x, { training: true }) as tf.Tensor[];
    logits = out as tf.Tensor2D;
    featureLoss = job.hint.pairs.reduce((sum: tf.Scalar, pair, p) => {
      let student = features[p]!.reshape([indices.length, -1]);
      if (pair.projection) student = pair.projection.apply(student) as tf.Tensor;
      const teacher =
        batch.teacherFeatures?.[p] ?? tf.tensor2d(pair.teacherFeatures!.rows(indices), [indices.length, pair.width]);
      return sum.add(tf.losses.meanSquaredError(teacher, student).mul(pair.weight));
    }, tf.scalar(0));
  } else {
    logits = job.model.apply(batch.x, { training: true }) as tf.Tensor2D;
  }
  const hard = mixedCrossEntropy(logits, batch.y, batch.weightOwn, batch.partner);
  let loss = hard;
  let soft = 0;
  if (kd) {
    const terms = distillationLossWithHard(logits, batch.teacherLogits!, hard, kd);
    soft = terms.soft.dataSync()[0]!;
    loss = terms.total;
  }
  const hardValue = kd ? hard.dataSync()[0]! : 0;
  let feature = 0;
  if (featureLoss) {
    feature = featureLoss.dataSync()[0]!;
    loss = loss.add(featureLoss);
  }
  return { logits, loss, soft, hard: hardValue, feature };
}
