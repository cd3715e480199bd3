/**
 * `risk/aggressive-quantization`: weights stored with fewer than 8 bits (`int4`) by post-training quantization
 * alone. Source: Jacob et al. 2018 (8-bit integer inference with little accuracy loss; quantization-aware
 * training) and Krishnamoorthi 2018, "Quantizing deep convolutional networks for efficient inference: A
 * whitepaper": post-training 8-bit weights lose little, 4-bit post-training weights lose markedly without
 * quantization-aware training. Threshold: 8 bits. The remedies are the two quick fixes: quantization-aware
 * training (`aware: true`, which keeps int4's size; with it the warning goes, and the report compares the two),
 * or int8.
 */
import type { Rule } from '../analysis/rule';
import { configSection, QUANTIZATION_AWARE, QUANTIZATION_DTYPE, useInt8Fix } from '../rule-helpers/config-section';
import { setValueEdit } from '../rule-helpers/edits';
import { fix, risk } from '../rule-helpers/report';

const BITS: Readonly<Record<string, number>> = { float16: 16, int8: 8, int4: 4 };

export const aggressiveQuantizationRule: Rule = {
  codes: ['risk/aggressive-quantization'],
  check(ctx) {
    const compression = configSection(ctx, 'compression');
    const dtype = compression?.quantization?.dtype;
    const bits = dtype === undefined ? undefined : BITS[dtype];
    if (bits === undefined || bits >= 8 || compression?.quantization?.aware === true) return [];
    return [
      risk(
        ctx,
        'risk/aggressive-quantization',
        QUANTIZATION_DTYPE,
        `${dtype} keeps ${bits} bits per weight: post-training quantization below 8 bits often costs accuracy markedly (a small student has little redundancy to absorb it). Quantization-aware training (\`aware: true\`) fine-tunes the student with its weights rounded as they will be stored; int8 is near-lossless in practice.`,
        {
          source:
            'Krishnamoorthi 2018, "Quantizing deep convolutional networks for efficient inference: A whitepaper"; Jacob et al. 2018',
          fixes: [
            fix('Use quantization-aware training', [setValueEdit(ctx.parsed, QUANTIZATION_AWARE, 'true')], true),
            useInt8Fix(ctx),
          ],
        },
      ),
    ];
  },
};
