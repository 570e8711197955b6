// Graphs for the webview benchmark: a residual MLP-like stack (weights, matmul, bias, add, tanh and a
// residual add per block), cut to exactly the number of boxes asked for. Its edges are local, as in
// real models, so mermaid's dagre layout can finish at 1,000 boxes.
import type { WireNode, WireTensor } from '../../src/protocol';

function scalar(x: number): WireTensor {
  return { shape: [], size: 1, data: [x], min: x, max: x, mean: x, norm: Math.abs(x), nonFinite: 0 };
}

/** Exactly `boxes` nodes: blocks cut where the count runs out, then the loss over what is left open. */
export function residualStack(boxes: number): { nodes: WireNode[]; output: number } {
  const nodes: WireNode[] = [{ id: 0, kind: 'leaf', op: 'leaf', label: 'x', name: 'x', inputs: [], value: scalar(0.5), grad: scalar(1) }];
  const add = (node: Omit<WireNode, 'id' | 'value' | 'grad'>): number => {
    const id = nodes.length;
    nodes.push({ ...node, id, value: scalar(0.01 * id), grad: scalar(1 / (id + 1)) } as WireNode);
    return id;
  };
  let hidden = 0;
  for (let block = 0; nodes.length < boxes - 1; block++) {
    const before = hidden;
    const steps: ((last: number) => number)[] = [
      () => add({ kind: 'leaf', op: 'leaf', label: `w${block}`, name: `w${block}`, inputs: [] }),
      weight => add({ kind: 'op', op: 'mul', label: '*', inputs: [hidden, weight] }),
      () => add({ kind: 'leaf', op: 'leaf', label: `b${block}`, name: `b${block}`, inputs: [] }),
      bias => add({ kind: 'op', op: 'add', label: '+', inputs: [bias - 1, bias] }),
      sum => add({ kind: 'op', op: 'tanh', label: 'tanh', inputs: [sum] }),
      activation => add({ kind: 'op', op: 'add', label: '+ residual', inputs: [activation, before] }),
    ];
    let last = hidden;
    for (const step of steps) {
      if (nodes.length >= boxes - 1) {
        break;
      }
      last = step(last);
    }
    hidden = last;
  }
  const open = nodes.filter(n => n.id !== 0 && !nodes.some(m => m.inputs.includes(n.id))).map(n => n.id);
  const output = add({ kind: 'op', op: 'sum', label: 'loss', inputs: open.length > 0 ? open : [0] });
  return { nodes, output };
}

/**
 * The wire nodes of test/support/deep-model.ts's residual stack as the panel receives them: per
 * block, LayerNorm, two Linears, GELU and the residual Add, each engine node with its ONNX node
 * (`origin`) and module path (`group`), 30 engine nodes a block. 3,400 blocks are the issue's
 * model of 10⁵ engine nodes, which the panel folds to its top module.
 */
export function deepResidualModel(blocks: number): { nodes: WireNode[]; output: number } {
  const nodes: WireNode[] = [{ id: 0, kind: 'leaf', op: 'leaf', label: 'input', name: 'input', inputs: [], value: scalar(0.5), grad: scalar(1) }];
  const add = (node: Omit<WireNode, 'id' | 'value' | 'grad'>): number => {
    const id = nodes.length;
    nodes.push({ ...node, id, value: scalar(0.01 * id), grad: scalar(1 / (id + 1)) } as WireNode);
    return id;
  };
  const weight = (module: string, name: string): number => add({ kind: 'leaf', op: 'leaf', label: `${module}.${name}`, name: `${module}.${name}`, inputs: [], group: module });
  const op = (module: string, onnx: string, inputs: number[]): number =>
    add({ kind: 'op', op: onnx.toLowerCase(), label: onnx, inputs, group: module, origin: `/${module.replace(/\.(?=\D)/g, '/')}/${onnx}_${nodes.length} (${onnx})` });
  // A Constant node's number (LayerNorm's 2 and ε, GELU's √2, 1 and ½) is an engine node of its own, in the top module.
  const constant = (value: number): number => add({ kind: 'constant', op: 'const', label: String(value), inputs: [], group: 'blocks' });
  const chain = (module: string, from: number, ops: [string, number?][]): number =>
    ops.reduce((x, [onnx, value]) => op(module, onnx, value === undefined ? [x] : [x, constant(value)]), from);
  let x = 0;
  for (let b = 0; b < blocks; b++) {
    const block = `blocks.${b}`;
    const ln = chain(`${block}.ln`, x, [['ReduceMean'], ['Sub'], ['Pow', 2], ['ReduceMean'], ['Add', 1e-5], ['Sqrt'], ['Div']]);
    const normed = op(`${block}.ln`, 'Add', [op(`${block}.ln`, 'Mul', [ln, weight(`${block}.ln`, 'weight')]), weight(`${block}.ln`, 'bias')]);
    const fc1 = op(`${block}.fc1`, 'Add', [op(`${block}.fc1`, 'MatMul', [normed, weight(`${block}.fc1`, 'weight')]), weight(`${block}.fc1`, 'bias')]);
    const act = chain(`${block}.act`, fc1, [['Div', Math.SQRT2], ['Erf'], ['Add', 1], ['Mul'], ['Mul', 0.5]]);
    const fc2 = op(`${block}.fc2`, 'Add', [op(`${block}.fc2`, 'MatMul', [act, weight(`${block}.fc2`, 'weight')]), weight(`${block}.fc2`, 'bias')]);
    x = op(block, 'Add', [x, fc2]);
  }
  const output = add({ kind: 'op', op: 'sum', label: 'loss', inputs: [x] });
  return { nodes, output };
}
