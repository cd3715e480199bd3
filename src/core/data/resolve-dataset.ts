/** Dataset facts for whatever `data.source` names, read through the injected file system. */
import * as path from '../paths/file-path';
import type { ConfigFileSystem } from '../analysis/file-system';
import type { Problem } from '../analysis/problem';
import type { DataSource } from '../config/types';
import { applyLimit } from './apply-limit';
import { BUNDLED_DATASET_INFO } from './bundled-datasets';
import { csvDatasetInfo } from './csv-dataset';
import { type CsvText, scanCsv } from './csv-scan';
import { describeCsvProblem } from './csv-table';
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
      // Read in streaming passes where the file system can (the disk), else as one chunk (an open editor buffer).
      let readable = fs.kind(file) === 'file';
      const text: CsvText = (onText) => {
        if (!readable) return;
        if (fs.readTextChunks) readable = fs.readTextChunks(file, onText);
        else {
          const whole = fs.readText(file);
          if (whole === undefined) readable = false;
          else onText(whole);
        }
      };
      const read = scanCsv(text, source.label);
      if (!readable) {
        return {
          problems: [
            {
              code: 'missing-file',
              path: [...SOURCE, 'csv'],
              message:
                fs.readProblem?.(file) ?? `CSV file not found: ${source.csv} (paths are relative to the config file).`,
            },
          ],
        };
      }
      if (read.ok) return { info: csvDatasetInfo(path.basename(file), read.scan), problems: [] };
      const wrongLabel = read.kind === 'no-label';
      return {
        problems: [
          {
            code: wrongLabel ? 'unknown-key' : 'missing-file',
            path: [...SOURCE, wrongLabel ? 'label' : 'csv'],
            message: describeCsvProblem(source.csv, read),
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
