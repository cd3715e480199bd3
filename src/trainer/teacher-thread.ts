/**
 * Teacher thread: runs the teacher's forward pass on augmented batches in a second thread, so the student's
 * optimizer step and the teacher's labelling of the next batch use both cores (the wasm backend computes on one
 * thread per TensorFlow.js instance, and each worker thread has its own). Inference only: no gradient tape,
 * no dropout.
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from './backend/select-backend';
import type { TeacherThreadInit, TeacherThreadMessage, TeacherThreadRequest } from './teacher-thread-protocol';

function post(message: TeacherThreadMessage, transfer: ArrayBuffer[] = []): void {
  parentPort?.postMessage(message, transfer);
}

function label(model: tf.LayersModel, init: TeacherThreadInit, request: TeacherThreadRequest): void {
  const count = request.shape[0]!;
  const tensors = tf.tidy(() => {
    // One pass over the whole batch (predict's default splits it in 32s, then concatenates).
    const raw = model.predict(tf.tensor(request.x, [...request.shape]), { batchSize: count });
    const [first, ...rest] = Array.isArray(raw) ? raw : [raw];
    const logits = init.outputsProbabilities ? tf.log(tf.maximum(first!, 1e-7)) : first!;
    return [logits, ...rest].map((t) => t.reshape([count, -1]));
  });
  const outputs = tensors.map((t) => ({
    values: t.dataSync() as Float32Array,
    shape: [count, t.shape[1]!] as [number, number],
  }));
  tf.dispose(tensors);
  post(
    { kind: 'outputs', id: request.id, outputs },
    outputs.map((o) => o.values.buffer as ArrayBuffer),
  );
}

async function main(): Promise<void> {
  const init = workerData as TeacherThreadInit;
  const choice = await selectBackend(init.backend);
  const model = await tf.loadLayersModel(tf.io.fromMemory(init.artifacts));
  parentPort?.on('message', (request: TeacherThreadRequest) => {
    try {
      label(model, init, request);
    } catch (error) {
      post({ kind: 'failed', error: error instanceof Error ? error.message : String(error) });
    }
  });
  post({ kind: 'ready', backend: choice.name });
}

main().catch((error: unknown) =>
  post({ kind: 'failed', error: error instanceof Error ? error.message : String(error) }),
);
