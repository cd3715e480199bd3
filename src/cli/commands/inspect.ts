/** `distillery inspect MODEL.json [--format text|json]`: the layers of a TF.js Layers model or the parameterised nodes of a graph model. */
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { formatBytes } from '../../core/format/bytes';
import { formatShape } from '../../core/format/numbers';
import { textTable } from '../../core/format/text-table';
import { selectBackend } from '../../trainer/backend/select-backend';
import { readModelFiles } from '../../trainer/model/model-files';
import { type Inspected, inspectGraph, inspectLayers } from './inspect-rows';
import { isOnnxPath } from '../../core/model/onnx-teacher';
import { readFormatAndPositionals } from '../format-option';
import { type CliCommand, UsageError } from '../command';
import { stripTerminalEscapes } from '../../core/format/terminal-text';
import { inspectOnnx } from './inspect-onnx';

export const inspectCommand: CliCommand = {
  name: 'inspect',
  summary: 'List the layers, shapes and parameters of a TF.js model.',
  usage: [
    'Usage: distillery inspect MODEL.json|MODEL.onnx [--format text|json]',
    '',
    'Reads a TF.js model (model.json and its weight files) and prints one row per layer of a Layers',
    'model, or per parameterised node of a graph model: name, type, output shape and parameters,',
    'then the totals. An .onnx file is read without running it: inputs and outputs with their shapes,',
    'the nodes holding parameters, every value a hint may name, and the totals.',
    'Exit code: 0 success, 1 missing or corrupt model, 2 usage error.',
  ].join('\n'),
  async run(args, io) {
    const { format, positionals: files } = readFormatAndPositionals(args, ['text', 'json']);
    if (files.length !== 1) throw new UsageError('give exactly one model.json or model.onnx.');
    if (isOnnxPath(files[0]!)) return inspectOnnx(files[0]!, path.resolve(io.cwd, files[0]!), format, io);
    const shown = files[0]!;
    const read = readModelFiles(path.resolve(io.cwd, shown), shown);
    let inspected: Inspected;
    if (read.json.format === 'graph-model') inspected = inspectGraph(read.json);
    else {
      // Inspection is light work: the plain JS backend avoids starting wasm and gives the same shapes. Production
      // mode keeps TensorFlow.js from printing its "install our node backend" banner: no training happens here.
      tf.enableProdMode();
      await selectBackend('cpu');
      inspected = await inspectLayers(read, shown);
    }
    const { rows, params: total } = inspected;
    if (format === 'json') {
      const { format: kind, input, outputs } = inspected;
      const body = {
        model: shown,
        format: kind,
        input_shape: input.shape,
        ...(input.name ? { input: input.name } : {}),
        ...(outputs ? { outputs } : {}),
        layers: rows,
        params: total,
        bytes_float32: total * 4,
      };
      io.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
      return 0;
    }
    const table = [
      [inspected.format === 'graph-model' ? 'node' : 'layer', 'type', 'output shape', 'params'],
      // Layer names and types come from the model file: no terminal escapes on the way to the screen.
      ...rows.map((r) => [
        stripTerminalEscapes(r.name),
        stripTerminalEscapes(r.type),
        r.output_shape ? formatShape(r.output_shape) : '?',
        String(r.params),
      ]),
    ];
    const { input, outputs } = inspected;
    const outputText = outputs ? `, output${outputs.length > 1 ? 's' : ''} ${outputs.join(', ')}` : '';
    io.stdout.write(
      stripTerminalEscapes(
        `${shown}: ${inspected.format === 'graph-model' ? 'graph model, ' : ''}input ${input.name ? `${input.name} ` : ''}${formatShape(input.shape)}${outputText}\n`,
      ),
    );
    for (const line of textTable(table[0]!, table.slice(1), { rule: true, rightAligned: new Set([3]) }))
      io.stdout.write(`${line}\n`);
    io.stdout.write(`total: ${total} parameters, ${formatBytes(total * 4)} at float32\n`);
    return 0;
  },
};
