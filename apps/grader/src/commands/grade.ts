import { defineCommand } from 'citty';
import type { CommandDef } from 'citty';
import { intFlag } from '../batch/int-flag.js';
import { gradeAndReport } from '../cli/grade-and-report.js';
import { identityFlag } from '../cli/identity-flags.js';

const command = defineCommand({
  meta: { name: 'grade', description: 'Grade a submission folder into OUT/results.json (Gradescope format), OUT/report.html and OUT/tensorboard/' },
  args: {
    dir: { type: 'positional', required: true, description: 'Submission folder (holds lab5.yaml or lab5.json)' },
    out: { type: 'string', required: true, description: 'Output folder; results.json is always written there, first' },
    profile: { type: 'string', default: 'check', description: 'check (short), ci (TA, hidden set) or full (the notebook)' },
    lab: { type: 'string', description: "Lab id under grading/labs, or the path of a lab folder holding lab.yaml and rubric.yaml (default: the submission's lab: key, else the only lab)" },
    seed: { type: 'string', description: "Seed for weights, shuffles and splits (default: the profile's)" },
    lang: { type: 'string', description: "en or pt-BR: report, findings and results.json (default: the lab's, pt-BR for lab5)" },
    pdf: { type: 'boolean', default: false, description: 'Also print OUT/report.pdf with the system Chromium (without one: a message, HTML still written)' },
    overrides: { type: 'string', description: 'TA overrides file (points + comment per student and item)' },
    glob: { type: 'string', description: "Where the submission file lies in DIR (default: the lab's names at any depth, e.g. **/lab5.{yaml,yml,json})" },
    'student-id': { type: 'string', description: "Who submitted it, as the course says (default: the submission's own student.id)" },
    'student-name': { type: 'string', description: 'The student\'s name, with --student-id' },
    'student-sid': { type: 'string', description: 'The course\'s student id, which the submission\'s student.id is checked against (default: --student-id for a roster)' },
    'student-email': { type: 'string', description: 'The student\'s e-mail, which the submission\'s student.email is checked against' },
    identity: { type: 'string', description: 'Where --student-id comes from: roster (default), gradescope or folder' },
    deadline: { type: 'string', description: 'Seconds the whole grade may take: further seeds that would not end in time are not trained (their verdicts stay undecided)' },
    cache: { type: 'string', description: "Folder of the lab's reference runs, trained once and shared (default: FITCHECK_CACHE, else ~/.cache/fitcheck/references)" },
    references: { type: 'boolean', default: true, description: "Draw the lab's reference runs beside the student's (--no-references: the student's runs alone, nothing read or trained for them)" },
    quiet: { type: 'boolean', default: false, description: 'No progress on stderr' },
    debug: { type: 'boolean', default: false, description: 'Write stack traces and training-process output to OUT/debug.log' },
  },
  async run({ args }) {
    await gradeAndReport({
      dir: args.dir,
      out: args.out,
      profile: args.profile,
      ...(args.lab !== undefined && { lab: args.lab }),
      report: true,
      pdf: args.pdf,
      quiet: args.quiet,
      debug: args.debug,
      ...(args.lang !== undefined && { lang: args.lang }),
      ...(args.seed !== undefined && { seed: intFlag('seed', args.seed, 0) }),
      ...(args.overrides !== undefined && { overrides: args.overrides }),
      ...(args.glob !== undefined && { glob: args.glob }),
      ...(args.cache !== undefined && { cache: args.cache }),
      ...(!args.references && { cache: false as const }),
      ...(args.deadline !== undefined && { deadlineSeconds: intFlag('deadline', args.deadline, 1) }),
      ...identityFlag(args),
    });
    return 0;
  },
});

// citty's CommandDef is invariant in its args; the command table holds the general type.
export default command as unknown as CommandDef;
