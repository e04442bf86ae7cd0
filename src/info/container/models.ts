/**
 * The byte models a compressed file can name, with their numeric ids in the container header.
 */
import { invalidValue } from '../../core/errors.js';
import { corruptData } from '../coding/corrupt.js';
import { AdaptiveCountsModel } from '../models/adaptive.js';
import { ContextModel } from '../models/context-model.js';
import type { CodingModel } from '../models/model.js';
import { MixingModel } from '../models/mixing-model.js';

/** Model names accepted by `compress` (and `gibbs compress --model`). */
export const MODEL_NAMES = ['iid', 'adaptive', 'order0', 'order1', 'order2', 'order3', 'order4', 'mix'] as const;
/** A byte model for the container. iid: per-block fixed frequencies (stored); adaptive: order-0 KT counts; orderK: bitwise order-k context model; mix: context mixing. */
export type ModelName = (typeof MODEL_NAMES)[number];

/** How a model is written in the header: id, order, table size. */
export interface ModelSpec {
  name: ModelName;
  id: number;
  order: number;
  tableBits: number;
}

const MODEL_IDS = { iid: 0, adaptive: 1, context: 2, mix: 3 } as const;
const DEFAULT_TABLE_BITS = 22;

/**
 * The header description of a named model.
 * @example modelSpec('order2') // { name: 'order2', id: 2, order: 2, tableBits: 22 }
 */
export function modelSpec(name: ModelName, tableBits = DEFAULT_TABLE_BITS): ModelSpec {
  if (name === 'iid') return { name, id: MODEL_IDS.iid, order: 0, tableBits: 0 };
  if (name === 'adaptive') return { name, id: MODEL_IDS.adaptive, order: 0, tableBits: 0 };
  if (name === 'mix') return { name, id: MODEL_IDS.mix, order: 0, tableBits };
  const match = /^order([0-4])$/.exec(name);
  if (!match) throw invalidValue('model', name, `one of ${MODEL_NAMES.join(', ')}`);
  return { name, id: MODEL_IDS.context, order: Number(match[1]), tableBits };
}

/** Read a model description from header fields; foreign values are corrupt data. @example specFromHeader(2, 2, 22).name // 'order2' */
export function specFromHeader(id: number, order: number, tableBits: number): ModelSpec {
  if (id === MODEL_IDS.iid) return modelSpec('iid');
  if (id === MODEL_IDS.adaptive) return modelSpec('adaptive');
  if (id === MODEL_IDS.context && order <= 4 && tableBits >= 12 && tableBits <= 24) return modelSpec(`order${order}` as ModelName, tableBits);
  if (id === MODEL_IDS.mix && tableBits >= 16 && tableBits <= 24) return modelSpec('mix', tableBits);
  throw corruptData(`unknown model (id ${id}, order ${order}, table bits ${tableBits})`);
}

/** A fresh persistent model for the spec, or null for the per-block i.i.d. model. @example createModel(modelSpec('mix')) */
export function createModel(spec: ModelSpec): CodingModel | null {
  if (spec.id === MODEL_IDS.iid) return null;
  if (spec.id === MODEL_IDS.adaptive) return new AdaptiveCountsModel(256, 'kt');
  if (spec.id === MODEL_IDS.context) return new ContextModel(spec.order, { tableBits: spec.tableBits });
  return new MixingModel({ tableBits: spec.tableBits });
}
