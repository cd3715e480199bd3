/**
 * File and folder completion for schema strings marked as paths (`teacher.model`, `data.source.csv`,
 * `data.source.images`, `output`), relative to the config file's folder. Offers folders (to descend into)
 * and files with the schema's extensions; the edit replaces only the path segment being typed.
 */
import * as path from 'node:path';
import { type CompletionItem, CompletionItemKind } from 'vscode-languageserver';
import type { ConfigFileSystem } from '../../core/analysis/file-system';
import type { StringNode } from '../../core/schema/types';
import type { CursorContext } from '../language/cursor-context';

/** Folders with this many entries are listed only up to it (a completion list is not a file browser). */
const MAX_ENTRIES = 500;

export function completePath(
  node: StringNode,
  ctx: CursorContext,
  configPath: string,
  fs: ConfigFileSystem,
): CompletionItem[] {
  const typed = ctx.prefix.replace(/^["']/, '');
  const slash = typed.lastIndexOf('/');
  const folderPart = slash >= 0 ? typed.slice(0, slash + 1) : '';
  const folder = path.resolve(path.dirname(configPath), folderPart || '.');
  const segmentStart = ctx.replaceStart + (ctx.prefix.length - typed.length) + folderPart.length;
  const range = {
    start: { line: ctx.line, character: segmentStart },
    end: { line: ctx.line, character: ctx.replaceEnd },
  };
  const items: CompletionItem[] = [];
  for (const name of fs.list(folder).slice(0, MAX_ENTRIES)) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const kind = fs.kind(path.join(folder, name));
    if (kind === 'folder') {
      items.push({
        label: `${name}/`,
        kind: CompletionItemKind.Folder,
        sortText: `0${name}`,
        textEdit: { range, newText: node.path === 'folder' ? name : `${name}/` },
        ...(node.path === 'file' ? { command: { title: 'Suggest', command: 'editor.action.triggerSuggest' } } : {}),
      });
    } else if (kind === 'file' && node.path === 'file') {
      const extensions = node.pathExtensions ?? [];
      if (extensions.length && !extensions.some((ext) => name.toLowerCase().endsWith(ext))) continue;
      items.push({
        label: name,
        kind: CompletionItemKind.File,
        sortText: `1${name}`,
        textEdit: { range, newText: name },
      });
    }
  }
  return items;
}
