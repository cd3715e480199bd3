/** Dataset facts for whatever `data.source` names, read through the injected file system. */
import * as path from '../paths/file-path';
import type { ConfigFileSystem } from '../analysis/file-system';
import type { Problem } from '../analysis/problem';
import type { DataSource } from '../config/types';
import { applyLimit } from './apply-limit';
import { BUNDLED_DATASET_INFO } from './bundled-datasets';
import { csvDatasetInfo } from './csv-dataset';
import { parseCsv } from './csv-text';
import type { DatasetInfo } from './dataset-info';
import { imageFolderInfo } from './image-folder-dataset';

export interface DatasetResult {
  readonly info?: DatasetInfo;
  readonly problems: readonly Problem[];
}

const SOURCE = ['data', 'source'] as const;

function unlimited(source: DataSource, fs: ConfigFileSystem, resolve: (p: string) => string): DatasetResult {
  switch (source.kind) {
    case 'bundled': {
      const info = BUNDLED_DATASET_INFO[source.name];
      return info ? { info, problems: [] } : { problems: [] };
    }
    case 'csv': {
      const file = resolve(source.csv);
      const text = fs.kind(file) === 'file' ? fs.readText(file) : undefined;
      if (text === undefined) {
        return {
          problems: [
            {
              code: 'missing-file',
              path: [...SOURCE, 'csv'],
              message: `CSV file not found: ${source.csv} (paths are relative to the config file).`,
            },
          ],
        };
      }
      const result = csvDatasetInfo(path.basename(file), parseCsv(text), source.label);
      if (result.ok) return { info: result.info, problems: [] };
      const code = result.problem === 'no-label' ? 'unknown-key' : 'missing-file';
      return {
        problems: [
          {
            code,
            path: [...SOURCE, result.problem === 'no-label' ? 'label' : 'csv'],
            message: `${source.csv}: ${result.message}`,
          },
        ],
      };
    }
    case 'images': {
      const folder = resolve(source.images);
      if (fs.kind(folder) !== 'folder') {
        return {
          problems: [
            {
              code: 'missing-file',
              path: [...SOURCE, 'images'],
              message: `Image folder not found: ${source.images} (paths are relative to the config file).`,
            },
          ],
        };
      }
      const result = imageFolderInfo(folder, source.size, source.grayscale, fs);
      return result.ok
        ? { info: result.info, problems: [] }
        : {
            problems: [
              { code: 'missing-file', path: [...SOURCE, 'images'], message: `${source.images}: ${result.message}` },
            ],
          };
    }
  }
}

export function resolveDataset(
  source: DataSource,
  limit: number | undefined,
  fs: ConfigFileSystem,
  resolve: (p: string) => string,
): DatasetResult {
  const result = unlimited(source, fs, resolve);
  return result.info ? { ...result, info: applyLimit(result.info, limit) } : result;
}
