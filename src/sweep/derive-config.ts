/**
 * Writes the config of one trial: the original text with the trial's values set at their paths, the `sweep`
 * section removed (a trial is an ordinary run), and file paths made absolute (the derived file lives in the
 * trial's run directory). Comments and layout of the original survive, so the trial config reads like it.
 */
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import type { SweepValue } from '../core/protocol/sweep';
import { resolveSweepTarget } from '../core/schema/sweep-target';
import { distillSchema } from '../core/schema/distill-schema';
import { absolutizePaths } from './absolute-paths';
import { SweepError } from '../core/sweep-error';

export function deriveTrialConfig(
  configText: string,
  configPath: string,
  params: Readonly<Record<string, SweepValue>>,
  label: string,
): string {
  const document = parseDocument(configText, { version: '1.2' });
  if (document.errors.length > 0)
    throw new SweepError(`${configPath}: YAML syntax: ${document.errors[0]!.message.split('\n')[0]}`);
  const rawConfig: unknown = document.toJS();
  for (const [dotted, value] of Object.entries(params)) {
    const resolved = resolveSweepTarget(dotted, rawConfig);
    if (!resolved.ok) throw new SweepError(`Sweep parameter \`${dotted}\`: ${resolved.message}`);
    document.setIn(resolved.segments, value);
  }
  document.delete('sweep');
  absolutizePaths(document.contents, distillSchema, path.dirname(path.resolve(configPath)));
  const settings = Object.entries(params)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ');
  const header = ` ${label}, derived from ${path.resolve(configPath)}\n ${settings}`;
  document.commentBefore = document.commentBefore ? `${header}\n${document.commentBefore}` : header;
  return document.toString({ lineWidth: 0 });
}
