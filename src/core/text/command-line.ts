/** The grammar of options shared by Distillery's command lines (the trainer's and every `distillery` command's). */

/**
 * `--name=value` split at its first `=` into the flag and its inline value; any other word (`--name`, `-x`, a
 * positional, even one holding `=`) comes back whole with no inline value, so the caller reads the next word.
 */
export function splitOption(arg: string): readonly [flag: string, inline: string | undefined] {
  const at = arg.indexOf('=');
  return arg.startsWith('--') && at >= 0 ? [arg.slice(0, at), arg.slice(at + 1)] : [arg, undefined];
}
