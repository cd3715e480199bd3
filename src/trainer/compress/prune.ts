/**
 * Magnitude pruning (Han et al. 2015): in every dense and conv kernel, the `sparsity` share of weights with
 * the smallest magnitude is set to zero and held there by a mask re-applied after each fine-tuning step.
 * Biases and normalisation parameters are left dense (they are few and pruning them hurts most).
 */
import * as tf from '@tensorflow/tfjs';

export interface PruningMasks {
  /** Re-applies the masks (call after every optimizer step). */
  apply(): void;
  dispose(): void;
  /** Zero share over the pruned kernels. */
  sparsity(): number;
}

function prunableKernels(model: tf.LayersModel): tf.Variable[] {
  return (
    model.layers
      .filter((l) => l.getClassName() === 'Dense' || l.getClassName() === 'Conv2D')
      // originalName: `name` gets a uniqueness suffix (kernel_3) when several models share layer names.
      .map((l) => l.weights.find((w) => w.originalName.endsWith('kernel'))?.read() as tf.Variable | undefined)
      .filter((v): v is tf.Variable => v !== undefined)
  );
}

/** Mask keeping all but the `sparsity` share of smallest-magnitude entries (exact count, ties broken by index). */
export function magnitudeMask(values: Float32Array | Int32Array | Uint8Array, sparsity: number): Float32Array {
  const order = Array.from(values, (v, i) => [Math.abs(v), i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const mask = new Float32Array(values.length).fill(1);
  const drop = Math.floor(values.length * sparsity);
  for (let k = 0; k < drop; k++) mask[order[k]![1]] = 0;
  return mask;
}

export function pruneModel(model: tf.LayersModel, sparsity: number): PruningMasks {
  const kernels = prunableKernels(model);
  const masks = kernels.map((kernel) =>
    tf.tensor(magnitudeMask(kernel.dataSync() as Float32Array, sparsity), kernel.shape),
  );
  const apply = (): void => tf.tidy(() => kernels.forEach((kernel, i) => kernel.assign(kernel.mul(masks[i]!))));
  apply();
  return {
    apply,
    dispose: () => masks.forEach((m) => m.dispose()),
    sparsity: () => {
      let zeros = 0;
      let total = 0;
      for (const kernel of kernels) {
        const values = kernel.dataSync();
        total += values.length;
        for (let i = 0; i < values.length; i++) if (values[i] === 0) zeros++;
      }
      return total ? zeros / total : 0;
    },
  };
}
