import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { chooseLab } from '../lab/choose-lab.js';
import { loadLab } from '../lab/load-lab.js';
import { commandLang } from '../cli/cli-lang.js';
import { loadMessages } from '../messages/locale.js';
import { fixed, sayer } from '../messages/text.js';
import { corpusDir, loadCorpus } from './corpus.js';
import { formatCalibration } from './format.js';
import { gradeRuns } from './grade-runs.js';
import { summarizeCalibration } from './summarize.js';

// `pnpm calibrate [--lab ID] [--seeds 6] [--profiles check,ci] [--only a,b] [--jobs N] [--json] [--out DIR] [--resume] [--lang en]`:
// grades the calibration corpus over seeds and profiles and prints how far grades depend on the seed.
// A benchmark, not a test: the ci profile takes minutes per grade (only `ci: true` submissions run it).
const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    lab: { type: 'string' },
    seeds: { type: 'string', default: '6' },
    profiles: { type: 'string', default: 'check,ci' },
    only: { type: 'string' },
    jobs: { type: 'string', default: '1' },
    out: { type: 'string', default: 'out/calibrate' },
    resume: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    lang: { type: 'string' },
  },
});
const seeds = Array.from({ length: Math.max(1, Number(values.seeds)) }, (_, i) => i + 1);
const profiles = values.profiles.split(',').filter((p) => p !== '');
const only = values.only?.split(',');
const jobs = Math.max(1, Number(values.jobs));
// The corpus's lab: `--lab` (the root's `pnpm calibrate` passes it), else the only lab.
const lab = await loadLab(await chooseLab({ lab: values.lab }));
// Said in the lab's language, as every command says it (`--lang` overrides).
const messages = loadMessages(await commandLang({ lang: values.lang, lab: values.lab }));
const say = sayer(messages);
for (const p of profiles) if (!lab.definition.profiles[p]) throw new Error(`unknown profile ${p}: use ${Object.keys(lab.definition.profiles).join(', ')}`);
// Final profiles are the slow ones: they grade only the submissions the corpus marks `ci: true`.
const provisional = new Set(profiles.filter((p) => lab.definition.profiles[p]!.verdicts === 'provisional'));
const corpus = (await loadCorpus(corpusDir(lab))).filter((e) => only === undefined || only.includes(e.name));
const plan = profiles.flatMap((profile) => corpus
  .filter((e) => provisional.has(profile) || e.ci)
  .flatMap((entry) => seeds.map((seed) => ({ entry, profile, seed }))));

const log = (line: string): void => {
  if (!values.json) process.stdout.write(`${line}\n`);
};
log(say('calibrate.plan', { grades: plan.length, profiles: profiles.join(', '), seeds: seeds.join(', '), jobs, cores: availableParallelism() }));
const started = performance.now();
let done = 0;
const runs = await gradeRuns(plan, {
  out: values.out, jobs, resume: values.resume,
  ...(jobs > 1 ? { threads: Math.max(1, Math.floor(availableParallelism() / jobs)) } : {}),
  onGrade: (run, reused) => {
    done += 1;
    const auto = run.results.tests.filter((t) => !t.tags.includes('manual'));
    const row = { done, of: plan.length, profile: run.profile, submission: run.submission, seed: String(run.seed), scores: auto.map((t) => t.score).join(' ') };
    log(reused ? say('calibrate.kept', row) : say('calibrate.graded', { ...row, seconds: fixed(run.results.execution_time, 1) }));
  },
});
const summary = summarizeCalibration(corpus, runs, provisional);
const minutes = (performance.now() - started) / 60_000;
if (values.json) process.stdout.write(`${JSON.stringify({ ...summary, minutes, jobs, cores: availableParallelism() })}\n`);
else log(`\n${formatCalibration(summary, messages)}\n\n${say('calibrate.wallTime', { minutes: fixed(minutes, 1), jobs, cores: availableParallelism() })}`);
