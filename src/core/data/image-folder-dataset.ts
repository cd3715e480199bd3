/** Dataset facts for `source: { images }`: one sub-folder per class, PNG or JPEG files inside. */
import * as path from '../paths/file-path';
import type { ConfigFileSystem } from '../analysis/file-system';
import type { DatasetInfo } from './dataset-info';

export const IMAGE_EXTENSIONS: readonly string[] = ['.png', '.jpg', '.jpeg'];

const isImage = (name: string): boolean => IMAGE_EXTENSIONS.includes(path.extname(name).toLowerCase());

export type ImageFolderResult =
  { readonly ok: true; readonly info: DatasetInfo } | { readonly ok: false; readonly message: string };

export function imageFolderInfo(
  folder: string,
  size: number,
  grayscale: boolean,
  fs: ConfigFileSystem,
): ImageFolderResult {
  const classNames = fs
    .list(folder)
    .filter((name) => !name.startsWith('.') && fs.kind(path.join(folder, name)) === 'folder')
    .sort();
  const classCounts = classNames.map((name) => fs.list(path.join(folder, name)).filter(isImage).length);
  const used = classNames.map((name, i) => ({ name, count: classCounts[i]! })).filter((c) => c.count > 0);
  if (used.length < 2) {
    return {
      ok: false,
      message: `The image folder needs at least two sub-folders (one per class) holding PNG or JPEG files; found ${used.length}.`,
    };
  }
  return {
    ok: true,
    info: {
      name: path.basename(folder),
      inputShape: [size, size, grayscale ? 1 : 3],
      classNames: used.map((c) => c.name),
      classCounts: used.map((c) => c.count),
      examples: used.reduce((a, c) => a + c.count, 0),
    },
  };
}
