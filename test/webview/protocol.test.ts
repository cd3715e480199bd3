/** The shared host<->webview protocol: every message type validates, and bad input is refused with a clear reason. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkRunReport } from '../../src/core/protocol/report';
import { checkSweepIndex } from '../../src/core/protocol/sweep';
import { validateHostMessage, validateWebviewMessage } from '../../src/core/protocol/webview-messages';
import { ANALYSIS, CONFIG_INIT, RUNS, RUN_EVENTS, SWEEP, report } from './fixtures/panel-fixtures';

const refusal = (value: unknown): string => {
  const checked = validateHostMessage(value);
  assert.equal(checked.ok, false, `expected ${JSON.stringify(value).slice(0, 80)} to be refused`);
  return checked.ok ? '' : checked.error;
};

void describe('host -> webview messages', () => {
  void it('accepts one of every message type as the host produces them', () => {
    const messages = [
      CONFIG_INIT,
      { type: 'analysis', payload: ANALYSIS },
      { type: 'runEvents', payload: { events: RUN_EVENTS } },
      { type: 'runs', payload: { runs: RUNS } },
      { type: 'report', payload: { runId: 'run-a', report: report('run-a') } },
      { type: 'sweep', payload: { sweep: SWEEP } },
      { type: 'notice', payload: { level: 'info', message: 'hello' } },
    ];
    for (const message of messages) {
      const checked = validateHostMessage(JSON.parse(JSON.stringify(message)));
      assert.ok(checked.ok, checked.ok ? '' : checked.error);
    }
  });

  void it('refuses what is not a message', () => {
    assert.equal(refusal(null), 'host message should be an object');
    assert.equal(refusal([]), 'host message should be an object');
    assert.match(
      refusal({ type: 'explode', payload: {} }),
      /^unknown host message type "explode"; expected one of init, analysis/,
    );
    assert.match(
      refusal({ type: 'toString', payload: {} }),
      /unknown host message type "toString"/,
      'prototype names are not message types',
    );
    assert.match(refusal({ type: 'hasOwnProperty', payload: {} }), /unknown host message type/);
  });

  void it('names the exact field that is wrong', () => {
    assert.equal(
      refusal({ type: 'init', payload: { kind: 'folder', target: 'x', title: 't' } }),
      'invalid host message: init.payload.kind should be one of config, run, sweep',
    );
    const badLayer = {
      ...ANALYSIS,
      student: { ...ANALYSIS.student!, layers: [{ ...ANALYSIS.student!.layers[0]!, outputShape: [32, 'x'] }] },
    };
    assert.equal(
      refusal({ type: 'analysis', payload: badLayer }),
      'invalid host message: analysis.payload.student.layers[0].outputShape[1] should be a finite number',
    );
    assert.equal(
      refusal({ type: 'runEvents', payload: { events: [{ ...RUN_EVENTS[2], loss: Number.NaN }] } }),
      'invalid host message: runEvents.payload.events[0].loss should be a finite number',
    );
    assert.equal(
      refusal({ type: 'runEvents', payload: { events: [{ type: 'epoch' }] } }),
      'invalid host message: runEvents.payload.events[0].time should be a string',
    );
    assert.equal(
      refusal({ type: 'report', payload: { runId: 'r', report: { ...report('r'), schema_version: 2 } } }),
      'invalid host message: report.payload.report.schema_version should be 1 (this panel reads report schema version 1)',
    );
    assert.equal(
      refusal({ type: 'notice', payload: { level: 'panic', message: 'x' } }),
      'invalid host message: notice.payload.level should be one of info, error',
    );
  });

  void it('checks report.json and sweep.json files on their own', () => {
    assert.equal(checkRunReport(report('r')), undefined);
    assert.equal(
      checkRunReport({
        ...report('r'),
        student: { ...report('r').student!, metrics: { ...report('r').student!.metrics, confusion: [[1, 2], 'x'] } },
      }),
      'report.student.metrics.confusion[1] should be a list',
    );
    assert.equal(checkSweepIndex(SWEEP), undefined);
    assert.equal(checkSweepIndex({ ...SWEEP, goal: 'up' }), 'sweep.goal should be one of maximize, minimize');
  });
});

void describe('webview -> host messages', () => {
  void it('accepts every message type the webview sends', () => {
    for (const message of [
      { type: 'ready', payload: {} },
      { type: 'revealRange', payload: { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } } } },
      { type: 'loadReport', payload: { runId: 'run-a' } },
      { type: 'openTrial', payload: { trialId: 'trial-001' } },
      { type: 'protocolError', payload: { message: 'bad' } },
    ]) {
      const checked = validateWebviewMessage(message);
      assert.ok(checked.ok, checked.ok ? '' : checked.error);
    }
  });

  void it('refuses a reveal without a range and a report request without a run id', () => {
    const reveal = validateWebviewMessage({ type: 'revealRange', payload: { range: { start: { line: 1 } } } });
    assert.deepEqual(reveal, {
      ok: false,
      error: 'invalid webview message: revealRange.payload.range.start.character should be a finite number',
    });
    const load = validateWebviewMessage({ type: 'loadReport', payload: {} });
    assert.deepEqual(load, {
      ok: false,
      error: 'invalid webview message: loadReport.payload.runId should be a string',
    });
  });
});
