import type { CheckName } from '../../lab/types.js';
import type { RubricCheck } from '../types.js';
import { capacityOverfits } from './capacity-overfits.js';
import { classificationReportCheck } from './classification-report.js';
import { preprocess } from './preprocess.js';
import { regularization } from './regularization.js';
import { textAnswer } from './text-answer.js';
import { validModel } from './valid-model.js';

/** Every rubric check by the name a rubric.yaml uses (`check: valid-model`). */
export const RUBRIC_CHECKS: Record<CheckName, RubricCheck> = {
  'capacity-overfits': capacityOverfits,
  'text-answer': textAnswer,
  preprocess,
  'valid-model': validModel,
  regularization,
  'classification-report': classificationReportCheck,
};
