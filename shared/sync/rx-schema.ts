import { z } from 'zod';

/** The part of RxDB's JSON schema we produce; typed loosely so shared/ does not depend on rxdb. */
export type RxJsonSchemaLike = {
  title: string;
  version: number;
  primaryKey: string;
  type: 'object';
  properties: Record<string, unknown>;
  required: string[];
  indexes: (string | string[])[];
};

type JsonSchema = { type?: string; properties?: Record<string, JsonSchema>; required?: string[]; [k: string]: unknown };

/**
 * Derives the RxDB schema of a collection from its zod schema, so the desk's storage and the wire
 * validation can never disagree about a field. RxDB needs lengths on indexed strings and bounds on
 * indexed numbers; Dexie storage needs every indexed field required.
 */
export function toRxSchema(
  name: string,
  schema: z.ZodObject,
  opts: { primaryKey: string; indexes: (string | string[])[]; version?: number; maxNumber?: number },
): RxJsonSchemaLike {
  const json = z.toJSONSchema(schema, { target: 'draft-7', unrepresentable: 'any' }) as JsonSchema;
  const properties = structuredClone(json.properties ?? {});
  const required = [...(json.required ?? [])];
  const indexed = new Set([opts.primaryKey, ...opts.indexes.flat()]);
  for (const field of indexed) {
    const prop = properties[field];
    if (!prop) throw new Error(`rx schema ${name}: indexed field ${field} is not in the schema`);
    if (!required.includes(field)) throw new Error(`rx schema ${name}: indexed field ${field} must be required`);
    if (prop.type === 'string' && typeof prop.maxLength !== 'number') prop.maxLength = 64;
    if (prop.type === 'number' || prop.type === 'integer') {
      prop.type = 'number';
      prop.minimum = typeof prop.minimum === 'number' ? prop.minimum : 0;
      prop.maximum = opts.maxNumber ?? Number.MAX_SAFE_INTEGER;
      prop.multipleOf = 1;
    }
    // A union of literal and pattern (like an empty blank number) has no single type; indexes need one.
    if (!prop.type && Array.isArray(prop.anyOf)) {
      for (const k of Object.keys(prop)) delete prop[k];
      Object.assign(prop, { type: 'string', maxLength: 64 });
    }
  }
  return {
    title: name,
    version: opts.version ?? 0,
    primaryKey: opts.primaryKey,
    type: 'object',
    properties,
    required,
    indexes: opts.indexes,
  };
}
