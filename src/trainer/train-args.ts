import { parseSearchShare, type SearchShare } from '../core/compression/search-space';

/** Command-line options shared by the trainer process and `distillery train`. */
import { splitOption } from '../core/text/command-line';

export interface TrainArgs {
  readonly config: string;
  readonly runDir?: string;
  readonly json: boolean;
  readonly seed?: number;
  readonly resume: boolean;
}

export function parseTrainArgs(args: readonly string[]): TrainArgs {
  let config: string | undefined;
  let runDir: string | undefined;
  let seed: number | undefined;
  let json = false;
  let resume = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = splitOption(arg);
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value.`);
      return v;
    };
    if (flag === '--json') json = true;
    else if (flag === '--resume') resume = true;
    else if (flag === '--run-dir') runDir = value();
    else if (flag === '--seed') {
      const text = value();
      seed = Number(text);
      if (!Number.isInteger(seed) || seed < 0) throw new Error(`--seed must be a non-negative integer, not ${text}.`);
    } else if (flag.startsWith('-')) throw new Error(`unknown option ${flag}.`);
    else if (config === undefined) config = arg;
    else throw new Error(`unexpected argument ${arg} (one config at a time).`);
  }
  if (!config) throw new Error('give the config file to train.');
  if (resume && !runDir) throw new Error('--resume needs --run-dir (the run to continue).');
  return { config, json, resume, ...(runDir ? { runDir } : {}), ...(seed === undefined ? {} : { seed }) };
}

/** The trainer process's steps of a search spread over a Slurm job array; `rest` is left for parseTrainArgs. */
export interface SearchStepArgs {
  readonly stopBeforeSearch: boolean;
  readonly share?: SearchShare;
  readonly rest: readonly string[];
}

export function takeSearchStepArgs(args: readonly string[]): SearchStepArgs {
  const rest: string[] = [];
  let stopBeforeSearch = false;
  let share: SearchShare | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = splitOption(arg);
    if (arg === '--stop-before-search') stopBeforeSearch = true;
    else if (flag === '--search-share') {
      const value = inline ?? args[++i];
      if (value === undefined) throw new Error('--search-share needs a value (I/N).');
      share = parseSearchShare(value);
    } else rest.push(arg);
  }
  if (stopBeforeSearch && share)
    throw new Error('--stop-before-search and --search-share are different jobs; give one.');
  return { stopBeforeSearch, rest, ...(share ? { share } : {}) };
}
