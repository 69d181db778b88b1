import { defineCommand } from 'citty';
import type { CommandDef } from 'citty';

import { mergeShards } from '../batch/merge-shards.js';
import { FlagError } from '../cli/flag-error.js';
import { checkLang, commandLang } from '../cli/cli-lang.js';
import { loadMessages } from '../messages/locale.js';
import { sayer, text } from '../messages/text.js';

const command = defineCommand({
  meta: { name: 'merge', description: 'Join the outputs of `fitcheck batch --shard I/N` into one gradebook' },
  args: {
    shards: { type: 'positional', required: true, description: 'Shard output folders (OUT1 OUT2 …)' },
    out: { type: 'string', required: true, description: 'Merged output folder' },
    lang: { type: 'string', description: "en or pt-BR: the class report (default: the language of the class's results.json)" },
  },
  async run({ args }) {
    const shards = args._;
    if (shards.length === 0) throw new FlagError('INVALID_FLAG', text('errBatch.noShards'), text('errBatch.noShardsFix'));
    const rows = await mergeShards(shards, args.out, checkLang(args.lang));
    const say = sayer(loadMessages(await commandLang({ lang: args.lang })));
    process.stdout.write(`${say('cli.mergeDone', { count: rows.length, shards: shards.length, out: args.out })}\n`);
    return 0;
  },
});

// citty's CommandDef is invariant in its args; the command table holds the general type.
export default command as unknown as CommandDef;
