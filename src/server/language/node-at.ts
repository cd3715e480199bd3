/** The deepest config node under a position, from the parse's node locations (exact, for hover and definition). */
import type { NodeLocation } from '../../core/config/source-map';
import type { Position, Range } from '../../core/diagnostics';

export interface NodeHit<L extends NodeLocation = NodeLocation> {
  readonly location: L;
  /** The position is on the node's key (rather than its value). */
  readonly onKey: boolean;
}

const before = (a: Position, b: Position): boolean =>
  a.line < b.line || (a.line === b.line && a.character <= b.character);
export const rangeContains = (range: Range, position: Position): boolean =>
  before(range.start, position) && before(position, range.end);

export function nodeAt<L extends NodeLocation>(nodes: Iterable<L>, position: Position): NodeHit<L> | undefined {
  let best: NodeHit<L> | undefined;
  for (const location of nodes) {
    const onKey = location.keyRange !== undefined && rangeContains(location.keyRange, position);
    if (!onKey && !rangeContains(location.valueRange, position)) continue;
    if (
      !best ||
      location.path.length > best.location.path.length ||
      (location.path.length === best.location.path.length && onKey && !best.onKey)
    ) {
      best = { location, onKey };
    }
  }
  return best;
}
