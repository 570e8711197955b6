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
