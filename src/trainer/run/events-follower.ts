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
