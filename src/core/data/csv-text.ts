/**
 * The one CSV parser (RFC 4180), shared by `distillery check` and the trainer so both read a file alike:
 * a leading byte-order mark is dropped; fields are separated by commas and records by LF, CRLF or a lone CR;
 * a field that starts with a quote is quoted, may hold commas, line breaks and doubled quotes (`""` -> `"`);
 * a quote inside an unquoted field is an ordinary character. Lines with no characters at all carry no record.
 * Each record keeps the line it starts on, so problems can name it.
 */

export interface CsvRow {
  readonly cells: readonly string[];
  /** 1-based line where the row starts. */
  readonly line: number;
}

/**
 * The parser over text that arrives in pieces (a file read a chunk at a time): `push` each piece, then `end`;
 * `onRow` gets every record as soon as it is complete. A quote or carriage return at the end of a piece waits for
 * the next one (it may start `""` or CRLF), so any split of the text gives the rows of the whole.
 */
export function csvRowStream(onRow: (row: CsvRow) => void): { push(text: string): void; end(): void } {
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let cellStarted = false;
  let line = 1;
  let rowLine = 1;
  /** A row of one empty quoted field (`""`) is a record; a line with nothing on it is not. */
  let rowHadQuotes = false;
  let first = true;
  let carry = '';
  const endCell = (): void => {
    cells.push(cell);
    cell = '';
    cellStarted = false;
  };
  const endRow = (): void => {
    endCell();
    if (cells.length > 1 || cells[0] !== '' || rowHadQuotes) onRow({ cells, line: rowLine });
    cells = [];
    rowHadQuotes = false;
  };
  const consume = (text: string, final: boolean): void => {
    let body = carry + text;
    carry = '';
    if (first && body.length > 0) {
      if (body.charCodeAt(0) === 0xfeff) body = body.slice(1);
      first = false;
    }
    for (let i = 0; i < body.length; i++) {
      const ch = body[i]!;
      // What this character means depends on the next one, which has not arrived yet.
      if (!final && i === body.length - 1 && (ch === '\r' || (ch === '"' && quoted))) {
        carry = ch;
        return;
      }
      if (quoted) {
        if (ch === '"' && body[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (ch === '"') quoted = false;
        else {
          if (ch === '\n' || (ch === '\r' && body[i + 1] !== '\n')) line++;
          cell += ch;
        }
      } else if (ch === '"' && !cellStarted) {
        quoted = true;
        cellStarted = true;
        rowHadQuotes = true;
      } else if (ch === ',') endCell();
      else if (ch === '\n' || ch === '\r') {
        if (ch === '\r' && body[i + 1] === '\n') i++;
        endRow();
        line++;
        rowLine = line;
      } else {
        cell += ch;
        cellStarted = true;
      }
    }
  };
  return {
    push: (text) => consume(text, false),
    end() {
      consume('', true);
      if (cell !== '' || cells.length > 0 || cellStarted) endRow();
    },
  };
}

export function parseCsv(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  const stream = csvRowStream((row) => rows.push(row));
  stream.push(text);
  stream.end();
  return rows;
}
