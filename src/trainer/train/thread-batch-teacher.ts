/**
 * A batch teacher that runs in its own thread (see ../teacher-thread.ts): `outputs` posts the batch and
 * resolves when the thread has labelled it, so a training loop that asks for the next batch's labels before
 * stepping on this one (see batch-prefetch.ts) keeps both cores busy. Same backend and kernels as this thread:
 * the same outputs as the in-thread teacher.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import type { BackendPreference } from '../backend/select-backend';
import type { TeacherThreadInit, TeacherThreadMessage, TeacherThreadRequest } from '../teacher-thread-protocol';
import type { BatchTeacher, BatchTeacherOutputs } from './batch-teacher';

export interface ThreadBatchTeacher extends BatchTeacher {
  /** The backend the thread runs on. */
  readonly backend: string;
  /** Ends the thread (batches still being labelled are refused). */
  dispose(): Promise<void>;
}

/**
 * The bundles start dist/teacher-thread.js; source runs (tsx: tests, benchmarks) load teacher-thread.ts
 * through tsx's require hook (a worker's `--import tsx` does not reach its entry module).
 */
function startThread(init: TeacherThreadInit): Worker {
  if (!__filename.endsWith('.ts')) return new Worker(path.join(__dirname, 'teacher-thread.js'), { workerData: init });
  const entry = path.join(__dirname, '..', 'teacher-thread.ts');
  return new Worker(`require('tsx/cjs'); require(${JSON.stringify(entry)});`, { eval: true, workerData: init });
}

/** The backends that compute on one thread, where a second thread for the teacher adds a core. */
function threadBackend(): BackendPreference | undefined {
  const name = tf.getBackend();
  return name === 'wasm' || name === 'cpu' ? name : undefined;
}

async function inMemory(model: tf.LayersModel): Promise<tf.io.ModelArtifacts> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler((artifacts) => {
      saved = artifacts;
      return Promise.resolve({ modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } });
    }),
  );
  return saved!;
}

/**
 * Starts the teacher thread for `model` (or `extractor`: logits first, then each hinted layer), or returns why
 * it cannot (a backend that is already multi-threaded, a layer the thread cannot rebuild): the caller then
 * asks the teacher on this thread.
 */
export async function startThreadBatchTeacher(
  model: tf.LayersModel,
  outputsProbabilities: boolean,
  extractor?: tf.LayersModel,
): Promise<ThreadBatchTeacher | string> {
  const backend = threadBackend();
  if (!backend) return `the ${tf.getBackend()} backend already uses every core`;
  let artifacts: tf.io.ModelArtifacts;
  try {
    artifacts = await inMemory(extractor ?? model);
  } catch (error) {
    return `the teacher cannot be copied to another thread (${error instanceof Error ? error.message : String(error)})`;
  }
  const worker = startThread({ backend, artifacts, outputsProbabilities });
  worker.unref(); // never keeps the trainer alive
  const pending = new Map<number, { resolve: (o: BatchTeacherOutputs) => void; reject: (e: Error) => void }>();
  let failure: Error | undefined;
  const fail = (error: Error): void => {
    failure ??= error;
    for (const p of pending.values()) p.reject(failure);
    pending.clear();
  };
  const ready = new Promise<string>((resolve, reject) => {
    worker.on('message', (message: TeacherThreadMessage) => {
      if (message.kind === 'ready') resolve(message.backend);
      else if (message.kind === 'failed') {
        const error = new Error(`The teacher thread failed: ${message.error}`);
        reject(error);
        fail(error);
      } else {
        const waiting = pending.get(message.id);
        pending.delete(message.id);
        const [logits, ...features] = message.outputs.map((o) => tf.tensor2d(o.values, o.shape));
        waiting?.resolve({ logits: logits!, features });
      }
    });
    worker.on('error', (error) => {
      reject(error);
      fail(error);
    });
    worker.on('exit', (code) => {
      const error = new Error(`The teacher thread ended (exit code ${code}).`);
      reject(error);
      fail(error);
    });
  });
  let threadBackendName: string;
  try {
    threadBackendName = await ready;
  } catch (error) {
    await worker.terminate();
    return error instanceof Error ? error.message : String(error);
  }
  let nextId = 0;
  return {
    backend: threadBackendName,
    outputs(x) {
      if (failure) return Promise.reject(failure);
      const request: TeacherThreadRequest = { id: nextId++, x: Float32Array.from(x.dataSync()), shape: x.shape };
      return new Promise<BatchTeacherOutputs>((resolve, reject) => {
        pending.set(request.id, { resolve, reject });
        worker.postMessage(request, [request.x.buffer as ArrayBuffer]);
      });
    },
    async dispose() {
      fail(new Error('The teacher thread was stopped.'));
      await worker.terminate();
    },
  };
}
