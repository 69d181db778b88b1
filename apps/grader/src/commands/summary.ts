import { defineCommand } from 'citty';
import type { CommandDef } from 'citty';
import { formatSummary, inferShapes, isFitcheckError, loadConfigFile, loadModelSpec, modelSpecSchema, type ModelSpec } from '@fitcheck/core';
import { GraderError } from '../errors.js';
import { text } from '../messages/text.js';

/** The text `fitcheck summary` prints: Keras' `model.summary()` table, or the inferred layers as JSON. */
export async function modelSummary(file: string, options: { json?: boolean } = {}): Promise<string> {
  const spec = await readModel(file);
  return options.json ? `${JSON.stringify(inferShapes(spec), null, 2)}\n` : formatSummary(spec);
}

/**
 * The model file, or its problems as config issues, each said in the reader's language (core's
 * `INVALID_MODEL_SPEC` holds them as English lines only): read again for them, on the error path only.
 */
async function readModel(file: string): Promise<ModelSpec> {
  try {
    return await loadModelSpec(file);
  } catch (e) {
    if (!isFitcheckError(e) || e.code !== 'INVALID_MODEL_SPEC') throw e;
    const { errors } = await loadConfigFile(file, modelSpecSchema());
    if (errors.length === 0) throw e;
    const unreadable = errors.some((i) => i.keyword === 'read' || i.keyword === 'size');
    throw new GraderError('INVALID_SUBMISSION', errors, {}, unreadable ? undefined : text('errCore.spec.schemaFix'));
  }
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
