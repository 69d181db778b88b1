import { defineCommand } from 'citty';
import type { CommandDef } from 'citty';
import { formatSummary, inferShapes, loadModelSpec } from '@fitcheck/core';

/** The text `fitcheck summary` prints: Keras' `model.summary()` table, or the inferred layers as JSON. */
export async function modelSummary(file: string, options: { json?: boolean } = {}): Promise<string> {
  const spec = await loadModelSpec(file);
  return options.json ? `${JSON.stringify(inferShapes(spec), null, 2)}\n` : formatSummary(spec);
}

const command = defineCommand({
  meta: { name: 'summary', description: "Print a model file's Keras summary: layers, output shapes, parameter counts" },
  args: {
    file: { type: 'positional', required: true, description: 'Model spec (YAML or JSON), e.g. fixtures/models/large.yaml' },
    json: { type: 'boolean', description: 'Print the inferred layers, totals and FLOPs as JSON' },
  },
  async run({ args }) {
    process.stdout.write(await modelSummary(args.file, { json: args.json === true }));
    return 0;
  },
});

// citty's CommandDef is invariant in its args; the command table holds the general type.
export default command as unknown as CommandDef;
