/**
 * The teacher assistant (`teacher.assistant`, Mirzadeh et al. 2020): a mid-sized network distilled from the
 * teacher with the run's distillation and training settings (same labels as the student sees), saved as
 * `assistant/`, evaluated against the teacher, and then handed to the student phase as its teacher.
 */
import type { Examples } from '../data/dataset';
import type { LayerSpec } from '../../core/config/types';
import { configLayerDefs } from '../../core/model/config-layers';
import { deriveStudentLayers } from '../../core/model/derive-student';
import { MODEL_DIRS } from '../../core/runs/layout';
import { teacherOutputsOf } from '../eval/evaluate-model';
import { buildModel } from '../model/build-model';
import { layerExtractor } from '../model/load-teacher';
import { TrainerError } from '../run/errors';
import { distillationData, kdSettingsOf } from './distillation-job';
import { evaluateAndSave } from './evaluate-phase';
import { type RunContext, trainWithEvents } from './run-context';
import type { TeacherOutcome } from './teacher-phase';

function assistantLayers(ctx: RunContext, teacher: TeacherOutcome): LayerSpec[] {
  const assistant = ctx.config.teacher.assistant!;
  if (assistant.layers?.length) return [...assistant.layers];
  if (!teacher.defs)
    throw new TrainerError(
      'teacher.assistant.from_teacher needs a teacher whose layers can be read (not a graph model).',
      'Define teacher.assistant.layers instead.',
    );
  const derived = deriveStudentLayers(teacher.defs, assistant.from_teacher?.width ?? 0.5);
  if (!derived.ok)
    throw new TrainerError(derived.message.replace(/student\.from_teacher/g, 'teacher.assistant.from_teacher'));
  return [...derived.layers];
}

/** Trains the assistant on the teacher's logits over the training inputs; returns it as the student's teacher. */
export async function runAssistantPhase(
  ctx: RunContext,
  teacher: TeacherOutcome,
  teacherLogits: Examples,
): Promise<TeacherOutcome> {
  const { config, data } = ctx;
  const layers = assistantLayers(ctx, teacher);
  ctx.sink.emit({ type: 'phase', phase: 'assistant', message: 'Distilling the teacher assistant from the teacher.' });
  const model = buildModel(layers, data.inputShape, data.classNames.length, ctx.baseSeed, 'assistant');
  await trainWithEvents(ctx, {
    role: 'assistant',
    seed: ctx.baseSeed,
    model,
    kd: kdSettingsOf(ctx),
    data: distillationData(ctx, teacherLogits),
    validation: data.validation,
    settings: config.training,
  });
  const evaluated = await evaluateAndSave(ctx, {
    role: 'assistant',
    model,
    teacherLogits: teacherOutputsOf(teacher.evaluated.evaluation),
    saveDir: MODEL_DIRS.assistant,
    label: 'teacher assistant',
  });
  return {
    model,
    layers: model,
    defs: configLayerDefs(layers, ['teacher', 'assistant']),
    extract: layerExtractor(model, 'the teacher assistant'),
    evaluated,
    outputsProbabilities: false,
  };
}
