/**
 * `risk/ignored-setting`: `compression.quantization.aware: true` with `dtype: float16`. Quantization-aware
 * training teaches the student weights that survive integer rounding (per-channel int8 / int4 scales); half
 * precision keeps about three significant digits, so float16 post-training quantization already changes accuracy
 * negligibly and the aware fine-tuning's epochs buy nothing. Source: Micikevicius et al. 2018, "Mixed precision
 * training" (float16 weights keep accuracy); Jacob et al. 2018 (quantization-aware training for integer weights).
 */
import type { Rule } from '../analysis/rule';
import { configSection, QUANTIZATION_AWARE, useInt8Fix } from '../rule-helpers/config-section';
import { setValueEdit } from '../rule-helpers/edits';
import { fix, risk } from '../rule-helpers/report';

export const awareFloat16Rule: Rule = {
  codes: ['risk/ignored-setting'],
  check(ctx) {
    const compression = configSection(ctx, 'compression');
    const quantization = compression?.quantization;
    // Next to a target the whole section is ignored (target-replaces-sections says so once).
    if (compression?.target || quantization?.aware !== true || quantization.dtype !== 'float16') return [];
    return [
      risk(
        ctx,
        'risk/ignored-setting',
        QUANTIZATION_AWARE,
        `Quantization-aware training fine-tunes the student for integer weights (int8, int4); float16 keeps the weights almost exactly, so its ${quantization.fine_tune_epochs} epoch(s) of aware fine-tuning cost time and change nothing useful. Turn \`aware\` off, or quantize to int8 and keep it.`,
        {
          source:
            'Micikevicius et al. 2018, "Mixed precision training" (float16 weights keep accuracy); Jacob et al. 2018 (quantization-aware training for integer weights)',
          fixes: [
            fix('Turn off quantization-aware training', [setValueEdit(ctx.parsed, QUANTIZATION_AWARE, 'false')], true),
            useInt8Fix(ctx),
          ],
        },
      ),
    ];
  },
};
