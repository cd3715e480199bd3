/**
 * Where each config node sits in the text. Paths follow the YAML structure:
 * `['student', 'layers', 0, 'dense', 'units']`, keyed as `student.layers.0.dense.units`.
 */
import type { LineCounter } from 'yaml';
import type { Position, Range } from '../diagnostics';

export type ConfigPath = readonly (string | number)[];

export interface NodeLocation {
  readonly path: ConfigPath;
  /** Range of the key (absent for the root and for sequence items). */
  readonly keyRange?: Range;
  readonly valueRange: Range;
  /** Offsets of the key (or item) start and the value end, for cursor lookups. */
  readonly startOffset: number;
  readonly endOffset: number;
}

export const pathKey = (path: ConfigPath): string => path.join('.');

export class SourceMap {
  private readonly byPath = new Map<string, NodeLocation>();
  private captured: NodeLocation[] | undefined;

  constructor(
    private readonly lines: LineCounter,
    private readonly textLength: number,
  ) {}

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.textLength));
    const { line, col } = this.lines.linePos(clamped);
    return { line: line - 1, character: col - 1 };
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  /** `key` is `pathKey(location.path)` when the caller has it already (re-used sections: no join per node). */
  record(location: NodeLocation, key = pathKey(location.path)): void {
    this.byPath.set(key, location);
    this.captured?.push(location);
  }

  /** Runs `run` and returns, with its result, the locations it recorded (for re-use of a section's check). */
  capture<T>(run: () => T): { result: T; recorded: NodeLocation[] } {
    const outer = this.captured;
    const recorded: NodeLocation[] = [];
    this.captured = recorded;
    try {
      return { result: run(), recorded };
    } finally {
      outer?.push(...recorded);
      this.captured = outer;
    }
  }

  get(path: ConfigPath): NodeLocation | undefined {
    return this.byPath.get(pathKey(path));
  }

  /** The range to underline for a path: its value, else its nearest recorded ancestor's key. */
  valueRange(path: ConfigPath): Range {
    return this.find(path)?.valueRange ?? this.rangeOf(0, 0);
  }

  keyRange(path: ConfigPath): Range {
    const found = this.find(path);
    return found?.keyRange ?? found?.valueRange ?? this.rangeOf(0, 0);
  }

  has(path: ConfigPath): boolean {
    return this.byPath.has(pathKey(path));
  }

  all(): IterableIterator<NodeLocation> {
    return this.byPath.values();
  }

  private find(path: ConfigPath): NodeLocation | undefined {
    for (let n = path.length; n >= 0; n--) {
      const hit = this.byPath.get(pathKey(path.slice(0, n)));
      if (hit) return hit;
    }
    return undefined;
  }
}
