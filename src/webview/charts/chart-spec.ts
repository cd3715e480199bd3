/** What a chart shows, independent of how: Chart.js draws it, and the same spec produces its table view. */
import type { SeriesColor } from '../theme';

export interface XYPoint {
  x: number;
  y: number;
}

export interface CategorySeries {
  readonly label: string;
  readonly color: SeriesColor;
  readonly values: readonly (number | null)[];
}

export interface XYSeries {
  readonly label: string;
  readonly color: SeriesColor;
  /** Mutable on purpose: live curves append to it and the chart redraws from the same array. */
  readonly points: XYPoint[];
  /** Dash pattern (segment and gap lengths in px); solid when absent. */
  readonly dash?: readonly number[];
  /** Points only (a scatter), no connecting line. */
  readonly pointsOnly?: boolean;
  /** Marker radius in px (a point to pick out, e.g. the chosen one); the chart's default when absent. */
  readonly pointRadius?: number;
}

interface SpecBase {
  /** Stable id, used to remember whether the user switched this chart to its table. */
  readonly id: string;
  readonly title: string;
  /** One sentence saying how to read the chart. */
  readonly description?: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly formatY: (value: number) => string;
  readonly yMin?: number;
  readonly yMax?: number;
  /** The table view's own rows, when the points need names the series cannot carry; otherwise one row per x. */
  readonly table?: { readonly header: readonly string[]; readonly rows: readonly (readonly string[])[] };
}

export interface CategoryChartSpec extends SpecBase {
  readonly kind: 'bar';
  readonly categories: readonly string[];
  readonly series: readonly CategorySeries[];
}

export interface XYChartSpec extends SpecBase {
  readonly kind: 'xy';
  readonly series: XYSeries[];
  readonly formatX: (value: number) => string;
  readonly xMin?: number;
  readonly xMax?: number;
  /** Exactly these x ticks (the indices of values that stand for categories); automatic when absent. */
  readonly xTicks?: readonly number[];
  /** Points keep arriving (training curves): draw lines without point markers. */
  readonly live?: boolean;
}

export type ChartSpec = CategoryChartSpec | XYChartSpec;
