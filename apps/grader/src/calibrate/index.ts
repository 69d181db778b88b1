import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { chooseLab } from '../lab/choose-lab.js';
import { loadLab } from '../lab/load-lab.js';
import { corpusDir, loadCorpus } from './corpus.js';
import { formatCalibration } from './format.js';
import { gradeRuns } from './grade-runs.js';
import { summarizeCalibration } from './summarize.js';

// `pnpm calibrate [--lab ID] [--seeds 6] [--profiles check,ci] [--only a,b] [--jobs N] [--json] [--out DIR] [--resume]`:
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
  },
});
const seeds = Array.from({ length: Math.max(1, Number(values.seeds)) }, (_, i) => i + 1);
const profiles = values.profiles.split(',').filter((p) => p !== '');
const only = values.only?.split(',');
const jobs = Math.max(1, Number(values.jobs));
// The corpus's lab: `--lab` (the root's `pnpm calibrate` passes it), else the only lab.
const lab = await loadLab(await chooseLab({ lab: values.lab }));
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
log(`calibration: ${plan.length} grades (${profiles.join(', ')}; seeds ${seeds.join(', ')}), ${jobs} at a time on ${availableParallelism()} cores`);
const started = performance.now();
let done = 0;
const runs = await gradeRuns(plan, {
  out: values.out, jobs, resume: values.resume,
  ...(jobs > 1 ? { threads: Math.max(1, Math.floor(availableParallelism() / jobs)) } : {}),
  onGrade: (run, reused) => {
    done += 1;
    const auto = run.results.tests.filter((t) => !t.tags.includes('manual'));
    log(`[${done}/${plan.length}] ${run.profile} ${run.submission} seed ${run.seed}: ${auto.map((t) => t.score).join(' ')}` +
      `${reused ? ' (kept from an earlier run)' : ` in ${run.results.execution_time.toFixed(1)} s`}`);
  },
});
const summary = summarizeCalibration(corpus, runs, provisional);
const minutes = (performance.now() - started) / 60_000;
if (values.json) process.stdout.write(`${JSON.stringify({ ...summary, minutes, jobs, cores: availableParallelism() })}\n`);
else log(`\n${formatCalibration(summary)}\n\nwall time ${minutes.toFixed(1)} min, ${jobs} grade(s) at a time on ${availableParallelism()} cores`);
