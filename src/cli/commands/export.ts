/** `distillery export RUN_DIR [--format tfjs|onnx] [--out DIR]`: write (again) the shipped files of a finished run. */
import * as path from 'node:path';
import { describeExport } from '../../core/format/export-text';
import type { ExportFormat } from '../../core/protocol/report';
import { reportPathOf } from '../../core/runs/read-report';
import { routeConsoleToStderr } from '../../trainer/backend/quiet-stdout';
import { EXPORT_FORMATS } from '../../trainer/export/export-student';
import { reexportRun } from '../../trainer/export/reexport';
import { describeFailure } from '../../trainer/run/errors';
import { splitOption } from '../../core/text/command-line';
import { type CliCommand, UsageError } from '../command';

export const exportCommand: CliCommand = {
  name: 'export',
  summary: "Write a finished run's final student as TF.js and ONNX files, measured by loading them back.",
  usage: [
    'Usage: distillery export RUN_DIR [--format tfjs|onnx] [--out DIR]',
    '',
    "Exports the run's final student (after pruning and quantization) the way every run ends: export/tfjs/model.json",
    '(+ weights.bin, loads with stock tf.loadLayersModel) and export/model.onnx (onnxruntime), each loaded back and',
    "measured on the run's test split; report.json's `exports` is updated. For runs made before exports, and runs",
    'stopped while exporting.',
    '  --format F   only this format (tfjs or onnx); default both',
    '  --out DIR    write the files into DIR instead (report.json unchanged)',
    'Exit code: 0 exported, 1 failure (the run is left as it was), 2 usage error.',
  ].join('\n'),
  async run(args, io) {
    const dirs: string[] = [];
    let formats: ExportFormat[] | undefined;
    let out: string | undefined;
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      const [flag, inline] = splitOption(arg);
      const value = (): string => inline ?? args[++i] ?? '';
      if (flag === '--format') {
        const format = value();
        if (!EXPORT_FORMATS.includes(format as ExportFormat))
          throw new UsageError(`--format must be ${EXPORT_FORMATS.join(' or ')}, not ${format || 'nothing'}.`);
        formats = [...(formats ?? []), format as ExportFormat];
      } else if (flag === '--out') {
        out = value();
        if (!out) throw new UsageError('--out needs a folder.');
      } else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}.`);
      else dirs.push(arg);
    }
    if (dirs.length !== 1) throw new UsageError('give exactly one run directory.');
    const runDir = path.resolve(io.cwd, dirs[0]!);
    // TF.js logs through console (the cpu backend's banner): stdout stays for the results.
    routeConsoleToStderr();
    try {
      const outcome = await reexportRun(runDir, {
        ...(formats ? { formats } : {}),
        ...(out ? { outDir: path.resolve(io.cwd, out) } : {}),
      });
      for (const e of outcome.exports) io.stdout.write(`${path.join(outcome.root, e.path)}: ${describeExport(e)}\n`);
      if (outcome.reportUpdated) io.stdout.write(`${reportPathOf(runDir)}: exports updated\n`);
      return 0;
    } catch (error) {
      const failure = describeFailure(error);
      io.stderr.write(`distillery export: ${failure.error}\n${failure.hint ? `hint: ${failure.hint}\n` : ''}`);
      return 1;
    }
  },
};
