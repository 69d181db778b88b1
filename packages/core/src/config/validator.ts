import { Ajv } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { AnySchemaObject, ValidateFunction } from 'ajv';

// One compiled validator per schema object: compiling costs milliseconds, validating microseconds.
const compiled = new WeakMap<AnySchemaObject, ValidateFunction>();

/**
 * The ajv validator for a JSON Schema (draft-07, or 2020-12 when its `$schema` says so):
 * all errors, `verbose` so messages can list allowed keys, and no defaults written into the
 * user's data (a config is reported on as written).
 */
export function validatorFor(schema: AnySchemaObject): ValidateFunction {
  const cached = compiled.get(schema);
  if (cached) return cached;
  const options = { allErrors: true, verbose: true, useDefaults: false, strict: true } as const;
  const is2020 = typeof schema.$schema === 'string' && schema.$schema.includes('2020-12');
  const ajv = is2020 ? new Ajv2020(options) : new Ajv(options);
  const validate = ajv.compile(schema);
  compiled.set(schema, validate);
  return validate;
}
