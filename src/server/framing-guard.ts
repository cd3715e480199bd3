/**
 * Checks the LSP base protocol's framing of everything the client writes, before vscode-jsonrpc reads it.
 * The reader of vscode-jsonrpc reports a missing or non-numeric Content-Length (and a body that is not
 * JSON) as an event nobody listens to, waits forever for a body shorter than its Content-Length, and
 * buffers garbage without a header end without limit: the server then lives on, silent. Here each of these
 * is a fatal error (`onError`), so the server can log it and exit, and the client restarts it.
 */
import { Transform, type TransformCallback } from 'node:stream';

/** Real headers are two short lines; this much without the blank line that ends them is not a header. */
const MAX_HEADER_BYTES = 4096;
/** The largest message accepted (a 64 MiB config is far past anything the checker reads). */
const MAX_BODY_BYTES = 64 * 1024 * 1024;
/** A message started but not finished after this long is never coming (clients write whole messages). */
export const INCOMPLETE_MESSAGE_TIMEOUT_MS = 2000;

const HEADER_END = Buffer.from('\r\n\r\n');
const HEADER_LINE = /^([!-9;-~]+):[ \t]*([ -~]*)$/;

export class FramingError extends Error {}

/** Validates one header block; returns the body length. */
export function contentLengthOf(header: string): number {
  let length: number | undefined;
  for (const line of header.split('\r\n')) {
    const match = HEADER_LINE.exec(line);
    if (!match) throw new FramingError(`malformed header line ${JSON.stringify(line.slice(0, 80))}`);
    if (match[1]!.toLowerCase() !== 'content-length') continue;
    const value = match[2]!.trim();
    if (!/^\d+$/.test(value)) throw new FramingError(`Content-Length is not a number: ${JSON.stringify(value)}`);
    length = Number(value);
  }
  if (length === undefined) throw new FramingError('a message header has no Content-Length');
  if (length > MAX_BODY_BYTES)
    throw new FramingError(`Content-Length ${length} is over the ${MAX_BODY_BYTES}-byte limit`);
  return length;
}

export class FramingGuard extends Transform {
  private header: Buffer = Buffer.alloc(0);
  /** Body bytes still expected; -1 while reading a header. */
  private remaining = -1;
  private body: Buffer[] = [];
  private timer: NodeJS.Timeout | undefined;
  private failed = false;

  constructor(private readonly onError: (error: FramingError) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.failed) return done();
    try {
      this.check(chunk);
    } catch (error) {
      this.fail(error instanceof FramingError ? error : new FramingError(String(error)));
      return done();
    }
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    clearTimeout(this.timer);
    done();
  }

  private check(chunk: Buffer): void {
    let data = chunk;
    while (data.length > 0) {
      if (this.remaining < 0) {
        const joined = Buffer.concat([this.header, data]);
        const end = joined.indexOf(HEADER_END);
        if (end < 0) {
          if (joined.length > MAX_HEADER_BYTES)
            throw new FramingError(`no message header end within ${MAX_HEADER_BYTES} bytes (binary garbage?)`);
          this.header = joined;
          break;
        }
        this.remaining = contentLengthOf(joined.subarray(0, end).toString('latin1'));
        this.header = Buffer.alloc(0);
        data = joined.subarray(end + HEADER_END.length);
        continue;
      }
      const used = Math.min(this.remaining, data.length);
      this.body.push(data.subarray(0, used));
      this.remaining -= used;
      data = data.subarray(used);
      if (this.remaining === 0) this.endBody();
    }
    this.watchIncompleteMessage();
  }

  private endBody(): void {
    const text = Buffer.concat(this.body).toString('utf8');
    this.body = [];
    this.remaining = -1;
    try {
      JSON.parse(text);
    } catch {
      throw new FramingError(`a message body is not JSON: ${JSON.stringify(text.slice(0, 80))}`);
    }
  }

  private watchIncompleteMessage(): void {
    clearTimeout(this.timer);
    if (this.remaining <= 0 && this.header.length === 0) return;
    this.timer = setTimeout(() => {
      this.fail(
        new FramingError(
          this.remaining > 0
            ? `a message body is ${this.remaining} bytes shorter than its Content-Length`
            : `a message header was never finished: ${JSON.stringify(this.header.toString('latin1').slice(0, 80))}`,
        ),
      );
    }, INCOMPLETE_MESSAGE_TIMEOUT_MS);
  }

  private fail(error: FramingError): void {
    if (this.failed) return;
    this.failed = true;
    clearTimeout(this.timer);
    this.onError(error);
  }
}
