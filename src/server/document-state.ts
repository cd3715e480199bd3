/**
 * One version of one open config: its text, and (computed on first use, then kept) its line index and, on
 * the analysis worker only, its parse. The main thread never parses: its features read the worker's facts.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parseConfig, type ParsedConfig } from '../core/config/parse';
import { parseYaml, type YamlParser } from '../core/config/yaml-document';
import { LineIndex } from './language/block-path';
import { uriToPath } from './uri';

export class DocumentState {
  readonly configPath: string;
  readonly uri: string;
  /** Captured at creation: the TextDocument object itself is updated in place by later edits. */
  readonly version: number;
  readonly text: string;
  private lineIndex?: LineIndex;
  private lineStarts?: number[];
  private parsedConfig?: ParsedConfig;

  constructor(
    document: TextDocument,
    private readonly yaml: YamlParser = parseYaml,
  ) {
    this.uri = document.uri;
    this.version = document.version;
    this.text = document.getText();
    this.configPath = uriToPath(document.uri);
  }

  get lines(): LineIndex {
    this.lineIndex ??= new LineIndex(this.text.split(/\r?\n/));
    return this.lineIndex;
  }

  /** A position moved inside the text: a line past the end goes to the last line, a character to its end. */
  clamp(position: { readonly line: number; readonly character: number }): { line: number; character: number } {
    const lines = this.lines.lines;
    const line = Number.isFinite(position.line)
      ? Math.max(0, Math.min(Math.trunc(position.line), lines.length - 1))
      : 0;
    const length = lines[line]?.length ?? 0;
    const character = Number.isFinite(position.character)
      ? Math.max(0, Math.min(Math.trunc(position.character), length))
      : 0;
    return { line, character };
  }

  /** Offset of an LSP position (clamped to the text). */
  offsetAt(position: { readonly line: number; readonly character: number }): number {
    if (!this.lineStarts) {
      this.lineStarts = [0];
      for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
    }
    const start = this.lineStarts[Math.max(0, Math.min(position.line, this.lineStarts.length - 1))] ?? 0;
    return Math.min(this.text.length, start + Math.max(0, position.character));
  }

  get parsed(): ParsedConfig {
    this.parsedConfig ??= parseConfig(this.text, this.yaml);
    return this.parsedConfig;
  }
}
