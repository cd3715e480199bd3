/**
 * A throw-away workspace on disk for the server tests: a TF.js teacher model (model.json in the format
 * tfjs-layers writes, with its weights file), a CSV file and a folder for runs. Each test suite gets its own copy.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileUri } from './lsp-harness';

/** Parameters of the fixture teacher: 4*16+16 + 16*3+3. */
export const FIXTURE_TEACHER_PARAMS = 131;

export interface Workspace {
  readonly root: string;
  readonly modelPath: string;
  /** URI of a config file at the workspace root (not written to disk: the editor holds its text). */
  configUri(name?: string): string;
  dispose(): void;
}

export function createWorkspace(): Workspace {
  const root = mkdtempSync(path.join(tmpdir(), 'distillery-lsp-'));
  const modelDir = path.join(root, 'models', 'teacher');
  mkdirSync(modelDir, { recursive: true });
  cpSync(path.join(__dirname, 'fixtures', 'iris-teacher', 'model.json'), path.join(modelDir, 'model.json'));
  writeFileSync(path.join(modelDir, 'weights.bin'), Buffer.alloc(FIXTURE_TEACHER_PARAMS * 4));
  mkdirSync(path.join(root, 'data'));
  writeFileSync(path.join(root, 'data', 'train.csv'), 'a,b,species\n1,2,x\n3,4,y\n5,6,x\n7,8,y\n');
  return {
    root,
    modelPath: path.join(modelDir, 'model.json'),
    configUri: (name = 'test.distill.yaml') => fileUri(path.join(root, name)),
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** A valid config on bundled iris data distilling the fixture teacher into a named student. */
export const IRIS_CONFIG = `# iris distillation
version: 1
data:
  source: iris
  split: { validation: 0.2, test: 0.2, seed: 1 }
teacher:
  model: models/teacher/model.json
student:
  layers:
    - dense: { units: 8, activation: relu, name: hidden }
    - dense: { units: 3, name: logits }
distillation:
  temperature: 4
  soft_weight: 0.7
  hard_weight: 0.3
training: { epochs: 5, batch_size: 16, early_stopping: { patience: 2 } }
evaluation:
  baseline: true
output: runs
`;
