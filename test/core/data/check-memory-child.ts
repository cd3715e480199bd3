/**
 * Child process of csv-check-memory.test.ts: analyses a config as `distillery check` does (and `train` before it
 * starts) and prints how far that raised this process's peak resident memory, and the examples it counted.
 */
import * as fs from 'node:fs';
import { analyzeConfig } from '../../../src/core/analysis/analyze';
import { nodeFileSystem } from '../../../src/node/file-system';
import { peakResidentBytes } from '../../../src/trainer/run/memory-budget';

const configPath = process.argv[2]!;
const text = fs.readFileSync(configPath, 'utf8');
const before = peakResidentBytes();
const analysis = analyzeConfig(text, configPath, nodeFileSystem);
const growth = peakResidentBytes() - before;
process.stdout.write(`${JSON.stringify({ growth, examples: analysis.dataset?.examples })}\n`);
