/**
 * Follows a growing events.jsonl: each `poll()` returns the events appended since the last call, complete
 * lines only. Reads by byte offset, so following a long run costs only its new bytes, and works the same on
 * a shared cluster filesystem as on a local disk.
 */
import * as fs from 'node:fs';
import { parseRunEvent, type RunEvent } from '../../core/protocol/run-events';

export class EventsFollower {
  private offset = 0;
  private partial = '';

  constructor(private readonly file: string) {}

  poll(): RunEvent[] {
    let fd: number;
    try {
      fd = fs.openSync(this.file, 'r');
    } catch {
      return [];
    } // not created yet
    try {
      const size = fs.fstatSync(fd).size;
      if (size < this.offset) {
        this.offset = 0;
        this.partial = '';
      } // replaced by a new attempt
      if (size === this.offset) return [];
      const buffer = Buffer.alloc(size - this.offset);
      const read = fs.readSync(fd, buffer, 0, buffer.length, this.offset);
      this.offset += read;
      const lines = (this.partial + buffer.subarray(0, read).toString('utf8')).split('\n');
      this.partial = lines.pop() ?? '';
      return lines.map(parseRunEvent).filter((e): e is RunEvent => e !== undefined);
    } finally {
      fs.closeSync(fd);
    }
  }
}

/** A one-line description of an event for progress displays, or undefined for events not worth showing. */
export function describeProgress(event: RunEvent): { message: string; epoch?: number; epochs?: number } | undefined {
  switch (event.type) {
    case 'phase':
      return { message: event.message };
    case 'epoch':
      return {
        message: `${event.role} epoch ${event.epoch}/${event.epochs}${event.val_accuracy === undefined ? '' : `, val acc ${(event.val_accuracy * 100).toFixed(1)}%`}`,
        epoch: event.epoch,
        epochs: event.epochs,
      };
    default:
      return undefined;
  }
}
