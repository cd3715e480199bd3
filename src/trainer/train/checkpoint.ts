/**
 * One checkpoint per (role, seed), rewritten after every epoch: the model (TF.js format), the optimizer's
 * slots, the best weights so far (for early stopping) and the loop state. Each file is replaced atomically,
 * and `state.json` is written last, so a process killed at any moment leaves a consistent previous epoch.
 */
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { TrainerError } from '../run/errors';
import type { RunFiles } from '../run/run-files';

interface NamedTensor {
  name: string;
  tensor: tf.Tensor;
}

export interface LoopState {
  /** Epochs completed (the next epoch to run, 0-based). */
  readonly epochsDone: number;
  readonly bestValLoss: number;
  readonly bestEpoch: number;
  readonly epochsWithoutImprovement: number;
  readonly finished: boolean;
  /** Optimizer steps and examples seen so far (absent in checkpoints written before they were counted). */
  readonly steps?: number;
  readonly examplesSeen?: number;
}

async function encode(tensors: NamedTensor[]): Promise<{ data: Uint8Array; specs: tf.io.WeightsManifestEntry[] }> {
  const { data, specs } = await tf.io.encodeWeights(tensors);
  return { data: new Uint8Array(data), specs };
}

/** Bytes the entries of a checkpoint manifest need (float32 and int32: 4 bytes an element, bool 1). */
function expectedBytes(specs: readonly tf.io.WeightsManifestEntry[]): number {
  return specs.reduce((sum, s) => sum + (s.dtype === 'bool' ? 1 : 4) * s.shape.reduce((n, d) => n * d, 1), 0);
}

function decode(files: RunFiles, dir: string, name: string): NamedTensor[] {
  const manifest = path.join(dir, `${name}.json`);
  const weights = path.join(dir, `${name}.bin`);
  const damaged = (file: string, why: string): TrainerError =>
    new TrainerError(
      `The checkpoint file ${files.resolve(file)} is damaged: ${why}.`,
      'Run again without --resume to start this run over (the damaged checkpoint is replaced).',
      'checkpoint-damaged',
    );
  let specs: tf.io.WeightsManifestEntry[];
  try {
    specs = JSON.parse(files.readText(manifest)) as tf.io.WeightsManifestEntry[];
    if (!Array.isArray(specs) || !specs.every((s) => typeof s?.name === 'string' && Array.isArray(s.shape)))
      throw new Error('not a list of weight entries');
  } catch (error) {
    if (error instanceof TrainerError) throw error;
    throw damaged(manifest, error instanceof Error ? error.message : String(error));
  }
  let bytes: Uint8Array;
  try {
    bytes = files.readBytes(weights);
  } catch (error) {
    if (error instanceof TrainerError) throw error;
    throw damaged(weights, error instanceof Error ? error.message : String(error));
  }
  const expected = expectedBytes(specs);
  if (bytes.byteLength !== expected)
    throw damaged(weights, `it holds ${bytes.byteLength} bytes where ${manifest} lists ${expected}`);
  const map = tf.io.decodeWeights(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    specs,
  );
  return specs.map((s) => ({ name: s.name, tensor: map[s.name]! }));
}

async function writeTensors(files: RunFiles, dir: string, name: string, tensors: NamedTensor[]): Promise<void> {
  const { data, specs } = await encode(tensors);
  files.writeFile(path.join(dir, `${name}.bin`), data);
  files.writeFile(path.join(dir, `${name}.json`), JSON.stringify(specs));
}

const namedWeights = (variables: readonly tf.Variable[]): NamedTensor[] =>
  variables.map((v, i) => ({ name: `w${i}`, tensor: v }));

export async function saveCheckpoint(
  files: RunFiles,
  dir: string,
  variables: readonly tf.Variable[],
  optimizer: tf.Optimizer,
  state: LoopState,
  best?: readonly tf.Tensor[],
): Promise<void> {
  await writeTensors(files, dir, 'weights', namedWeights(variables));
  await writeTensors(files, dir, 'optimizer', await optimizer.getWeights());
  if (best)
    await writeTensors(
      files,
      dir,
      'best',
      best.map((tensor, i) => ({ name: `w${i}`, tensor })),
    );
  files.writeFile(path.join(dir, 'state.json'), JSON.stringify(state, null, 2));
}

export function readState(files: RunFiles, dir: string): LoopState | undefined {
  const file = path.join(dir, 'state.json');
  if (!files.exists(file)) return undefined;
  try {
    return JSON.parse(files.readText(file)) as LoopState;
  } catch {
    return undefined;
  }
}

/** Restores weights and optimizer slots; returns the best weights if they were saved. */
export async function restoreCheckpoint(
  files: RunFiles,
  dir: string,
  variables: readonly tf.Variable[],
  optimizer: tf.Optimizer,
): Promise<tf.Tensor[] | undefined> {
  const weights = decode(files, dir, 'weights');
  if (weights.length !== variables.length)
    throw new Error(`Checkpoint ${dir} holds ${weights.length} weights, the model has ${variables.length}.`);
  weights.forEach((w, i) => {
    variables[i]!.assign(w.tensor);
    w.tensor.dispose();
  });
  await optimizer.setWeights(decode(files, dir, 'optimizer'));
  if (!files.exists(path.join(dir, 'best.json'))) return undefined;
  return decode(files, dir, 'best').map((w) => w.tensor);
}
