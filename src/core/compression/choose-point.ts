/**
 * The accuracy-aware search's decisions, on measured points: which points are within the target, the
 * size/accuracy Pareto front, and the chosen point. Selection uses validation accuracy only (the test split
 * is reported, never chosen on). Pure.
 */
import type { CompressionSearch, SearchOutcome, SearchPoint } from '../protocol/compression-search';

/** Drops are compared with this slack: accuracies are shares of a finite split, their differences inexact floats. */
const DROP_SLACK = 1e-9;

/** The drop in accuracy points of `accuracy` against `reference` (both shares). */
export function accuracyDrop(reference: number, accuracy: number): number {
  return (reference - accuracy) * 100;
}

export function withinTarget(drop: number, maxDrop: number): boolean {
  return drop <= maxDrop + DROP_SLACK;
}

/** Points no other point beats on both shipped bytes (fewer) and validation accuracy (higher), smallest first. */
export function paretoFront(points: readonly SearchPoint[]): SearchPoint[] {
  const dominated = (p: SearchPoint): boolean =>
    points.some(
      (q) =>
        q !== p &&
        q.bytes <= p.bytes &&
        q.validation_accuracy >= p.validation_accuracy &&
        (q.bytes < p.bytes || q.validation_accuracy > p.validation_accuracy),
    );
  const front = points.filter((p) => !dominated(p)).sort((a, b) => a.bytes - b.bytes || a.id.localeCompare(b.id));
  // Points equal on both measures are all on the front; keep one (the first by id) so the front is a line.
  return front.filter(
    (p, i) => i === 0 || p.bytes !== front[i - 1]!.bytes || p.validation_accuracy !== front[i - 1]!.validation_accuracy,
  );
}

export interface Choice {
  readonly chosen: SearchPoint;
  readonly outcome: SearchOutcome;
}

/**
 * The smallest point within the target (equal sizes: lower batch-1 latency when the objective asks for it, then
 * higher validation accuracy). The reference (the uncompressed student, always within: its drop is 0) is among
 * the candidates, so when no compressed point is within the target and smaller, the student is kept: the point
 * that loses least. Undefined when the reference is missing from `points`.
 */
export function choosePoint(
  points: readonly SearchPoint[],
  referenceId: string,
  objective: CompressionSearch['objective'],
): Choice | undefined {
  const reference = points.find((p) => p.id === referenceId);
  if (!reference) return undefined;
  const within = points.filter((p) => p.within_target || p === reference);
  const chosen = [...within].sort(
    (a, b) =>
      a.bytes - b.bytes ||
      (objective === 'size_then_latency' ? a.batch1_ms - b.batch1_ms : 0) ||
      b.validation_accuracy - a.validation_accuracy ||
      // Equal on everything: the uncompressed student, then by id (a stable answer).
      Number(b === reference) - Number(a === reference) ||
      a.id.localeCompare(b.id),
  )[0]!;
  if (chosen !== reference) return { chosen, outcome: 'compressed' };
  const compressedWithin = within.some((p) => p !== reference);
  return { chosen, outcome: compressedWithin ? 'none_smaller' : 'none_within_target' };
}
