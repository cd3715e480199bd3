/**
 * A top-level section of the config as rules read it, and the quantization settings several rules point at.
 * The typed config promises every section, but a document whose root is not a mapping parses to a config
 * without them: rules then have nothing to warn about, so they read sections through here.
 */
import type { RuleContext } from '../analysis/rule';
import type { DistillConfig } from '../config/types';
import type { Fix } from '../diagnostics';
import { setValueEdit } from './edits';
import { fix } from './report';

export function configSection<K extends keyof DistillConfig>(ctx: RuleContext, key: K): DistillConfig[K] | undefined {
  return ctx.config[key] as DistillConfig[K] | undefined;
}

export const QUANTIZATION_DTYPE = ['compression', 'quantization', 'dtype'];
export const QUANTIZATION_AWARE = ['compression', 'quantization', 'aware'];

/** The quick fix that stores the weights as int8, which loses almost no accuracy without quantization-aware training. */
export function useInt8Fix(ctx: RuleContext): Fix | undefined {
  return fix('Use int8', [setValueEdit(ctx.parsed, QUANTIZATION_DTYPE, 'int8')]);
}
