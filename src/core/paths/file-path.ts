/**
 * Host file paths without `node:path`, so core stays pure and runs the same in the language server, the CLI,
 * the trainer and the browser. Each call takes its flavour from the path it is given: a path that starts with
 * a drive letter (`C:`) or a UNC prefix (`\\server\share`) is a Windows path (both separators, case-insensitive
 * comparison, `\` in results); anything else is POSIX, where `\` is an ordinary character of a file name.
 * Results match `node:path` (posix or win32) for absolute paths; tests compare the two.
 */

type Flavour = 'posix' | 'windows';

interface ParsedPath {
  readonly flavour: Flavour;
  /** '' (relative), '/', '\\', 'C:', 'C:\\' or '\\\\server\\share\\'. */
  readonly root: string;
  readonly segments: readonly string[];
}

const DRIVE = /^([A-Za-z]:)([\\/])?/;
const UNC = /^[\\/]{2}([^\\/]+)[\\/]+([^\\/]+)[\\/]*/;

function flavourOf(file: string): Flavour {
  return DRIVE.test(file) || /^\\\\/.test(file) ? 'windows' : 'posix';
}

const separatorOf = (flavour: Flavour): string => (flavour === 'windows' ? '\\' : '/');

/** The root of a path in its normal form, and how many characters of `file` it takes. */
function splitRoot(file: string, flavour: Flavour): { root: string; length: number } {
  if (flavour === 'posix') return file.startsWith('/') ? { root: '/', length: 1 } : { root: '', length: 0 };
  const unc = UNC.exec(file);
  if (unc) return { root: `\\\\${unc[1]}\\${unc[2]}\\`, length: unc[0].length };
  const drive = DRIVE.exec(file);
  if (drive) return { root: drive[2] ? `${drive[1]}\\` : drive[1]!, length: drive[0].length };
  return /^[\\/]/.test(file) ? { root: '\\', length: 1 } : { root: '', length: 0 };
}

/** Splits and normalises: no empty or '.' segments, '..' folded where something precedes it. */
function parse(file: string, flavour: Flavour = flavourOf(file)): ParsedPath {
  const { root, length } = splitRoot(file, flavour);
  const segments: string[] = [];
  for (const segment of file.slice(length).split(flavour === 'windows' ? /[\\/]+/ : /\/+/)) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      const last = segments[segments.length - 1];
      if (last !== undefined && last !== '..') segments.pop();
      else if (root === '') segments.push('..'); // above the root of an absolute path there is only the root
      continue;
    }
    segments.push(segment);
  }
  return { flavour, root, segments };
}

function format(parsed: ParsedPath): string {
  const body = parsed.segments.join(separatorOf(parsed.flavour));
  return parsed.root + body || '.';
}

const isRooted = (parsed: ParsedPath): boolean => parsed.root !== '' && !/^[A-Za-z]:$/.test(parsed.root);

export function isAbsolute(file: string): boolean {
  return isRooted(parse(file));
}

/** `base` with each of `parts` applied in turn, as a shell's `cd` would; an absolute part starts afresh. */
export function resolve(base: string, ...parts: string[]): string {
  let current = parse(base);
  for (const part of parts) {
    const next = parse(part, current.flavour);
    if (next.root === '') current = parse(`${format(current)}${separatorOf(current.flavour)}${part}`, current.flavour);
    else if (next.root === '\\' && current.flavour === 'windows')
      current = { ...next, root: current.root === '' ? '\\' : current.root.replace(/\\?$/, '\\') };
    else current = next;
  }
  return format(current);
}

export function join(first: string, ...rest: string[]): string {
  const flavour = flavourOf(first);
  return format(parse([first, ...rest].join(separatorOf(flavour)), flavour));
}

/** The path without its last segment, its separators kept as written (as `node:path` does). */
export function dirname(file: string): string {
  const flavour = flavourOf(file);
  const rootLength = splitRoot(file, flavour).length;
  const isSeparator = (c: string | undefined): boolean => c === '/' || (flavour === 'windows' && c === '\\');
  let end = file.length;
  while (end > rootLength && isSeparator(file[end - 1])) end--; // trailing separators
  while (end > rootLength && !isSeparator(file[end - 1])) end--; // the last name
  while (end > rootLength && isSeparator(file[end - 1])) end--; // the separators before it
  return end > rootLength ? file.slice(0, end) : file.slice(0, rootLength) || '.';
}

export function basename(file: string): string {
  const flavour = flavourOf(file);
  const segments = file
    .slice(splitRoot(file, flavour).length)
    .split(flavour === 'windows' ? /[\\/]+/ : /\/+/)
    .filter((s) => s !== '');
  return segments[segments.length - 1] ?? '';
}

/** The extension of the last segment, dot included ('' for none and for names such as `.gitignore`). */
export function extname(file: string): string {
  const name = basename(file);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot);
}

/** The way from `from` to `to`; `to` itself when they share no root (two Windows drives). */
export function relative(from: string, to: string): string {
  const a = parse(from);
  const b = parse(to, a.flavour);
  const same = a.flavour === 'windows' ? (x: string, y: string) => x.toLowerCase() === y.toLowerCase() : Object.is;
  if (!same(a.root, b.root)) return format(b);
  let common = 0;
  while (common < a.segments.length && common < b.segments.length && same(a.segments[common]!, b.segments[common]!))
    common++;
  const up: string[] = a.segments.slice(common).map(() => '..');
  return [...up, ...b.segments.slice(common)].join(separatorOf(a.flavour));
}
