/**
 * Turns a byte stream into complete lines. The trainer writes one JSON event per line, but a pipe delivers
 * arbitrary chunks: a line may arrive in pieces, several lines in one chunk, and a UTF-8 character may be cut.
 */
import { StringDecoder } from 'node:string_decoder';

export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: Buffer | string): void {
    this.pending += typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    let newline = this.pending.indexOf('\n');
    while (newline >= 0) {
      const line = this.pending.slice(0, newline).replace(/\r$/, '');
      this.pending = this.pending.slice(newline + 1);
      this.onLine(line);
      newline = this.pending.indexOf('\n');
    }
  }

  /** Emits what is left when the stream ends without a final newline. */
  end(): void {
    this.pending += this.decoder.end();
    if (this.pending.length > 0) {
      const rest = this.pending.replace(/\r$/, '');
      this.pending = '';
      this.onLine(rest);
    }
  }
}
