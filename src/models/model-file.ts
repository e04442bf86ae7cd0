import { z } from 'zod';
import { GibbsError, describeValue } from '../core/errors.js';
import { type Coupling, IsingModel } from './ising.js';
import { edwardsAndersonModel, sherringtonKirkpatrickModel } from './disorder.js';
import { completeGraphModel, latticeModel } from './lattices.js';
import { formatPath, zodToGibbsError } from './zod-errors.js';

/*
 * Model files (JSON). Every form has "kind": "ising" and the energy convention
 *   E(s) = sum_n h_n s_n + sum_{n<m} J_nm s_n s_m   (ferromagnet: J < 0; h > 0 favours s = -1)
 * Forms:
 *   explicit:  { "kind": "ising", "spins": 3, "fields": [0.1, 0, -0.2], "couplings": [[0, 1, -1.0], [1, 2, 0.5]] }
 *   lattice:   { "kind": "ising", "lattice": { "shape": "square", "size": [16, 16], "boundary": "periodic" }, "coupling": -1, "field": 0 }
 *   SK:        { "kind": "ising", "generator": "sk", "spins": 20, "seed": 1, "scale": 1, "field": 0 }
 *   EA ±J:     { "kind": "ising", "generator": "edwards-anderson", "lattice": { ... }, "seed": 1, "coupling": 1, "field": 0 }
 *   complete:  { "kind": "ising", "generator": "complete", "spins": 100, "coupling": -1, "field": 0 }
 */

const finite = z.number();
const spinCount = z.number().int().min(1).max(1 << 28);
const seed = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const boundary = z.enum(['periodic', 'open']);
const latticeSchema = z.strictObject({
  shape: z.enum(['chain', 'square', 'triangular', 'cubic']),
  size: z.array(z.number().int().min(1)).min(1).max(3),
  boundary: z.union([boundary, z.array(boundary)]).optional(),
});
const common = { kind: z.literal('ising'), description: z.string().optional() };

const explicitSchema = z.strictObject({
  ...common,
  spins: spinCount,
  fields: z.array(finite).optional(),
  couplings: z.array(z.tuple([z.number().int(), z.number().int(), finite])),
});
const latticeFileSchema = z.strictObject({ ...common, lattice: latticeSchema, coupling: finite.optional(), field: finite.optional() });
const skSchema = z.strictObject({ ...common, generator: z.literal('sk'), spins: spinCount.min(2), seed, scale: finite.optional(), field: finite.optional() });
const eaSchema = z.strictObject({ ...common, generator: z.literal('edwards-anderson'), lattice: latticeSchema, seed, coupling: finite.optional(), field: finite.optional() });
const completeSchema = z.strictObject({ ...common, generator: z.literal('complete'), spins: spinCount, coupling: finite.optional(), field: finite.optional() });

const GENERATORS = { sk: skSchema, 'edwards-anderson': eaSchema, complete: completeSchema } as const;

/** The parsed, validated content of a model file. */
export type IsingModelFile =
  | z.infer<typeof explicitSchema>
  | z.infer<typeof latticeFileSchema>
  | z.infer<typeof skSchema>
  | z.infer<typeof eaSchema>
  | z.infer<typeof completeSchema>;

function pickSchema(input: Record<string, unknown>, source: string): z.ZodType {
  if ('generator' in input) {
    const schema = (GENERATORS as Record<string, z.ZodType>)[String(input.generator)];
    if (!schema) throw new GibbsError(`${source}generator: got ${describeValue(input.generator)}, expected one of ${Object.keys(GENERATORS).map((g) => `"${g}"`).join(', ')}`, 'generator');
    return schema;
  }
  return 'lattice' in input ? latticeFileSchema : explicitSchema;
}

function schemaKeys(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let shape: z.ZodType = schema;
  for (const key of path) {
    const inner = (shape as unknown as { shape?: Record<string, z.ZodType> }).shape?.[String(key)];
    if (!inner) return [];
    shape = (inner as unknown as { unwrap?: () => z.ZodType }).unwrap?.() ?? inner;
  }
  return Object.keys((shape as unknown as { shape?: Record<string, unknown> }).shape ?? {});
}

/** Check explicit couplings: indices in range, no self-couplings, each unordered pair once. */
function checkExplicit(file: z.infer<typeof explicitSchema>, source: string): void {
  const n = file.spins;
  if (file.fields && file.fields.length !== n) {
    throw new GibbsError(`${source}fields: got ${file.fields.length} values, expected ${n} (one per spin, or omit "fields" for h = 0)`, 'fields');
  }
  const seen = new Map<string, number>();
  file.couplings.forEach(([a, b], i) => {
    const field = formatPath(['couplings', i]);
    for (const index of [a, b]) {
      if (index < 0 || index >= n) throw new GibbsError(`${source}${field}: spin index ${index} out of range, expected 0..${n - 1}`, field);
    }
    if (a === b) throw new GibbsError(`${source}${field}: got self-coupling [${a}, ${b}], expected two different spins (n != m)`, field);
    const key = a < b ? `${a},${b}` : `${b},${a}`;
    const first = seen.get(key);
    if (first !== undefined) throw new GibbsError(`${source}${field}: pair (${a}, ${b}) already coupled in couplings[${first}]; list each pair once`, field);
    seen.set(key, i);
  });
}

/**
 * Build the model a validated file describes.
 *
 * @example
 * buildModel(validateModelFile('{"kind":"ising","spins":2,"couplings":[[0,1,-1]]}'));
 */
export function buildModel(file: IsingModelFile): IsingModel {
  if ('generator' in file) {
    if (file.generator === 'sk') return sherringtonKirkpatrickModel(file.spins, { seed: file.seed, scale: file.scale, field: file.field });
    if (file.generator === 'edwards-anderson') return edwardsAndersonModel(file.lattice, { seed: file.seed, coupling: file.coupling, field: file.field });
    return completeGraphModel(file.spins, { coupling: file.coupling, field: file.field });
  }
  if ('lattice' in file) return latticeModel(file.lattice, { coupling: file.coupling, field: file.field });
  const couplings: Coupling[] = file.couplings.map(([a, b, j]) => [a, b, j]);
  return IsingModel.fromCouplings(file.spins, couplings, file.fields, file.description ? { description: file.description } : {});
}

/**
 * Parse and validate a model file's JSON text; `source` (e.g. the file name) prefixes errors.
 * Throws a one-line {@link GibbsError} naming the field, the bad value and what is allowed.
 *
 * @example
 * const model = parseModelFile('{"kind":"ising","lattice":{"shape":"square","size":[8,8]},"coupling":-1}');
 */
export function parseModelFile(text: string, source = ''): IsingModel {
  const file = validateModelFile(text, source);
  try {
    return buildModel(file);
  } catch (error) {
    if (error instanceof GibbsError && source) throw new GibbsError(`${source}: ${error.message}`, error.field);
    throw error;
  }
}

/**
 * Parse and validate a model file's structure without building the model (lattice geometry is checked when built).
 *
 * @example
 * validateModelFile('{"kind":"ising","spins":2,"couplings":[[0,1,-1]]}'); // the parsed file, not yet a model
 */
export function validateModelFile(text: string, source = ''): IsingModelFile {
  const prefix = source ? `${source}: ` : '';
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    throw new GibbsError(`${prefix}not valid JSON (${(error as Error).message})`);
  }
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new GibbsError(`${prefix}expected a JSON object with "kind": "ising", got ${describeValue(input)}`);
  const record = input as Record<string, unknown>;
  if (record.kind !== 'ising') throw new GibbsError(`${prefix}kind: got ${describeValue(record.kind)}, expected "ising"`, 'kind');
  const schema = pickSchema(record, prefix);
  const result = schema.safeParse(input);
  if (!result.success) throw zodToGibbsError(result.error, input, source, (path) => schemaKeys(schema, path));
  const file = result.data as IsingModelFile;
  if (!('lattice' in file) && !('generator' in file)) checkExplicit(file, prefix);
  return file;
}
