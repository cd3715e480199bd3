/**
 * Makes the wasm backend fit for training, through tfjs's own kernel registry: a transpose-free BatchMatMul
 * and the missing Conv2DBackpropFilter. Idempotent; returns the names of the kernels it registered.
 */
import * as tf from '@tensorflow/tfjs';
import { makeConv2DBackpropFilter } from './conv2d-backprop-filter';
import { makeTransposeFreeMatMul } from './transpose-free-matmul';

let registered: readonly string[] | undefined;

export function registerWasmFixes(): readonly string[] {
  if (registered) return registered;
  const matMul = tf.getKernel(tf.BatchMatMul, 'wasm');
  const transpose = tf.getKernel(tf.Transpose, 'wasm');
  if (!matMul || !transpose)
    throw new Error('The wasm backend lacks BatchMatMul or Transpose; cannot register kernel fixes.');
  const names: string[] = [];
  tf.unregisterKernel(tf.BatchMatMul, 'wasm');
  tf.registerKernel(makeTransposeFreeMatMul(matMul, transpose));
  names.push('BatchMatMul (transpose-free)');
  if (!tf.getKernel(tf.Conv2DBackpropFilter, 'wasm')) {
    tf.registerKernel(makeConv2DBackpropFilter(matMul));
    names.push('Conv2DBackpropFilter (im2col)');
  }
  registered = names;
  return names;
}
