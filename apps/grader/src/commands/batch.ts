import { defineCommand } from 'citty';
import type { CommandDef } from 'citty';
import { runBatch } from '../batch/run-batch.js';
import { intFlag } from '../batch/int-flag.js';
import { parseShard } from '../batch/shard.js';
import { progressPrinter } from '../format/progress.js';
import { checkLang, commandLang } from '../cli/cli-lang.js';
import { errorLine } from '../messages/error-line.js';
import { loadMessages } from '../messages/locale.js';
import { sayer } from '../messages/text.js';

const command = defineCommand({
  meta: { name: 'batch', description: 'Grade a folder of submissions (one sub-folder each) into OUT, with a gradebook' },
  args: {
    root: { type: 'positional', required: true, description: 'Folder holding one folder per student (an upload, a cloned repository, a Gradescope export)' },
    lab: { type: 'string', description: "Lab id under grading/labs, or the path of a lab folder (default: the lab the submissions' lab: keys name, else the only lab)" },
    glob: { type: 'string', description: "Where the submission file lies in a student's folder (default: the lab's names at any depth, e.g. **/lab5.{yaml,yml,json})" },
    roster: { type: 'string', description: 'CSV with login,id,name: who each folder (named by login) is; default: Gradescope metadata, else the folder name' },
    pdf: { type: 'boolean', default: false, description: 'Also print every OUT/<student>/report.pdf, with one browser for the class' },
    out: { type: 'string', required: true, description: 'Output folder: OUT/<student>/results.json, gradebook.csv, summary.md' },
    profile: { type: 'string', description: 'Grading profile passed to `fitcheck grade` (check, ci, full)' },
    seed: { type: 'string', description: 'Seed passed to `fitcheck grade`' },
    overrides: { type: 'string', description: 'Overrides file passed to `fitcheck grade`' },
    jobs: { type: 'string', default: '1', description: 'Submissions graded at once (bounded by cores and free memory)' },
    shard: { type: 'string', description: 'Grade only shard I of N (I/N, stable by folder name)' },
    timeout: { type: 'string', default: '120', description: 'Minutes per submission before its grader is stopped' },
    lang: { type: 'string', description: "en or pt-BR: results.json, the reports and the class report (default: the lab's)" },
    cache: { type: 'string', description: "Folder of the lab's reference runs, trained once before the students (default: FITCHECK_CACHE, else ~/.cache/fitcheck/references)" },
  },
  async run({ args }) {
    // The batch's lab is chosen from ROOT's submissions; until then its words are the course's (or --lang).
    const messages = loadMessages(await commandLang({ lang: args.lang, lab: args.lab }));
    const say = sayer(messages);
    const outcome = await runBatch({
      root: args.root,
      out: args.out,
      jobs: intFlag('jobs', args.jobs, 1),
      timeoutMs: intFlag('timeout', args.timeout, 1) * 60_000,
      ...(args.shard !== undefined && { shard: parseShard(args.shard) }),
      ...(args.profile !== undefined && { profile: args.profile }),
      ...(args.seed !== undefined && { seed: intFlag('seed', args.seed, 0) }),
      ...(args.overrides !== undefined && { overrides: args.overrides }),
      ...(args.lab !== undefined && { lab: args.lab }),
      ...(args.glob !== undefined && { glob: args.glob }),
      ...(args.roster !== undefined && { roster: args.roster }),
      pdf: args.pdf,
      ...(args.cache !== undefined && { cache: args.cache }),
      ...(args.lang !== undefined && { lang: checkLang(args.lang) }),
      onEvent: progressPrinter(process.stderr, 10, messages),
      onGraded: (entry, done, of) => process.stderr.write(`${say('cli.batchGraded', { done, of, key: entry.key, status: { key: `class.status_${entry.status}` } })}\n`),
    });
    const errors = outcome.rows.filter((r) => r.entry.status === 'error').length;
    process.stdout.write(`${say('cli.batchDone', { count: outcome.rows.length, out: args.out, now: outcome.gradedNow.length, jobs: outcome.jobs })}${errors > 0 ? say('cli.batchErrors', { count: errors }) : ''}\n`);
    if (outcome.pdfs) {
      const { printed, error } = outcome.pdfs;
      // The error in the reader's words (its English only until its code has words).
      if (error) process.stderr.write(`fitcheck: ${say('cli.pdfsFailed', { code: error.code, message: errorLine(error, messages) })}\n`);
      else process.stdout.write(`${say('cli.pdfsPrinted', { count: printed })}\n`);
    }
    return 0;
  },
});

// citty's CommandDef is invariant in its args; the command table holds the general type.
export default command as unknown as CommandDef;
