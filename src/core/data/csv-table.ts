/**
 * What goes wrong reading a CSV file as a labelled table (csv-scan.ts reads it, for check and train alike), and how
 * both show it.
 */

export interface CsvProblem {
  /** 1-based line of the file the problem is on, when it is on one. */
  readonly line?: number;
  readonly message: string;
  readonly hint?: string;
  /** `no-label`: the label names no column (the config is wrong); `data`: the file is. */
  readonly kind: 'no-label' | 'data';
}

/** A cell that counts as a number: not blank, and a finite number as JavaScript reads it. */
export const isCsvNumber = (text: string): boolean => text.trim() !== '' && Number.isFinite(Number(text));

/** `file:line: message`, as both check and train show a problem. */
export function describeCsvProblem(shownPath: string, found: CsvProblem): string {
  return `${shownPath}${found.line === undefined ? '' : `:${found.line}`}: ${found.message}`;
}
