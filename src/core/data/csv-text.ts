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

export function parseCsv(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let cellStarted = false;
  let line = 1;
  let rowLine = 1;
  /** A row of one empty quoted field (`""`) is a record; a line with nothing on it is not. */
  let rowHadQuotes = false;
  const endCell = (): void => {
    cells.push(cell);
    cell = '';
    cellStarted = false;
  };
  const endRow = (): void => {
    endCell();
    if (cells.length > 1 || cells[0] !== '' || rowHadQuotes) rows.push({ cells, line: rowLine });
    cells = [];
    rowHadQuotes = false;
  };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
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
  if (cell !== '' || cells.length > 0 || cellStarted) endRow();
  return rows;
}
