/**
 * Checks each swept parameter against the config it sweeps: the path must name a numeric or enum key that
 * exists (`unknown-key`, with a did-you-mean fix), every value must be legal for that key (`range`), numbers go
 * in `values` and names in `choices` (`type`), grid search needs lists, and a random range needs min < max
 * (and min > 0 on a log scale). Errors here would otherwise surface only when a trial's run fails.
 */
import type { Rule, RuleContext } from '../analysis/rule';
import type { ConfigPath } from '../config/source-map';
import type { Diagnostic } from '../diagnostics';
import { numberViolation, resolveSweepTarget } from '../schema/sweep-target';

const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

function checkParameter(
  context: RuleContext,
  raw: Record<string, unknown>,
  index: number,
  method: string,
  rawConfig: unknown,
  out: Diagnostic[],
): void {
  const base: ConfigPath = ['sweep', 'parameters', index];
  const at = (path: ConfigPath): Diagnostic['range'] => context.parsed.sourceMap.valueRange(path);
  const error = (path: ConfigPath, code: Diagnostic['code'], message: string, fixes?: Diagnostic['fixes']): void => {
    out.push({ range: at(path), severity: 'error', code, message, ...(fixes ? { fixes } : {}) });
  };
  const dotted = raw.path;
  if (typeof dotted !== 'string') return; // the schema already reports a missing or non-text path
  const resolved = resolveSweepTarget(dotted, rawConfig);
  if (!resolved.ok) {
    const fixes = resolved.suggestion
      ? [
          {
            title: `Change to '${resolved.suggestion}'`,
            edits: [{ range: at([...base, 'path']), newText: resolved.suggestion }],
            preferred: true,
          },
        ]
      : undefined;
    error([...base, 'path'], 'unknown-key', `Sweep parameter \`${dotted}\`: ${resolved.message}`, fixes);
    return;
  }
  const { target } = resolved;
  const values = Array.isArray(raw.values) ? raw.values : undefined;
  const choices = Array.isArray(raw.choices) ? raw.choices : undefined;
  const hasRange = raw.min !== undefined || raw.max !== undefined;
  if (target.kind === 'number' && choices) {
    error(
      [...base, 'choices'],
      'type',
      `\`${dotted}\` is numeric: list its numbers under \`values\`, not \`choices\`.`,
    );
    return;
  }
  if (target.kind === 'enum' && (values || hasRange)) {
    error(
      [...base, values ? 'values' : raw.min !== undefined ? 'min' : 'max'],
      'type',
      `\`${dotted}\` takes one of ${target.options.join(', ')}: list them under \`choices\`.`,
    );
    return;
  }
  if (!values && !choices && !hasRange) {
    error(
      [...base, 'path'],
      'missing-key',
      `Sweep parameter \`${dotted}\` needs ${target.kind === 'enum' ? '`choices`' : '`values`, or `min` and `max` (random search)'}.`,
    );
    return;
  }
  values?.forEach((value, j) => {
    if (typeof value !== 'number') return;
    const why = target.kind === 'number' ? numberViolation(target.node, value) : undefined;
    if (why) error([...base, 'values', j], 'range', `Sweep value ${value} for \`${dotted}\` ${why}.`);
  });
  choices?.forEach((choice, j) => {
    if (target.kind !== 'enum' || typeof choice !== 'string' || target.options.includes(choice)) return;
    error(
      [...base, 'choices', j],
      'range',
      `\`${dotted}\` must be one of ${target.options.join(', ')} (got "${choice}").`,
    );
  });
  const seen = new Set<string>();
  (values ?? choices ?? []).forEach((value, j) => {
    const key = String(value);
    if (seen.has(key))
      out.push({
        range: at([...base, values ? 'values' : 'choices', j]),
        severity: 'warning',
        code: 'risk/sweep-budget',
        message: `\`${key}\` is listed twice for \`${dotted}\`: the repeat spends trials on a combination already tried.`,
      });
    seen.add(key);
  });
  if (hasRange && target.kind === 'number') {
    const { min, max } = raw;
    if (method === 'grid') {
      error(
        [...base, raw.min !== undefined ? 'min' : 'max'],
        'type',
        `Grid search needs a finite list: give \`${dotted}\` its \`values\`, or use \`method: random\` to draw between \`min\` and \`max\`.`,
      );
      return;
    }
    if (typeof min !== 'number' || typeof max !== 'number') {
      error(
        [...base, min === undefined ? 'path' : 'min'],
        'missing-key',
        `Sweep parameter \`${dotted}\` needs both \`min\` and \`max\`.`,
      );
      return;
    }
    for (const [key, bound] of [
      ['min', min],
      ['max', max],
    ] as const) {
      const why = numberViolation({ ...target.node, integer: false }, bound);
      if (why) error([...base, key], 'range', `\`${key}\` of \`${dotted}\` ${why}.`);
    }
    if (min >= max) error([...base, 'max'], 'range', `\`max\` of \`${dotted}\` must be greater than \`min\` (${min}).`);
    if (raw.scale === 'log' && min <= 0)
      error([...base, 'min'], 'range', `A log scale needs \`min\` > 0 for \`${dotted}\` (got ${min}).`);
  }
}

export const sweepParametersRule: Rule = {
  codes: ['unknown-key', 'range', 'type', 'missing-key', 'risk/sweep-budget'],
  check(context) {
    // Converting the whole document is the costly part on a large config: only a config with a sweep needs it.
    if (!context.parsed.document.has('sweep')) return [];
    let rawConfig: unknown;
    try {
      rawConfig = context.parsed.document.toJS();
    } catch {
      return []; // an alias to no anchor: the parser has reported the YAML error, no sweep can be read
    }
    const sweep = asRecord(asRecord(rawConfig)?.sweep);
    const parameters = sweep?.parameters;
    if (!Array.isArray(parameters)) return [];
    const method = typeof sweep?.method === 'string' ? sweep.method : 'grid';
    const out: Diagnostic[] = [];
    const paths = new Map<string, number>();
    parameters.forEach((item, index) => {
      const raw = asRecord(item);
      if (!raw) return;
      if (typeof raw.path === 'string') {
        const first = paths.get(raw.path);
        if (first !== undefined) {
          out.push({
            range: context.parsed.sourceMap.valueRange(['sweep', 'parameters', index, 'path']),
            severity: 'error',
            code: 'range',
            message: `\`${raw.path}\` is already swept by parameter ${first + 1}: merge their values into one entry.`,
          });
          return;
        }
        paths.set(raw.path, index);
      }
      checkParameter(context, raw, index, method, rawConfig, out);
    });
    return out;
  },
};
