/**
 * Every byte the trainer writes goes through here: only inside the run directory, each file written to a
 * temporary name and renamed (so a run killed mid-write keeps its last complete checkpoint), and a full disk
 * turned into a clear error instead of a half-written run.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TrainerError } from './errors';
import { readTextFile, readBinaryFile } from '../../node/file-system';

export class RunFiles {
  constructor(readonly root: string) {}

  /**
   * Absolute path of `relative` inside the run directory; refuses anything that escapes it, by its text or
   * through a symbolic link (the trainer never makes links, so a link in a run directory was put there to
   * lead reads and writes elsewhere). `finalMayBeLink`: the last component may be a link (removing one is safe).
   */
  resolve(relative: string, finalMayBeLink = false): string {
    const absolute = path.resolve(this.root, relative);
    const inside = path.relative(this.root, absolute);
    if (inside.startsWith('..') || path.isAbsolute(inside))
      throw new Error(`Refusing to write outside the run directory: ${relative}`);
    const parts = inside.split(path.sep).filter(Boolean);
    let current = this.root;
    for (const [index, part] of parts.entries()) {
      current = path.join(current, part);
      let link: boolean;
      try {
        link = fs.lstatSync(current).isSymbolicLink();
      } catch {
        break; // does not exist yet: nothing below it can be a link
      }
      if (link && !(finalMayBeLink && index === parts.length - 1))
        throw new TrainerError(
          `${current} is a symbolic link; run files must be inside the run directory ${this.root}.`,
          'Remove the link (or start a new run without --resume); the trainer never creates links.',
          'run-file-link',
        );
    }
    return absolute;
  }

  /** The files of a folder inside this run directory (created if missing), with the same containment. */
  within(relative: string): RunFiles {
    const absolute = this.resolve(relative);
    fs.mkdirSync(absolute, { recursive: true });
    return new RunFiles(absolute);
  }

  exists(relative: string): boolean {
    return fs.existsSync(this.resolve(relative));
  }

  readText(relative: string): string {
    return readTextFile(this.resolve(relative));
  }

  readBytes(relative: string): Uint8Array {
    return readBinaryFile(this.resolve(relative));
  }

  writeFile(relative: string, data: string | Uint8Array): void {
    const target = this.resolve(relative);
    const temporary = `${target}.partial`;
    this.guard(
      relative,
      () => {
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(temporary, data);
        fs.renameSync(temporary, target);
      },
      temporary,
    );
  }

  appendLine(relative: string, line: string): void {
    const target = this.resolve(relative);
    this.guard(relative, () => {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.appendFileSync(target, `${line}\n`);
    });
  }

  /** Moves a file within the run directory (a rename: it needs no disk space, so it cannot half-happen on a full disk). */
  move(from: string, to: string): void {
    const target = this.resolve(to);
    this.guard(to, () => {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.renameSync(this.resolve(from), target);
    });
  }

  removeDir(relative: string): void {
    fs.rmSync(this.resolve(relative, true), { recursive: true, force: true });
  }

  private guard(relative: string, write: () => void, temporary?: string): void {
    try {
      write();
    } catch (error) {
      if (temporary) fs.rmSync(temporary, { force: true });
      const code = (error as { code?: string }).code;
      if (code === 'ENOSPC' || code === 'EDQUOT') {
        throw new TrainerError(
          `No space left on the device while writing ${path.join(this.root, relative)}.`,
          'Free some disk space (or use --run-dir on a larger disk) and run again with --resume: completed checkpoints are kept.',
          'ENOSPC',
        );
      }
      throw error;
    }
  }
}
