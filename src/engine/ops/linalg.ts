// matmul with NumPy's rules (1-D operands promoted to a row or a column and the extra axis dropped
// afterwards; batch axes broadcast) and np.dot for operands of rank ≤ 2.
import { allocateEntries } from '../buffers';
import { InspectError } from '../errors';
import { OpDef, VjpContext } from '../op';
import { SINGLE_START, Shape, Tensor, shapeToString, sizeOf, stridedOffsets, stridesOf } from '../tensor';
import { broadcastPair, checkSize, shapeError } from './checks';
import { mul } from './elementwise';
import { gemmAccumulate } from './gemm';

/** How two operands line up as batches of m×k and k×n matrices. */
interface MatmulPlan {
  m: number;
  k: number;
  n: number;
  outShape: number[];
  /** Per output batch, the start of the A and B blocks it multiplies. */
  aStarts: Int32Array;
  bStarts: Int32Array;
}

/** For each entry of `batch`, where the block of an operand with batch axes `own` starts. */
function batchStarts(own: Shape, batch: Shape, blockSize: number): Int32Array {
  if (batch.length === 0) { return SINGLE_START; }
  const ownStrides = stridesOf(own);
  const offset = batch.length - own.length;
  const strides = batch.map((_, d) => {
    const j = d - offset;
    return j < 0 || own[j] === 1 ? 0 : ownStrides[j] * blockSize;
  });
  return stridedOffsets(batch, strides);
}

/** The result's shape and its m×k·k×n blocks; checks the operands line up. */
function matmulShape(a: Shape, b: Shape, what: string): { m: number; k: number; n: number; batch: number[]; outShape: number[] } {
  if (a.length === 0 || b.length === 0) {
    throw shapeError(`${what}: operands must have at least one dimension, got ${shapeToString(a)} and ${shapeToString(b)} (use * for scalars)`);
  }
  const aMat = a.length === 1 ? [1, a[0]] : a.slice(-2);
  const bMat = b.length === 1 ? [b[0], 1] : b.slice(-2);
  if (aMat[1] !== bMat[0]) {
    throw shapeError(`${what}: shapes ${shapeToString(a)} and ${shapeToString(b)} are not aligned: ${aMat[1]} (last dim of the first) != ${bMat[0]} (${b.length === 1 ? 'length' : 'second-to-last dim'} of the second)`);
  }
  const batch = broadcastPair(a.slice(0, -2), b.slice(0, -2), `${what} batch dimensions of ${shapeToString(a)} and ${shapeToString(b)}`);
  const [m, k] = aMat, n = bMat[1];
  const outShape = [...batch, ...(a.length === 1 ? [] : [m]), ...(b.length === 1 ? [] : [n])];
  checkSize(outShape);
  return { m, k, n, batch, outShape };
}

function planMatmul(a: Shape, b: Shape, what: string): MatmulPlan {
  const { m, k, n, batch, outShape } = matmulShape(a, b, what);
  return { m, k, n, outShape, aStarts: batchStarts(a.slice(0, -2), batch, m * k), bStarts: batchStarts(b.slice(0, -2), batch, k * n) };
}

function matmulForward(a: Tensor, b: Tensor, what: string): Tensor {
  const { m, k, n, outShape, aStarts, bStarts } = planMatmul(a.shape, b.shape, what);
  const out = allocateEntries(sizeOf(outShape));
  for (let t = 0; t < aStarts.length; t++) {
    gemmAccumulate(a.data, aStarts[t], b.data, bStarts[t], out, t * m * n, m, k, n);
  }
  return new Tensor(outShape, out);
}

/**
 * dA = G·Bᵀ and dB = Aᵀ·G per batch, summed over the batches an operand was broadcast to; the
 * kernel reads A and B as their own transposes, so neither is copied.
 */
function matmulVjp({ inputs: [a, b], grad }: VjpContext, what: string): Tensor[] {
  const { m, k, n, aStarts, bStarts } = planMatmul(a.shape, b.shape, what);
  const da = allocateEntries(a.size), db = allocateEntries(b.size);
  for (let t = 0; t < aStarts.length; t++) {
    const gStart = t * m * n;
    gemmAccumulate(grad.data, gStart, b.data, bStarts[t], da, aStarts[t], m, n, k, 'nt');
    gemmAccumulate(a.data, aStarts[t], grad.data, gStart, db, bStarts[t], k, m, n, 'tn');
  }
  return [new Tensor(a.shape, da), new Tensor(b.shape, db)];
}

const matmul: OpDef = {
  name: 'matmul',
  arity: 2,
  label: () => '@',
  forward: ([a, b]) => matmulForward(a, b, 'matmul'),
  resultEntries: ([a, b]) => sizeOf(matmulShape(a.shape, b.shape, 'matmul').outShape),
  vjp: ctx => matmulVjp(ctx, 'matmul'),
};

function isScalarProduct(a: Tensor, b: Tensor): boolean {
  return a.rank === 0 || b.rank === 0;
}

function checkDotRanks(a: Tensor, b: Tensor): void {
  if (a.rank > 2 || b.rank > 2) {
    throw new InspectError(`dot of shapes ${shapeToString(a.shape)} and ${shapeToString(b.shape)}: operands of more than 2 dimensions are not supported (use matmul)`, 'unsupported');
  }
}

/** np.dot: a product when either side is a scalar, else the matrix product. */
const dot: OpDef = {
  name: 'dot',
  arity: 2,
  label: () => 'dot',
  forward: (inputs, attrs) => {
    const [a, b] = inputs;
    if (isScalarProduct(a, b)) { return mul.forward(inputs, attrs); }
    checkDotRanks(a, b);
    return matmulForward(a, b, 'dot');
  },
  resultEntries: ([a, b]) => (isScalarProduct(a, b) ? Math.max(a.size, b.size) : sizeOf(matmulShape(a.shape, b.shape, 'dot').outShape)),
  vjp: ctx => (isScalarProduct(ctx.inputs[0], ctx.inputs[1]) ? mul.vjp(ctx) : matmulVjp(ctx, 'dot')),
};

export const linalgOps: readonly OpDef[] = [matmul, dot];
