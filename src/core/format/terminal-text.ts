/**
 * Text that came from files (reports, configs, model.json layer names, error messages quoting them) is made
 * safe to print on a terminal: escape sequences (CSI colours and cursor moves, OSC titles and hyperlinks,
 * DCS and the rest) and other control characters are removed, keeping newlines and tabs. A report.json
 * whose error reads "\u001b]0;pwned\u0007" must not retitle the user's terminal or hide lines.
 */
/* eslint-disable no-control-regex -- matching control characters is this file's job */
const ESCAPE_SEQUENCES =
  /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[PX^_][^\u001b]*(?:\u001b\\)?|[ -/]*[0-~])?/g;
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function stripTerminalEscapes(text: string): string {
  return text.replace(ESCAPE_SEQUENCES, '').replace(CONTROL_CHARACTERS, '');
}
