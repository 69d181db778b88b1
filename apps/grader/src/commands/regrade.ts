import { defineCommand } from 'citty';
import type { CommandDef } from 'citty';
import { regrade } from '../regrade/regrade.js';
import { commandLang } from '../cli/cli-lang.js';
import { errorLine } from '../messages/error-line.js';
import { loadMessages } from '../messages/locale.js';
import { sayer } from '../messages/text.js';

const command = defineCommand({
  meta: { name: 'regrade', description: "Apply the TA's overrides to grades already computed (a batch's OUT or one grade's): results.json, reports, gradebook and summary again; nothing is trained" },
  args: {
    out: { type: 'positional', required: true, description: 'A folder written by fitcheck batch --out or fitcheck grade --out' },
    overrides: { type: 'string', required: true, description: 'CSV with student,item,points,comment (or the YAML/JSON overrides file)' },
    pdf: { type: 'boolean', default: false, description: 'Print every report again as PDF, with one browser' },
    lang: { type: 'string', description: "en or pt-BR: what this command prints (default: the course's language); each grade keeps its own" },
  },
  async run({ args }) {
    // A bad --lang is refused before anything is rewritten.
    const lang = await commandLang({ lang: args.lang });
    const outcome = await regrade({ out: args.out, overrides: args.overrides, pdf: args.pdf });
    // Each grade keeps its own language; what this command says is --lang's, else the course's.
    const messages = loadMessages(lang);
    const say = sayer(messages);
    const lines = [say('cli.regraded', { count: outcome.regraded.length, out: args.out })];
    if (outcome.skipped.length > 0) lines.push(say('cli.regradeSkipped', { keys: outcome.skipped.join(', ') }));
    if (outcome.unmatched.length > 0) lines.push(say('cli.regradeUnmatched', { out: args.out, students: [...new Set(outcome.unmatched.map((o) => o.student))].join(', ') }));
    if (outcome.pdfs?.error) lines.push(`fitcheck: ${say('cli.pdfsFailed', { code: outcome.pdfs.error.code, message: errorLine(outcome.pdfs.error, messages) })}`);
    else if (outcome.pdfs) lines.push(say('cli.pdfsPrinted', { count: outcome.pdfs.printed }));
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  },
});

export default command as unknown as CommandDef;
