// The op table: every elementary operation the engine knows, one entry each (see op.ts for the
// shape of an entry). Entries live in src/engine/ops/ by family; this file assembles them.
import { OpDef } from './op';
import { elementwiseOps } from './ops/elementwise';
import { indexingOps } from './ops/indexing';
import { linalgOps } from './ops/linalg';
import { reductionOps } from './ops/reductions';
import { shapeOps } from './ops/shape';
import { softmaxOps } from './ops/softmax';
import { unaryOps } from './ops/unary';
import { nnOps } from './ops/nn';
import { convOps } from './ops/conv';
import { poolingOps } from './ops/pooling';
import { resizeOps } from './ops/resize';
import { convTransposeOps } from './ops/conv-transpose';
import { selectOps } from './ops/select';
import { scanOps } from './ops/cumsum';
import { takePutOps } from './ops/take-put';

const table = new Map<string, OpDef>();

function register(defs: readonly OpDef[]): void {
  for (const def of defs) {
    if (table.has(def.name)) { throw new Error(`op ${def.name} defined twice`); }
    table.set(def.name, def);
  }
}

register(elementwiseOps);
register(unaryOps);
register(reductionOps);
register(softmaxOps);
register(linalgOps);
register(shapeOps);
register(indexingOps);
register(nnOps);
register(convOps);
register(poolingOps);
register(resizeOps);
register(convTransposeOps);
register(selectOps);
register(scanOps);
register(takePutOps);

/**
 * Adds one op to the table and returns its removal. For tests: an op with a deliberately wrong VJP
 * is how the localisation of a wrong node is tested without breaking a real op.
 */
export function registerOp(def: OpDef): () => void {
  register([def]);
  return () => { table.delete(def.name); };
}

export function getOp(name: string): OpDef {
  const def = table.get(name);
  if (!def) { throw new Error(`unknown op ${name}`); }
  return def;
}

export function hasOp(name: string): boolean {
  return table.has(name);
}

export function allOps(): OpDef[] {
  return [...table.values()];
}
