/**
 * The shipped-latency process: a fresh Node process that loads stock @tensorflow/tfjs and the backend the
 * trainer ran on, and nothing of Distillery's that touches TF.js kernels (no kernel registrations, no backend
 * selection with fixes), so the times are those a user's own process would see. It receives one job, times the
 * files (eval/shipped-latency's timeModelFiles: warm-up, interleaved calls, medians and spread), then the job's
 * ONNX models with onnxruntime-node by the same method (eval/onnx-latency), and replies once.
 */
import * as tf from '@tensorflow/tfjs';
import { timeOnnxModels } from './eval/onnx-latency';
import { timeModelFiles } from './eval/shipped-latency';
import type { OnnxReply, ShippedLatencyJob, ShippedLatencyReply, StockBackend } from './shipped-latency-protocol';

function reply(message: ShippedLatencyReply): Promise<void> {
  return new Promise((resolve) => {
    if (process.send) process.send(message, () => resolve());
    else resolve();
  });
}

async function startBackend(name: StockBackend): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (name === 'tensorflow') require('@tensorflow/tfjs-node');
  if (name === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
  const started = await tf.setBackend(name);
  await tf.ready();
  if (!started || tf.getBackend() !== name)
    throw new Error(`the ${name} backend did not start in the measuring process (it is on ${tf.getBackend()})`);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The ONNX models, after the TF.js files (onnxruntime's threads are idle while TF.js is timed, and vice versa). */
async function timeOnnx(job: ShippedLatencyJob): Promise<OnnxReply | undefined> {
  if (!job.onnx?.length) return undefined;
  try {
    const input = { sample: job.sample, inputShape: job.inputShape, batchSize: job.batchSize };
    return { kind: 'timed', ...(await timeOnnxModels(job.onnx, input, job.repetitions)) };
  } catch (error) {
    return { kind: 'failed', error: errorText(error) };
  }
}

async function run(job: ShippedLatencyJob): Promise<ShippedLatencyReply> {
  try {
    await startBackend(job.backend);
    const { batchSize, warmup, timed } = await timeModelFiles(
      job.files,
      { sample: job.sample, inputShape: job.inputShape, batchSize: job.batchSize },
      job.repetitions,
    );
    const onnx = await timeOnnx(job);
    return {
      kind: 'timed',
      runtime: `@tensorflow/tfjs ${tf.version.tfjs}`,
      backend: tf.getBackend(),
      batchSize,
      warmup,
      timed,
      ...(onnx ? { onnx } : {}),
    };
  } catch (error) {
    return { kind: 'failed', error: errorText(error) };
  }
}

// stdout is not the trainer's event stream here, but TF.js banners belong with diagnostics all the same.
console.log = console.warn;
process.once('message', (job: ShippedLatencyJob) => {
  void run(job).then(async (message) => {
    await reply(message);
    process.disconnect();
  });
});
// The trainer going away ends this process too.
process.on('disconnect', () => process.exit(0));
