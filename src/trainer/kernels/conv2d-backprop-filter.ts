/**
 * Conv2DBackpropFilter for the wasm backend, which does not ship it (any conv2d layer in training needs it).
 * im2col: the input patches are laid out as a [kh*kw*inChannels, batch*outH*outW] matrix (already transposed,
 * so the multiply below needs no slow transposed matmul), then one wasm BatchMatMul with dy reshaped to
 * [batch*outH*outW, outChannels] yields the filter gradient. NHWC only, like the layers API produces.
 */
import * as tf from '@tensorflow/tfjs';
import type { Conv2DBackpropFilterAttrs, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { asWasmBackend, tensorInfo } from './wasm-backend-view';

export function makeConv2DBackpropFilter(matMul: KernelConfig): KernelConfig {
  const kernelFunc: KernelFunc = ({ inputs, backend, attrs }) => {
    const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
    const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as Conv2DBackpropFilterAttrs;
    if (dataFormat !== 'NHWC')
      throw new Error(`Conv2DBackpropFilter (wasm, Distillery): only NHWC is supported, got ${dataFormat}.`);
    const view = asWasmBackend(backend);
    const info = tf.backend_util.computeConv2DInfo(
      x.shape as [number, number, number, number],
      filterShape,
      strides,
      1,
      pad,
      dimRoundingMode,
      false,
      'channelsLast',
    );
    const {
      batchSize,
      inHeight,
      inWidth,
      inChannels,
      outHeight,
      outWidth,
      outChannels,
      filterHeight,
      filterWidth,
      strideHeight,
      strideWidth,
      dilationHeight,
      dilationWidth,
    } = info;
    const top = info.padInfo.top;
    const left = info.padInfo.left;
    const xValues = view.readSync(x.dataId);
    const columns = batchSize * outHeight * outWidth;
    const rows = filterHeight * filterWidth * inChannels;
    const patches = new Float32Array(rows * columns);
    for (let n = 0; n < batchSize; n++) {
      for (let oh = 0; oh < outHeight; oh++) {
        for (let ow = 0; ow < outWidth; ow++) {
          const column = (n * outHeight + oh) * outWidth + ow;
          for (let kh = 0; kh < filterHeight; kh++) {
            const ih = oh * strideHeight - top + kh * dilationHeight;
            if (ih < 0 || ih >= inHeight) continue;
            for (let kw = 0; kw < filterWidth; kw++) {
              const iw = ow * strideWidth - left + kw * dilationWidth;
              if (iw < 0 || iw >= inWidth) continue;
              const source = ((n * inHeight + ih) * inWidth + iw) * inChannels;
              const rowBase = (kh * filterWidth + kw) * inChannels;
              for (let c = 0; c < inChannels; c++) patches[(rowBase + c) * columns + column] = xValues[source + c]!;
            }
          }
        }
      }
    }
    const patchesId = view.write(patches, [rows, columns], 'float32');
    try {
      const result = (matMul.kernelFunc as KernelFunc)({
        inputs: { a: tensorInfo(patchesId, [rows, columns]), b: tensorInfo(dy.dataId, [columns, outChannels]) },
        backend: backend as never,
        attrs: { transposeA: false, transposeB: false },
      }) as TensorInfo;
      (result as { shape: number[] }).shape = [...filterShape];
      return result;
    } finally {
      view.disposeData(patchesId);
    }
  };
  return { kernelName: tf.Conv2DBackpropFilter, backendName: 'wasm', kernelFunc };
}
