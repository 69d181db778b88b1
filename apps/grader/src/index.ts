export { main, EXIT } from './cli/main.js';
// report/ and tensorboard/ — HTML/PDF report, learning-curve charts, TensorBoard event files.
export { renderReport, sortFindings, type RenderOptions } from './report/render.js';
export { writeReport, type WriteReportOptions, type WrittenReport } from './report/write-report.js';
export { findBrowser, printPdf, screenshotReport, CHROMIUM_ARGS } from './report/browser.js';
export { loadMessages, translate, isLang, LANGS, type Lang, type Messages } from './messages/locale.js';
export { diagnoseRun, diagnoseRuns, worstOverfit, type RunDiagnosis } from './report/diagnosis.js';
export {
  type ReportInput, type TodoRow, type TodoStatus,
  type ReportGroup, type NamedRun, type LearningRatePoint, type ModelSummary, type ClassificationSection, type ReportAnswer,
} from './report/types.js';
export { createEventWriter } from './tensorboard/event-writer.js';
export { writeTensorboardLogs, runFolderName } from './tensorboard/write-histories.js';
// batch/ — class-scale grading: batch, shards, merge, gradebook, PR comment.
export { runBatch, type BatchOptions, type BatchOutcome } from './batch/run-batch.js';
export { mergeShards } from './batch/merge-shards.js';
export { parseShard, inShard, type Shard } from './batch/shard.js';
export { studentFolderName } from './batch/student-folder.js';
export { formatGradebook } from './batch/gradebook.js';
export { formatSummary } from './batch/summary.js';
export { readClassRows, type ClassRow } from './batch/class-rows.js';
export { digestResults, type ResultsDigest, type ItemScore, type ModelBce } from './batch/results-digest.js';
export { buildPrComment, GITHUB_COMMENT_LIMIT, type PrComment, type PrCommentOptions } from './batch/pr-comment.js';
export type { BatchEntry, SubmissionStatus } from './batch/batch-entry.js';
// grading: submission → validate → run models → rubric checks → Gradescope results
export { gradeSubmission, assertGraded, GRADE_EXIT, type GradeOptions, type GradeOutcome } from './run/grade-submission.js';
export { runLab, type LabRunOptions, type LabRunEntry } from './run/run-lab.js';
export { type RunEvent, type RunListener } from './run/events.js';
export { loadLab } from './lab/load-lab.js';
export type { Lab, LabDefinition, Rubric, RubricItem, Profile } from './lab/types.js';
export { loadSubmission, type LoadedSubmission, type ResolvedModel } from './submission/load-submission.js';
export { importKerasModel, type KerasImport } from './submission/keras-json.js';
export type { Submission, SubmittedModel, DatasetSection, ReportDeclaration } from './submission/types.js';
export { analyzeModel, type StaticAnalysis } from './checks/static/analyze-model.js';
export { RUBRIC_CHECKS, CHECK_NAMES, rubricCheck } from './checks/rubric/index.js';
export { rubricSchema } from './lab/rubric-schema.js';
export { runRubric, type ItemResult } from './checks/run-rubric.js';
export type { RunFacts, ModelFacts, StaticFacts, TrainingFacts, DatasetFacts } from './checks/facts.js';
export { defineCheck, ITEM_STATUSES, type CheckOutcome, type CheckDefinition, type CheckedItem, type ItemStatus, type RubricCheck } from './checks/types.js';
export { FINDINGS, FINDING_CODES, isFindingCode, type Finding, type ResultsFinding, type FindingCode, type Severity } from './findings/types.js';
export { GRADER_ERRORS, GraderError, ownerOf, faultOf, type GraderErrorCode, type Fault } from './errors.js';
export { gradedResults, invalidResults, faultResults, type GradescopeResults, type GradescopeTest, type ModelSummaryFacts } from './results/gradescope.js';
export { loadOverrides, applyOverrides, type Override } from './results/overrides.js';
export { writeResults } from './results/write-results.js';
export { formatScoreTable } from './format/score-table.js';
// isolation: one model's training in a child process under a time and a memory budget
export { trainIsolated, TRAIN_CHILD, type IsolatedOutcome, type IsolatedSettings } from './isolation/train-isolated.js';
export { limitsOf, DEFAULT_LIMITS } from './isolation/limits.js';
export type { ModelLimits } from './isolation/protocol.js';
export type { ProfileLimits } from './lab/types.js';
