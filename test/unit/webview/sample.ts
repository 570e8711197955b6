// Wire inspections for the webview's unit tests: the lecture's (x + y) * z at x=-2, y=5, z=-4, and
// generated graphs big enough to fold.
import type { WireInspection, WireNode, WireTensor } from '../../../src/protocol';

export function scalar(x: number): WireTensor {
  return { shape: [], size: 1, data: [x], min: x, max: x, mean: x, norm: Math.abs(x), nonFinite: 0 };
}

function leaf(id: number, name: string, value: number, grad: number): WireNode {
  return { id, kind: 'leaf', op: 'leaf', label: name, name, inputs: [], value: scalar(value), grad: scalar(grad), checkStatus: 'pass' };
}

function op(id: number, opName: string, label: string, inputs: number[], value: number, grad: number): WireNode {
  return { id, kind: 'op', op: opName, label, inputs, value: scalar(value), grad: scalar(grad) };
}

const MEMORY = {
  parameterBytes: 24, parameterCount: 3, intermediateBytes: 16, gradientBytes: 24, allAdjointBytes: 40, constantBytes: 0,
  totalBytes: 64, ruleOfThumbBytes: 72, opNodes: 2,
  checkpointing: { every: 1, storedBytes: 16, savedBytes: 0, extraForwardOps: 1, extraForwardFraction: 0.5 },
};

export function lectureInspection(): WireInspection {
  return {
    title: 'lecture.py:3', language: 'python', text: '(x + y) * z', value: scalar(-12), summedOutput: false, output: 4,
    nodes: [
      leaf(0, 'x', -2, -4), leaf(1, 'y', 5, -4), op(2, 'add', '+', [0, 1], 3, -4), leaf(3, 'z', -4, 3), op(4, 'mul', '*', [2, 3], -12, 1),
    ],
    memory: { ...MEMORY, checkpointing: { ...MEMORY.checkpointing } },
    notes: [],
  };
}

/** Σ_i tanh(w_i·x_i + b_i): six nodes a term and the adds of the sum, as a left-deep chain. */
export function sumOfTanh(terms: number): { nodes: WireNode[]; output: number } {
  const nodes: WireNode[] = [];
  let total: WireNode | undefined;
  for (let i = 0; i < terms; i++) {
    const base = nodes.length;
    nodes.push(leaf(base, `w${i}`, 0.5, 0.1), leaf(base + 1, `x${i}`, 0.3, 0.2), op(base + 2, 'mul', '*', [base, base + 1], 0.15, 1),
      leaf(base + 3, `b${i}`, 0.1, 1), op(base + 4, 'add', '+', [base + 2, base + 3], 0.25, 1), op(base + 5, 'tanh', 'tanh', [base + 4], 0.24, 1));
    const term = nodes[base + 5];
    if (total !== undefined) {
      const sum = op(nodes.length, 'add', '+', [total.id, term.id], 0, 1);
      nodes.push(sum);
      total = sum;
    } else {
      total = term;
    }
  }
  return { nodes, output: (total as WireNode).id };
}

/** An MLP-like model whose op nodes and weights carry their layer as `group`. */
export function layeredModel(layers: number): { nodes: WireNode[]; output: number } {
  const nodes: WireNode[] = [leaf(0, 'input', 1, 1)];
  let h = 0;
  for (let l = 0; l < layers; l++) {
    const group = `/layer${l}`;
    const base = nodes.length;
    nodes.push({ ...leaf(base, `layer${l}.weight`, 1, 1), group }, { ...leaf(base + 1, `layer${l}.bias`, 1, 1), group },
      { ...op(base + 2, 'matmul', 'MatMul', [h, base], 1, 1), group }, { ...op(base + 3, 'add', 'Add', [base + 2, base + 1], 1, 1), group },
      { ...op(base + 4, 'relu', 'Relu', [base + 3], 1, 1), group });
    h = base + 4;
  }
  const loss = op(nodes.length, 'sum', 'loss', [h], 1, 1);
  nodes.push(loss);
  return { nodes, output: loss.id };
}

export function tensorOf(shape: number[], data: number[]): WireTensor {
  const sum = data.reduce((a, b) => a + b, 0);
  return {
    shape, size: data.length, data, min: Math.min(...data), max: Math.max(...data), mean: sum / data.length,
    norm: Math.hypot(...data), nonFinite: 0,
  };
}

/**
 * Gemm → Relu → Gemm with the l2 loss, lowered like the ONNX importer does (a Gemm is transpose,
 * matmul and add with the same origin): x = [1, −2], W0 = [[0.5, −1], [2, 0.25]], b0 = [0.1, −0.2],
 * W2 = [[1, −3]], b2 = [0.5]; h = [2.6, 1.3], y = −0.8, loss 0.5·y² = 0.32, and by hand
 * ∂loss/∂h = y·W2 = [−0.8, 2.4], ∂loss/∂W0 = ∂h ⊗ x, ∂loss/∂x = ∂hᵀ·W0 = [4.4, 1.4].
 */
export function gemmReluGemmInspection(): WireInspection {
  const t = tensorOf;
  const model = (id: number, opName: string, label: string, inputs: number[], origin: string, group: string, value: WireTensor, grad: WireTensor): WireNode =>
    ({ id, kind: 'op', op: opName, label, inputs, value, grad, origin, group });
  const weight = (id: number, name: string, value: WireTensor, grad: WireTensor, group?: string): WireNode =>
    ({ id, kind: 'leaf', op: 'leaf', label: name, name, inputs: [], value, grad, checkStatus: 'pass', ...(group === undefined ? {} : { group }) });
  const gemm0 = '/0/Gemm (Gemm)';
  const gemm2 = '/2/Gemm (Gemm)';
  const loss = 'loss (L2Loss)';
  const nodes: WireNode[] = [
    weight(0, '0.weight', t([2, 2], [0.5, -1, 2, 0.25]), t([2, 2], [-0.8, 1.6, 2.4, -4.8]), '0'),
    weight(1, '0.bias', t([2], [0.1, -0.2]), t([2], [-0.8, 2.4]), '0'),
    weight(2, '2.weight', t([1, 2], [1, -3]), t([1, 2], [-2.08, -1.04]), '2'),
    weight(3, '2.bias', t([1], [0.5]), t([1], [-0.8]), '2'),
    weight(4, 'input', t([1, 2], [1, -2]), t([1, 2], [4.4, 1.4])),
    model(5, 'transpose', 'Gemm', [0], gemm0, '0', t([2, 2], [0.5, 2, -1, 0.25]), t([2, 2], [-0.8, 2.4, 1.6, -4.8])),
    model(6, 'matmul', 'Gemm', [4, 5], gemm0, '0', t([1, 2], [2.5, 1.5]), t([1, 2], [-0.8, 2.4])),
    model(7, 'add', 'Gemm', [6, 1], gemm0, '0', t([1, 2], [2.6, 1.3]), t([1, 2], [-0.8, 2.4])),
    model(8, 'relu', 'Relu', [7], '/1/Relu (Relu)', '1', t([1, 2], [2.6, 1.3]), t([1, 2], [-0.8, 2.4])),
    model(9, 'transpose', 'Gemm', [2], gemm2, '2', t([2, 1], [1, -3]), t([2, 1], [-2.08, -1.04])),
    model(10, 'matmul', 'Gemm', [8, 9], gemm2, '2', t([1, 1], [-1.3]), t([1, 1], [-0.8])),
    model(11, 'add', 'Gemm', [10, 3], gemm2, '2', t([1, 1], [-0.8]), t([1, 1], [-0.8])),
    model(12, 'mul', '*', [11, 11], loss, 'loss', t([1, 1], [0.64]), t([1, 1], [0.5])),
    model(13, 'sum', 'sum', [12], loss, 'loss', scalar(0.64), scalar(0.5)),
    { id: 14, kind: 'constant', op: 'constant', label: '0.5', inputs: [], value: scalar(0.5), origin: loss, group: 'loss' },
    model(15, 'mul', '*', [13, 14], loss, 'loss', scalar(0.32), scalar(1)),
  ];
  return {
    title: 'mlp.onnx', language: 'onnx', text: '', value: scalar(0.32), summedOutput: false, output: 15, nodes,
    memory: { ...MEMORY, checkpointing: { ...MEMORY.checkpointing } },
    notes: [],
  };
}
