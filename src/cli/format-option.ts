/**
 * The command line of a command that reads one thing and prints it in a chosen format (`inspect`, `report`):
 * `--format F` among `formats` (the first is the default) and the positional words; other options are refused.
 */
import { splitOption } from '../core/text/command-line';
import { UsageError } from './command';

export function readFormatAndPositionals<F extends string>(
  args: readonly string[],
  formats: readonly [F, ...F[]],
): { format: F; positionals: string[] } {
  let format: string = formats[0];
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = splitOption(arg);
    if (flag === '--format') format = inline ?? args[++i] ?? '';
    else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}.`);
    else positionals.push(arg);
  }
  if (!(formats as readonly string[]).includes(format))
    throw new UsageError(`--format must be ${alternatives(formats)}, not ${format || 'nothing'}.`);
  return { format: format as F, positionals };
}

/** `a`, `a or b`, `a, b or c`. */
const alternatives = (words: readonly string[]): string =>
  words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]!}`;
