/**
 * `risk/ignored-setting`: `compression.quantization.fine_tune_epochs` written without `aware: true`. Those epochs
 * are the quantization-aware fine-tuning's; post-training quantization does not train, so the value is never read
 * (the trainer's plan counts them only with `aware`). Only a key the text sets is flagged: the schema default is
 * always present in the parsed config.
 */
import type { Rule } from '../analysis/rule';
import { configSection, QUANTIZATION_AWARE } from '../rule-helpers/config-section';
import { setValueEdit } from '../rule-helpers/edits';
import { fix, risk } from '../rule-helpers/report';

const EPOCHS = ['compression', 'quantization', 'fine_tune_epochs'];

export const epochsWithoutAwareRule: Rule = {
  codes: ['risk/ignored-setting'],
  check(ctx) {
    const compression = configSection(ctx, 'compression');
    const quantization = compression?.quantization;
    // Next to a target the whole section is ignored (target-replaces-sections says so once).
    if (!quantization || compression?.target || quantization.aware === true || !ctx.parsed.sourceMap.has(EPOCHS))
      return [];
    // float16 with aware is itself flagged (risk/ignored-setting on `aware`), so that fix is not offered there.
    const turnOn =
      quantization.dtype === 'float16'
        ? undefined
        : fix('Turn on quantization-aware training', [setValueEdit(ctx.parsed, QUANTIZATION_AWARE, 'true')], true);
    return [
      risk(
        ctx,
        'risk/ignored-setting',
        EPOCHS,
        '`fine_tune_epochs` is the length of quantization-aware fine-tuning, which runs only with `aware: true`: post-training quantization does not train, so this value is ignored. Set `aware: true` to use it, or remove it.',
        {
          source: 'The trainer: quantization fine-tunes only when `compression.quantization.aware` is true.',
          fixes: [turnOn],
          atKey: true,
        },
      ),
    ];
  },
};
