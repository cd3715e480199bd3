/** core/format's number formatters: the one convention every part shows, edge cases included. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatBytes } from '../../../src/core/format/bytes';
import { formatDuration, formatMs } from '../../../src/core/format/duration';
import { MISSING } from '../../../src/core/format/missing';
import {
  formatCount,
  formatFixed,
  formatInteger,
  formatNumber,
  formatRounded,
  formatScientific,
  formatShape,
} from '../../../src/core/format/numbers';
import { formatPercent, formatPoints, formatPointsSpread } from '../../../src/core/format/percent';
import { formatRatio, formatRatioOf } from '../../../src/core/format/ratio';

const UNPRINTABLE = [undefined, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];

void describe('core/format numbers', () => {
  void it('shows every absent or non-finite value as the one missing mark, never NaN or undefined', () => {
    const formatters: ((v: number | undefined) => string)[] = [
      formatCount,
      formatInteger,
      formatNumber,
      (v) => formatFixed(v, 2),
      formatRounded,
      formatScientific,
      formatBytes,
      formatPercent,
      formatPoints,
      (v) => formatPointsSpread(v, 0.01),
      formatRatio,
      formatDuration,
      formatMs,
    ];
    for (const format of formatters)
      for (const value of UNPRINTABLE) assert.equal(format(value), MISSING, `${format.name}(${value})`);
    assert.equal(MISSING, '—');
  });

  void it('counts: compact for cells, exact with separators for hovers, zero and huge included', () => {
    assert.deepEqual([0, 950, 25_450, 1_234_567, 3e9, 4.2e12, 7e16, -25_450].map(formatCount), [
      '0',
      '950',
      '25.4k',
      '1.23M',
      '3.00G',
      '4.20T',
      '70000.0T',
      '-25.4k',
    ]);
    assert.deepEqual([0, 999, 1_234_567, 9.007e15].map(formatInteger), [
      '0',
      '999',
      '1,234,567',
      '9,007,000,000,000,000',
    ]);
  });

  void it('measured numbers without float noise; fixed and rounded decimals', () => {
    assert.equal(formatNumber(0.1 + 0.2), '0.3');
    assert.equal(formatNumber(0.12345678), '0.1235');
    assert.equal(formatNumber(0.12345678, 6), '0.123457');
    assert.equal(formatNumber(1e-7 / 3), '3.333e-8');
    assert.equal(formatNumber(123456), '123456', 'integers whole, whatever the digits');
    assert.equal(formatNumber(-2.5), '-2.5');
    assert.equal(formatFixed(0.5, 4), '0.5000');
    assert.equal(formatRounded(2 / 3), '0.667');
    assert.equal(formatRounded(0.7000000001), '0.7');
    assert.equal(formatShape([null, 28, 28, 1]), '[batch, 28, 28, 1]');
    assert.equal(formatShape([]), '[]');
    assert.deepEqual(
      [0.001, 0, -12345, 3e-9].map((v) => formatScientific(v)),
      ['1.0e-3', '0.0e+0', '-1.2e+4', '3.0e-9'],
    );
    assert.equal(formatScientific(0.00012345, 2), '1.23e-4');
  });

  void it('sizes: binary units with IEC names everywhere', () => {
    assert.deepEqual(
      [0, 420, 1023, 1024, 2048, 1.5 * 1024 ** 2, 5 * 1024 ** 2, 3.2 * 1024 ** 3, -2048].map(formatBytes),
      ['0 B', '420 B', '1023 B', '1.0 KiB', '2.0 KiB', '1.50 MiB', '5.00 MiB', '3.20 GiB', '-2.0 KiB'],
    );
  });

  void it('percentages and signed percentage points, with a real minus and no negative zero', () => {
    assert.deepEqual(
      [0, 0.912, 1, -0.05].map((v) => formatPercent(v)),
      ['0.0%', '91.2%', '100.0%', '-5.0%'],
    );
    assert.equal(formatPercent(0.91234, 2), '91.23%');
    assert.deepEqual(
      [0, 0.0123, -0.004, -0.00001].map((v) => formatPoints(v)),
      ['+0.00 pt', '+1.23 pt', '\u22120.40 pt', '+0.00 pt'],
    );
    assert.equal(formatPointsSpread(0.0123, 0.0045), '+1.23 ± 0.45 pt');
    assert.equal(formatPointsSpread(-0.0123, 0), '\u22121.23 ± 0.00 pt', 'a zero spread is still said');
    assert.equal(formatPointsSpread(0.0123, undefined), '+1.23 pt', 'no spread: no ±');
    assert.equal(formatPointsSpread(0.0123, Number.NaN), '+1.23 pt');
  });

  void it('ratios: more decimals for small ratios, none past 100, missing when the divisor is 0', () => {
    assert.deepEqual([0, 2.5, 3.2, 12, 21.08, 340.4].map(formatRatio), [
      '0.00×',
      '2.50×',
      '3.20×',
      '12.0×',
      '21.1×',
      '340×',
    ]);
    assert.equal(formatRatioOf(10, 4), '2.50×');
    assert.equal(formatRatioOf(10, 0), MISSING);
    assert.equal(formatRatioOf(undefined, 4), MISSING);
  });

  void it('durations and latencies', () => {
    assert.deepEqual([0, 4.24, 9.96, 42, 59.6, 96, 3599.7, 7260, -3].map(formatDuration), [
      '0.0 s',
      '4.2 s',
      '10 s',
      '42 s',
      '1 min 0 s',
      '1 min 36 s',
      '1 h 0 min',
      '2 h 1 min',
      '0.0 s',
    ]);
    assert.deepEqual([0, 0.35, 1, 12.345].map(formatMs), ['0 µs', '350 µs', '1.00 ms', '12.35 ms']);
  });
});
