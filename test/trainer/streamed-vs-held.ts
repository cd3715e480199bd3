/**
 * The equivalence every streamed data source promises: training with its inputs read per batch from the cache
 * (`data.source.in_memory: false`) and with them held whole gives the same weights and metrics, bit for bit.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RunReport } from '../../src/core/protocol/report';
import { maxFloatDifference, writeConfig } from './helpers';
import { trainInProcess } from './train-in-process';

export interface TrainedRun {
  readonly report: RunReport;
  readonly runDir: string;
}

/** Trains `configFor(false)` and `configFor(true)` in `dir` and asserts they agree; returns both for more checks. */
export async function trainStreamedAndHeld(
  dir: string,
  configFor: (inMemory: boolean) => string,
): Promise<{ streamed: TrainedRun; held: TrainedRun }> {
  const run = async (inMemory: boolean): Promise<TrainedRun> => {
    const name = inMemory ? 'memory' : 'streamed';
    const runDir = path.join(dir, `run-${name}`);
    const { report } = await trainInProcess(writeConfig(dir, `${name}.distill.yaml`, configFor(inMemory)), runDir);
    assert.equal(report.status, 'done', report.error);
    return { report, runDir };
  };
  const streamed = await run(false);
  const held = await run(true);
  for (const model of ['teacher', 'student', 'baseline']) {
    const weights = (runDir: string): Buffer => fs.readFileSync(path.join(runDir, model, 'weights.bin'));
    assert.equal(maxFloatDifference(weights(streamed.runDir), weights(held.runDir)), 0, `${model} weights`);
  }
  assert.deepEqual(streamed.report.student!.metrics, held.report.student!.metrics);
  assert.deepEqual(streamed.report.baseline!.metrics, held.report.baseline!.metrics);
  return { streamed, held };
}
