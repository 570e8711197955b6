// Property: on random scalar graphs (shared sub-expressions included), every symbolic derivative
// evaluates to the autograd gradient and its LaTeX renders. The graphs keep values and slopes of order one (bounded
// inputs, positive denominators), so the only difference is round-off from the simplifier's
// reassociation: |symbolic − autograd| ≤ 1e-9·(1 + |autograd|).
import * as assert from 'assert';
import katex from 'katex';
import fc from 'fast-check';
import { backward, forward } from '../../../src/engine/autograd';
import { Graph, NodeId } from '../../../src/engine/graph';
import { symbolicDerivatives, TOO_LARGE_REASON } from '../../../src/engine/symbolic';
import { Tensor } from '../../../src/engine/tensor';

type Step = { op: string; a: number; b: number };

/** Wraps each op so its result stays of order one. */
function applyStep(g: Graph, nodes: NodeId[], { op, a, b }: Step): NodeId {
  const x = nodes[a % nodes.length];
  const y = nodes[b % nodes.length];
  const c = (v: number): NodeId => g.constant(Tensor.scalar(v));
  switch (op) {
    case 'div': return g.apply('div', [x, g.apply('add', [c(2), g.apply('sigmoid', [y])])]);
    case 'exp': return g.apply('exp', [g.apply('tanh', [x])]);
    case 'log': return g.apply('log', [g.apply('add', [c(2), g.apply('sin', [x])])]);
    case 'sqrt': return g.apply('sqrt', [g.apply('add', [c(1), g.apply('mul', [x, x])])]);
    case 'pow2': return g.apply('pow', [g.apply('tanh', [x]), c(2)]);
    case 'powvar': return g.apply('pow', [g.apply('add', [c(1.5), g.apply('sigmoid', [x])]), g.apply('tanh', [y])]);
    case 'scale': return g.apply('mul', [c(0.5), x]);
    case 'leaky_relu': return g.apply('leaky_relu', [x], { alpha: 0.1 });
    case 'clip': return g.apply('clip', [x], { min: -0.5, max: 0.5 });
    case 'add': case 'sub': case 'mul': case 'maximum': case 'minimum': return g.apply(op, [x, y]);
    default: return g.apply(op, [x]);
  }
}

const OPS = ['add', 'sub', 'mul', 'div', 'exp', 'log', 'sqrt', 'pow2', 'powvar', 'scale', 'maximum', 'minimum',
  'sin', 'cos', 'tanh', 'sigmoid', 'neg', 'abs', 'relu', 'softplus', 'atan', 'sinh', 'leaky_relu', 'clip'];

describe('symbolic derivatives: random graphs', () => {
  it('evaluate to the autograd gradient (or are refused as too large to print)', function () {
    // 500 random graphs take about a second; the machine may be shared.
    this.timeout(30_000);
    let checked = 0;
    let runs = 0;
    const step = fc.record({ op: fc.constantFrom(...OPS), a: fc.nat(), b: fc.nat() });
    const point = fc.array(fc.double({ min: -1.5, max: 1.5, noNaN: true }), { minLength: 3, maxLength: 3 });
    fc.assert(fc.property(point, fc.array(step, { minLength: 1, maxLength: 12 }), (values, steps) => {
      const g = new Graph();
      const nodes = ['x', 'y', 'z'].map((name, i) => g.leaf(name, Tensor.scalar(values[i])));
      for (const s of steps) { nodes.push(applyStep(g, nodes, s)); }
      const out = nodes[nodes.length - 1];
      forward(g, out);
      backward(g, out);
      const result = symbolicDerivatives(g, out);
      runs++;
      if (!result.ok) {
        assert.strictEqual(result.reason, TOO_LARGE_REASON);
        return;
      }
      checked++;
      for (const leaf of g.leaves(out)) {
        const d = result.derivatives.get(leaf.name as string);
        const grad = leaf.grad?.data[0] as number;
        assert.ok(d && Math.abs(d.value - grad) <= 1e-9 * (1 + Math.abs(grad)), `∂/∂${leaf.name} = ${d?.text} = ${d?.value}, autograd ${grad}`);
        assert.doesNotThrow(() => katex.renderToString(d.latex, { throwOnError: true, strict: 'error' }), d.latex);
      }
    }), { numRuns: 500 });
    assert.ok(checked >= 0.9 * runs, `only ${checked} of ${runs} random graphs printed`);
  });
});
