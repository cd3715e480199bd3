/**
 * Distillery: New Config...: three quick questions (dataset, teacher, student size), then a config that the
 * analysis checks clean is written next to the others and opened.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { analyzeConfig } from '../../core/analysis/analyze';
import { nodeFileSystem } from '../../node/file-system';
import { BUNDLED_DATASETS, type BundledDataset } from '../../core/schema/distill-schema';
import { buildConfigText, datasetDescription, type StudentSize, type TeacherChoice } from './config-template';

const TITLE = 'New Distillery Config';

async function askDataset(): Promise<BundledDataset | undefined> {
  const picked = await vscode.window.showQuickPick(
    BUNDLED_DATASETS.map((name) => ({ label: name, description: datasetDescription(name), name })),
    { title: `${TITLE} (1/3): dataset`, placeHolder: 'Which bundled dataset?' },
  );
  return picked?.name;
}

async function askTeacher(folder: string): Promise<TeacherChoice | undefined> {
  const items: (vscode.QuickPickItem & { choice?: TeacherChoice; browse?: true })[] = [
    {
      label: 'Small MLP teacher',
      description: 'one hidden layer, trained first',
      choice: { kind: 'architecture', size: 'small' },
    },
    {
      label: 'Medium MLP teacher',
      description: 'two hidden layers, trained first',
      choice: { kind: 'architecture', size: 'medium' },
    },
    {
      label: 'Large MLP teacher',
      description: 'two wide hidden layers (Hinton et al. 2015 size on MNIST)',
      choice: { kind: 'architecture', size: 'large' },
    },
    { label: 'Existing TF.js model...', description: 'a model.json you already trained', browse: true },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: `${TITLE} (2/3): teacher`,
    placeHolder: 'Where does the teacher come from?',
  });
  if (!picked) return undefined;
  if (picked.choice) return picked.choice;
  const files = await vscode.window.showOpenDialog({
    canSelectMany: false,
    filters: { 'TF.js Layers model': ['json'] },
    defaultUri: vscode.Uri.file(folder),
    openLabel: 'Use as teacher',
  });
  const file = files?.[0];
  if (!file) return undefined;
  return { kind: 'model', path: path.relative(folder, file.fsPath).split(path.sep).join('/') };
}

async function askStudentSize(): Promise<StudentSize | undefined> {
  const sizes: { label: string; description: string; size: StudentSize }[] = [
    { label: '4x smaller', description: 'safe: keeps most of the accuracy', size: 4 },
    { label: '8x smaller', description: 'a typical distillation target', size: 8 },
    { label: '16x smaller', description: 'aggressive: watch the capacity-gap warning', size: 16 },
  ];
  const picked = await vscode.window.showQuickPick(sizes, {
    title: `${TITLE} (3/3): student size`,
    placeHolder: 'How much smaller should the student be?',
  });
  return picked?.size;
}

async function chooseFile(folder: string, dataset: string): Promise<vscode.Uri | undefined> {
  let name = `${dataset}.distill.yaml`;
  for (let n = 2; fs.existsSync(path.join(folder, name)); n++) name = `${dataset}-${n}.distill.yaml`;
  return vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.file(path.join(folder, name)),
    filters: { 'Distillery config': ['distill.yaml', 'yaml'] },
    saveLabel: 'Create Config',
  });
}

/** The answers given up front (from another extension, a keybinding's args, or a test): no questions asked. */
export interface NewConfigRequest {
  readonly dataset: BundledDataset;
  readonly teacher: TeacherChoice;
  readonly studentSize: StudentSize;
  /** Absolute path of the file to write; must not exist yet. */
  readonly file: string;
}

function asRequest(value: unknown): NewConfigRequest | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const r = value as Partial<NewConfigRequest>;
  const teacherOk =
    r.teacher?.kind === 'architecture'
      ? ['small', 'medium', 'large'].includes(r.teacher.size)
      : r.teacher?.kind === 'model' && typeof r.teacher.path === 'string';
  const ok =
    typeof r.dataset === 'string' &&
    (BUNDLED_DATASETS as readonly string[]).includes(r.dataset) &&
    teacherOk &&
    (r.studentSize === 4 || r.studentSize === 8 || r.studentSize === 16) &&
    typeof r.file === 'string' &&
    path.isAbsolute(r.file);
  return ok ? (r as NewConfigRequest) : undefined;
}

export async function newConfig(argument?: unknown): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!folder) {
    void vscode.window.showErrorMessage('Open a folder first: the new config is written into the workspace.');
    return undefined;
  }
  if (argument !== undefined && !asRequest(argument)) {
    void vscode.window.showErrorMessage(
      'New Config: the arguments must be { dataset, teacher, studentSize: 4 | 8 | 16, file (absolute) }.',
    );
    return undefined;
  }
  const request = asRequest(argument);
  if (request && fs.existsSync(request.file)) {
    // Never overwrite: the user's existing config is worth more than a generated one.
    void vscode.window.showErrorMessage(`New Config: ${request.file} already exists.`);
    return undefined;
  }
  const dataset = request?.dataset ?? (await askDataset());
  if (!dataset) return undefined;
  const teacher = request?.teacher ?? (await askTeacher(folder));
  if (!teacher) return undefined;
  const studentSize = request?.studentSize ?? (await askStudentSize());
  if (!studentSize) return undefined;
  const target = request ? vscode.Uri.file(request.file) : await chooseFile(folder, dataset);
  if (!target) return undefined;

  // Paths in the config are relative to the config file: re-base a picked model onto the chosen folder.
  const adjusted: TeacherChoice =
    teacher.kind === 'model'
      ? {
          kind: 'model',
          path: path
            .relative(path.dirname(target.fsPath), path.resolve(folder, teacher.path))
            .split(path.sep)
            .join('/'),
        }
      : teacher;
  const text = buildConfigText({ dataset, teacher: adjusted, studentSize });
  const problems = analyzeConfig(text, target.fsPath, nodeFileSystem).diagnostics.filter((d) => d.severity === 'error');
  if (problems.length > 0) {
    // Never write a config that would not train; say exactly what is wrong instead.
    void vscode.window.showErrorMessage(
      `The generated config does not check clean: ${problems.map((d) => `${d.code}: ${d.message}`).join('; ')}`,
    );
    return undefined;
  }
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  const document = await vscode.workspace.openTextDocument(target);
  await vscode.window.showTextDocument(document);
  return target;
}
