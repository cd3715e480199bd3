/** `distillery inspect MODEL.json [--format text|json]`: the layers of a TF.js Layers model. */
import * as path from 'node:path';
import { formatBytes } from '../../core/format/bytes';
import { formatShape } from '../../core/format/numbers';
import { selectBackend } from '../../trainer/backend/select-backend';
import { loadModel } from '../../trainer/model/model-files';
import { type CliCommand, UsageError } from '../command';

interface LayerRow {
  readonly name: string;
  readonly type: string;
  readonly output_shape: (number | null)[];
  readonly params: number;
}

export const inspectCommand: CliCommand = {
  name: 'inspect',
  summary: 'List the layers, shapes and parameters of a TF.js model.',
  usage: [
    'Usage: distillery inspect MODEL.json [--format text|json]',
    '',
    'Loads a TF.js Layers model (model.json and its weight files) and prints one row per layer:',
    'name, type, output shape and parameters, then the totals.',
    'Exit code: 0 success, 1 missing or corrupt model, 2 usage error.',
  ].join('\n'),
  async run(args, io) {
    let format = 'text';
    const files: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      if (arg === '--format' || arg.startsWith('--format='))
        format = arg.includes('=') ? arg.slice(9) : (args[++i] ?? '');
      else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}.`);
      else files.push(arg);
    }
    if (format !== 'text' && format !== 'json')
      throw new UsageError(`--format must be text or json, not ${format || 'nothing'}.`);
    if (files.length !== 1) throw new UsageError('give exactly one model.json.');
    // Inspection is light work: the plain JS backend avoids starting wasm and gives the same shapes.
    await selectBackend('cpu');
    const shown = files[0]!;
    const { model } = await loadModel(path.resolve(io.cwd, shown), shown);
    const rows: LayerRow[] = model.layers.map((l) => ({
      name: l.name,
      type: l.getClassName(),
      output_shape: (Array.isArray(l.outputShape[0]) ? l.outputShape[0] : l.outputShape) as (number | null)[],
      params: l.countParams(),
    }));
    const total = model.countParams();
    const input = model.inputs[0]?.shape ?? [];
    if (format === 'json') {
      io.stdout.write(
        `${JSON.stringify({ model: shown, input_shape: input, layers: rows, params: total, bytes_float32: total * 4 }, null, 2)}\n`,
      );
      return 0;
    }
    const table = [
      ['layer', 'type', 'output shape', 'params'],
      ...rows.map((r) => [r.name, r.type, formatShape(r.output_shape), String(r.params)]),
    ];
    const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
    io.stdout.write(`${shown}: input ${formatShape(input)}\n`);
    table.forEach((r, i) => {
      io.stdout.write(`${r.map((c, j) => (j === 3 ? c.padStart(widths[j]!) : c.padEnd(widths[j]!))).join('  ')}\n`);
      if (i === 0) io.stdout.write(`${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
    });
    io.stdout.write(`total: ${total} parameters, ${formatBytes(total * 4)} at float32\n`);
    return 0;
  },
};
