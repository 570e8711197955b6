// Kahn's algorithm over ONNX nodes (iterative): exporters usually write nodes in order, but the
// format does not require it.
import { quoted } from '../engine/excerpt';
import { InspectError } from '../engine/errors';
import { OnnxNode } from './onnx';
import { describeNode } from './values';

/** Node indices in an order where every node comes after the producers of its inputs. */
export function topologicalOrder(nodes: readonly OnnxNode[], available: ReadonlySet<string>): number[] {
  const producer = new Map<string, number>();
  nodes.forEach((node, i) => {
    for (const out of node.outputs) {
      if (out === '') { continue; }
      if (producer.has(out) || available.has(out)) {
        throw new InspectError(`value ${quoted(out)} is produced a second time here`, 'model', undefined, undefined, describeNode(node, i));
      }
      producer.set(out, i);
    }
  });
  const waiting = new Array<number>(nodes.length).fill(0);
  const consumers: number[][] = nodes.map(() => []);
  nodes.forEach((node, i) => {
    for (const name of new Set(node.inputs)) {
      if (name === '' || available.has(name)) { continue; }
      const p = producer.get(name);
      if (p === undefined) {
        throw new InspectError(`reads ${quoted(name)}, which is neither a graph input, an initializer nor a node output`, 'model', undefined, undefined, describeNode(node, i));
      }
      waiting[i]++;
      consumers[p].push(i);
    }
  });
  const order: number[] = [];
  const ready = nodes.map((_, i) => i).filter(i => waiting[i] === 0);
  for (let k = 0; k < ready.length; k++) {
    const i = ready[k];
    order.push(i);
    for (const c of consumers[i]) {
      if (--waiting[c] === 0) { ready.push(c); }
    }
  }
  if (order.length !== nodes.length) {
    const stuck = nodes.findIndex((_, i) => waiting[i] > 0);
    throw new InspectError('the graph has a cycle through this node', 'model', undefined, undefined, describeNode(nodes[stuck], stuck));
  }
  return order;
}
