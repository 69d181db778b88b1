import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crashResults } from '../batch/grade-one.js';
import { runRubric } from '../checks/run-rubric.js';
import { graderSchema } from '../lab/schemas.js';
import { loadMessages } from '../messages/locale.js';
import { staticFacts } from '../test-helpers/facts.js';
import { faultResults, gradedResults, invalidResults, summaryLine, type GradescopeResults, type GradescopeTest } from './gradescope.js';
import { GRADESCOPE_RESULTS_SCHEMA, gradescopeIssues } from './gradescope-schema.js';
import { OUTPUT_FORMATS, VISIBILITIES } from './gradescope-spec.js';
import { applyOverrides } from './overrides.js';
import { writeResults } from './write-results.js';

const meta = { lab: 'lab5', profile: 'check', seed: 1, version: '0.1.0', seconds: 1.23, backend: 'wasm', student: { name: 'Ana <b>Lima</b>', id: '2024-0107' } };

/** results.json as fitcheck writes it (`writeResults`: escaped for Gradescope, then JSON). */
async function written(results: GradescopeResults): Promise<string> {
  const out = await mkdtemp(join(tmpdir(), 'fitcheck-schema-'));
  return readFile(await writeResults(out, results), 'utf8');
}

// For every property of a type: 'required' or 'optional'. Mapping over the TS types makes these
// tables fail to compile when a property is added, removed or changes optionality.
type Presence<T> = { [K in keyof T]-?: undefined extends T[K] ? 'optional' : 'required' };
const RESULTS = {
  score: 'required', execution_time: 'required', output: 'required', output_format: 'required', test_output_format: 'required',
  test_name_format: 'required', visibility: 'required', stdout_visibility: 'required', tests: 'required', leaderboard: 'optional', extra_data: 'required',
} as const satisfies Presence<GradescopeResults>;
const TEST = {
  name: 'required', name_format: 'required', number: 'required', score: 'optional', max_score: 'optional', status: 'optional', output: 'required',
  output_format: 'required', visibility: 'required', tags: 'required', extra_data: 'required',
} as const satisfies Presence<GradescopeTest>;

interface ObjectSchema { properties: Record<string, { enum?: string[] }>; definitions: Record<string, ObjectSchema & { enum?: string[] }> }

describe("Gradescope's results.json specification (schemas/gradescope-results.schema.json)", () => {
  const schema = graderSchema(GRADESCOPE_RESULTS_SCHEMA) as ObjectSchema;

  it('names every field fitcheck writes, with the formats and visibilities fitcheck uses', () => {
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(Object.keys(RESULTS)));
    expect(Object.keys(schema.definitions.test!.properties)).toEqual(expect.arrayContaining(Object.keys(TEST)));
    expect(schema.definitions.format!.enum).toEqual([...OUTPUT_FORMATS]);
    expect(schema.definitions.visibility!.enum).toEqual([...VISIBILITIES]);
  });

  it('refuses what Gradescope would silently ignore or reject: an unknown field, a format it lacks, no score at all', () => {
    expect(gradescopeIssues('{"score": 1, "max_score": 2}').map((i) => i.message)).toEqual([expect.stringContaining('unknown key "max_score"')]);
    expect(gradescopeIssues('{"score": 1, "output_format": "markdown"}').map((i) => i.line)).toEqual([1]);
    expect(gradescopeIssues('{"tests": [{"name": "a", "output": "pending"}]}')).not.toEqual([]);
    // A test without a score is allowed when the submission has one: fitcheck's pending items.
    expect(gradescopeIssues('{"score": 0, "tests": [{"name": "a", "output": "pending"}]}')).toEqual([]);
  });

  it('holds every results.json fitcheck writes: graded with pending, undecided and overridden items, a leaderboard, invalid, not graded, crashed', async () => {
    const { lab, facts } = await staticFacts('reference');
    const messages = loadMessages('en');
    const items = runRubric(lab.rubric, facts).map((r) => (r.item.number === '9' ? { ...r, outcome: { ...r.outcome, status: 'undecided' as const } } : r));
    const models = Object.values(facts.models).map((m) => (m.key === 'higgs.giant' ? { ...m, training: { ...TRAINING, bestValBce: 0.61 } } : m));
    const graded = gradedResults(items, models, { ...meta, leaderboard: [{ name: 'Giant <i>BCE</i>', model: 'higgs.giant', fact: 'bestValBce' }] }, summaryLine(items, messages), messages);
    const overridden = applyOverrides(graded, [{ student: '2024-0107', item: '2', points: 7, comment: '<script>x</script>' }]);
    const invalid = invalidResults(lab.rubric, [{ keyword: 'read', instancePath: '', message: 'unknown key "<h1>x</h1>"', file: 'lab5.yaml', line: 1, column: 1 }], meta, messages);
    const notGraded = faultResults({ code: 'TRAINING_CRASHED', owner: 'environment', message: 'signal SIGSEGV' }, meta, messages);
    const entry = { folder: 'ana', key: 'ana', studentId: 'ana', studentName: null, status: 'error' as const, exitCode: null, signal: 'SIGKILL' };
    const crashed = crashResults(entry, false, 60_000, 'epoch 3\n\u001b[31mKilled\u001b[0m');

    expect(graded.tests.map((t) => t.extra_data.status)).toEqual(['auto', 'pending', 'pending', 'pending', 'auto', 'auto', 'auto', 'auto', 'undecided', 'auto']);
    expect(graded.leaderboard).toEqual([{ name: 'Giant <i>BCE</i>', value: 0.61, order: 'asc' }]);
    for (const results of [graded, overridden, invalid, notGraded]) {
      const text = await written(results);
      expect(gradescopeIssues(text)).toEqual([]);
      const json = JSON.parse(text) as GradescopeResults;
      // Plain text everywhere: Gradescope shows it as written, so the student's markup is letters, not entities.
      expect([json.output_format, json.test_output_format, json.test_name_format, ...json.tests.flatMap((t) => [t.output_format, t.name_format])])
        .toEqual(Array(3 + 2 * json.tests.length).fill('text'));
      expect(text).not.toContain('&lt;');
    }
    expect(gradescopeIssues(JSON.stringify(crashed))).toEqual([]);
    expect(crashed.output).not.toContain('\u001b');
    expect(crashed.output).toContain('Killed');
    expect(JSON.parse(await written(overridden)).tests[1].output).toContain('TA: 7/10 — <script>x</script>');
    expect(JSON.parse(await written(invalid)).output).toContain('unknown key "<h1>x</h1>"');
  });

  it('sets visibility from rubric.yaml: an item\'s own, else the rubric\'s, else visible; stdout hidden unless the rubric says', async () => {
    const { lab, facts } = await staticFacts('reference');
    const items = runRubric({ ...lab.rubric, items: lab.rubric.items.map((i) => (i.number === '10' ? { ...i, visibility: 'after_published' as const } : i)) }, facts);
    const defaults = gradedResults(items, [], meta, '');
    expect([defaults.visibility, defaults.stdout_visibility]).toEqual(['visible', 'hidden']);
    expect(defaults.tests.map((t) => t.visibility)).toEqual([...Array(9).fill('visible'), 'after_published']);
    const set = gradedResults(items, [], { ...meta, visibility: { tests: 'after_due_date', stdout: 'visible' } }, '');
    expect([set.visibility, set.stdout_visibility]).toEqual(['after_due_date', 'visible']);
    expect(set.tests.map((t) => t.visibility)).toEqual([...Array(9).fill('after_due_date'), 'after_published']);
  });
});

const TRAINING = {
  epochsRun: 20, bestEpoch: 8, stoppedEarly: false, bestValBce: 0.6, finalTrainBce: 0.5, finalValBce: 0.7, gap: 0.2,
  smoothedFinalValBce: 0.7, smoothedFinalTrainBce: 0.5, trainSamples: 250, validationSamples: 250, seconds: 3, backend: 'wasm',
  history: { epoch: [], history: { loss: [], binary_crossentropy: [], accuracy: [], val_loss: [], val_binary_crossentropy: [], val_accuracy: [] } },
};
