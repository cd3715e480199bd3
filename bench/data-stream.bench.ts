/**
 * Image folders streamed from the decoded-image cache vs held in memory (`data.source.in_memory: true`): the
 * trainer's peak RSS (its report's peak_rss_bytes) and the student's training throughput (median samples/s over
 * its epochs) for generated folders of 1,000, 10,000 and 30,000 images at 64 and 128 px, each a real run of the
 * built trainer (`npm run build` first) as a child process, all in one bench run. Per folder and size: a cold run
 * fills the cache (its data phase is the decode), then warm streamed and warm in-memory runs read it, interleaved
 * REPEATS times each (the machine is shared: the median samples/s and the largest peak are printed).
 * `--counts 1000,10000` picks the folder sizes (30,000 images take long on a shared 2-core machine), `--sizes 128`
 * the image sizes, `--repeats N` the warm runs of each mode, `--streamed-only` skips the in-memory runs.
 * `--csv-rows 2000000` also loads a generated CSV of that many rows (12 columns) streamed (encoded rows on disk),
 * streamed with the encoded rows held in memory, and read whole, each in its own process, and prints the peak memory
 * growth (`--csv-only`: only that).
 * Run: `npm run bench -- data-stream --counts 1000,10000`.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { imageCacheBytes } from '../src/trainer/data/image-cache';
import { writeImageFolder } from '../test/trainer/image-folder';
import { median, printTable } from './stats';

const TRAINER = path.join(__dirname, '..', 'dist', 'trainer.js');
const option = (name: string, fallback: string): string => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1]! : fallback;
};
const COUNTS = option('--counts', '1000,10000,30000').split(',').map(Number);
const SIZES = option('--sizes', '64,128').split(',').map(Number);
const REPEATS = Number(option('--repeats', '3'));
/** `--streamed-only`: no in-memory runs (a folder whose decoded cache should not be held). */
const STREAMED_ONLY = process.argv.includes('--streamed-only');
const CLASSES = 4;

const config = (size: number, inMemory: boolean): string => `version: 1
data:
  source: { images: photos, size: ${size}, in_memory: ${inMemory} }
  split: { validation: 0.1, test: 0.1, seed: 5 }
teacher:
  layers: [ { dense: { units: 8, activation: relu } }, { dense: { units: ${CLASSES} } } ]
  training: { epochs: 1, batch_size: 64 }
student:
  layers: [ { dense: { units: 8, activation: relu } }, { dense: { units: ${CLASSES} } } ]
training: { epochs: 3, batch_size: 64 }
evaluation: { baseline: false, seeds: 1, robustness: { fgsm_epsilon: 0.05 } }
`;

interface Measured {
  readonly peakMiB: number;
  readonly samplesPerSecond: number;
  readonly dataSeconds: number;
  readonly totalSeconds: number;
}

function run(dir: string, size: number, inMemory: boolean, name: string): Measured {
  const configPath = path.join(dir, `${name}.distill.yaml`);
  fs.writeFileSync(configPath, config(size, inMemory));
  const runDir = path.join(dir, `run-${name}`);
  fs.rmSync(runDir, { recursive: true, force: true });
  const result = spawnSync(process.execPath, [TRAINER, configPath, '--run-dir', runDir, '--json'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 ** 2,
  });
  const report = JSON.parse(fs.readFileSync(path.join(runDir, 'report.json'), 'utf8')) as {
    status: string;
    error?: string;
    peak_rss_bytes?: number;
    durations: Record<string, number>;
  };
  if (report.status !== 'done') throw new Error(`${name}: ${report.error ?? result.stderr}`);
  const rates = fs
    .readFileSync(path.join(runDir, 'events.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.includes('"type":"epoch"') && l.includes('"role":"student"'))
    .map((l) => (JSON.parse(l) as { samples_per_second: number }).samples_per_second);
  return {
    peakMiB: (report.peak_rss_bytes ?? 0) / 1024 ** 2,
    samplesPerSecond: median(rates),
    dataSeconds: report.durations.data ?? 0,
    totalSeconds: report.durations.total ?? 0,
  };
}

/** The median throughput and times of repeated runs, and their largest peak. */
function summarise(runs: readonly Measured[]): Measured {
  return {
    peakMiB: Math.max(...runs.map((m) => m.peakMiB)),
    samplesPerSecond: median(runs.map((m) => m.samplesPerSecond)),
    dataSeconds: median(runs.map((m) => m.dataSeconds)),
    totalSeconds: median(runs.map((m) => m.totalSeconds)),
  };
}

/** Peak memory growth of loading a generated CSV of `rows` rows, streamed and read whole (each in its own process). */
function csvRows(rows: number): string[][] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'distillery-data-stream-csv-'));
  try {
    const file = path.join(dir, 'data.csv');
    const out = fs.openSync(file, 'w');
    fs.writeSync(out, 'a,b,c,d,e,f,g,h,i,j,k,label\n');
    for (let start = 0; start < rows; start += 10_000) {
      const lines: string[] = [];
      for (let r = start; r < Math.min(rows, start + 10_000); r++)
        lines.push(
          `${Array.from({ length: 11 }, (_, i) => (((r * 7 + i * 13) % 1000) / 7).toFixed(4)).join(',')},${r % 3 ? 'x' : 'y'}\n`,
        );
      fs.writeSync(out, lines.join(''));
    }
    fs.closeSync(out);
    const mb = fs.statSync(file).size / 1e6;
    return (['streamed', 'held', 'whole'] as const).map((mode) => {
      const result = spawnSync(
        process.execPath,
        ['--import', 'tsx', path.join(__dirname, 'csv-load-child.ts'), mode, file],
        {
          encoding: 'utf8',
        },
      );
      if (result.status !== 0) throw new Error(`csv ${mode}: ${result.stderr}`);
      const { growth } = JSON.parse(result.stdout) as { growth: number };
      return [
        rows.toLocaleString('en-US'),
        mb.toFixed(1),
        {
          streamed: 'streaming passes, rows on disk',
          held: 'streaming passes, rows in memory',
          whole: 'text parsed whole',
        }[mode],
        (growth / 1e6).toFixed(0),
        (growth / 1e6 / mb).toFixed(2),
      ];
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function main(): void {
  const csv = option('--csv-rows', '');
  if (csv) {
    printTable(
      ['CSV rows', 'MB', 'loader', 'peak growth MB', 'per MB of file'],
      csv.split(',').map(Number).flatMap(csvRows),
    );
    if (process.argv.includes('--csv-only')) return;
  }
  if (!fs.existsSync(TRAINER)) throw new Error(`${TRAINER} is missing: run npm run build first.`);
  const rows: string[][] = [];
  for (const count of COUNTS) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `distillery-data-stream-${count}-`));
    try {
      // Small PNGs: the decode cost that matters is the resize to `size`, done once into the cache.
      writeImageFolder(path.join(dir, 'photos'), { classes: CLASSES, perClass: count / CLASSES, pixels: 16 });
      for (const size of SIZES) {
        const cold = run(dir, size, false, `cold-${size}`);
        const streamedRuns: Measured[] = [];
        const heldRuns: Measured[] = [];
        for (let r = 0; r < REPEATS; r++) {
          streamedRuns.push(run(dir, size, false, `streamed-${size}`));
          if (!STREAMED_ONLY) heldRuns.push(run(dir, size, true, `memory-${size}`));
        }
        const streamed = summarise(streamedRuns);
        const held = heldRuns.length ? summarise(heldRuns) : undefined;
        const cacheMiB = imageCacheBytes(count, { size, grayscale: false }) / 1024 ** 2;
        const modes: [string, Measured][] = [
          ['streamed, cold cache', cold],
          ['streamed, warm cache', streamed],
          ...(held ? [['in memory, warm cache', held] as [string, Measured]] : []),
        ];
        for (const [mode, m] of modes)
          rows.push([
            count.toLocaleString('en-US'),
            `${size}`,
            cacheMiB.toFixed(0),
            mode,
            m.peakMiB.toFixed(0),
            m.samplesPerSecond.toFixed(0),
            m.dataSeconds.toFixed(1),
            m.totalSeconds.toFixed(1),
          ]);
        if (held) {
          const ratio = streamed.samplesPerSecond / held.samplesPerSecond;
          rows.push(['', '', '', `streamed / in memory throughput: ${(100 * ratio).toFixed(0)}%`, '', '', '', '']);
        }
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  printTable(
    ['images', 'px', 'cache MiB', 'mode', 'peak RSS MiB', 'student samples/s (median)', 'data s', 'run s'],
    rows,
  );
}

main();
