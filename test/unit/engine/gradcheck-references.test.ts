import * as assert from 'assert';
import { backward, forward } from '../../../src/engine/autograd';
import { InspectError } from '../../../src/engine/errors';
import { gradcheck, stepSizeSweep } from '../../../src/engine/gradcheck';
import { Reference } from '../../../src/engine/gradcheck-types';
import { Graph } from '../../../src/engine/graph';
import { Tensor } from '../../../src/engine/tensor';
import { inspect } from '../../../src/inspect';

/** Smooth scalar expressions and points; the symbolic engine gives their exact derivatives. */
const SMOOTH: readonly [string, Record<string, number>][] = [
  ['sin(5 * exp(x))', { x: 0.3 }],
  ['exp(x) * log(x) + y / x', { x: 1.7, y: -0.6 }],
  ['x^3 / (1 + x^2)', { x: -0.8 }],
  ['tanh(x) * cos(3 * x) + sigmoid(y * x)', { x: -0.4, y: 2.5 }],
  ['sqrt(1 + x * x) * sin(x) - x^2', { x: -2.5 }],
  ['exp(x) + log1p(x^2)', { x: 20 }],
];

interface Measured {
  relative: number;
  errorEstimate?: number;
}

/** Relative error of each entry's reference value against the symbolic derivative. */
async function measure(text: string, at: Record<string, number>, reference: Reference): Promise<Measured[]> {
  const bindings = new Map(Object.entries(at).map(([name, v]) => [name, Tensor.scalar(v)]));
  const inspection = await inspect({ kind: 'text', text, language: 'math' }, { bindings, check: { reference } });
  const check = inspection.check;
  assert.ok(check && inspection.derivatives, text);
  assert.strictEqual(check.reference, reference);
  return check.entries.map(e => {
    const exact = inspection.derivatives?.get(e.leaf)?.value as number;
    return { relative: Math.abs(e.numeric - exact) / Math.abs(exact), errorEstimate: e.errorEstimate };
  });
}

describe('gradcheck: references', function () {
  this.timeout(30_000);

  it('Richardson extrapolation is within 1e-12 relative of the exact derivative, and better than the central difference', async () => {
    let centralWorst = 0, richardsonWorst = 0;
    for (const [text, at] of SMOOTH) {
      const richardson = await measure(text, at, 'richardson');
      const central = await measure(text, at, 'central');
      for (const m of richardson) {
        assert.ok(m.relative < 1e-12, `${text}: Richardson relative error ${m.relative}`);
        assert.ok(m.errorEstimate !== undefined && Number.isFinite(m.errorEstimate), `${text}: error estimate ${m.errorEstimate}`);
      }
      richardsonWorst = Math.max(richardsonWorst, ...richardson.map(m => m.relative));
      centralWorst = Math.max(centralWorst, ...central.map(m => m.relative));
    }
    assert.ok(centralWorst > 1e-11, `central worst ${centralWorst}`);
    assert.ok(richardsonWorst * 100 < centralWorst, `Richardson worst ${richardsonWorst}, central worst ${centralWorst}`);
  });

  it('the complex step is within 1e-14 relative of the exact derivative', async () => {
    for (const [text, at] of SMOOTH) {
      for (const m of await measure(text, at, 'complex')) { assert.ok(m.relative < 1e-14, `${text}: complex-step relative error ${m.relative}`); }
    }
  });

  it('takes the complex step through matmul, broadcasting, division and a sum, against the closed form', async () => {
    // f(W, b) = Σ (W·v + b)² / c with v, c constants: ∂f/∂W_ij = 2(W·v + b)_i·v_j / c, ∂f/∂b_i = 2(W·v + b)_i / c.
    const graph = new Graph();
    const w = graph.leaf('W', Tensor.fromArray([2, 3], [0.5, -1.25, 2, 0.75, 3, -0.5]));
    const b = graph.leaf('b', Tensor.fromArray([2], [0.1, -2]));
    const v = Tensor.fromArray([3], [1.5, -0.25, 0.4]);
    const affine = graph.apply('add', [graph.apply('matmul', [w, graph.constant(v)]), b]);
    const output = graph.apply('sum', [graph.apply('div', [graph.apply('pow', [affine, graph.constant(Tensor.scalar(2))]), graph.constant(Tensor.scalar(3))])]);
    forward(graph, output);
    backward(graph, output);
    const result = await gradcheck(graph, output, { reference: 'complex' });
    const y = [0.5 * 1.5 + 1.25 * 0.25 + 2 * 0.4 + 0.1, 0.75 * 1.5 - 3 * 0.25 - 0.5 * 0.4 - 2];
    for (const e of result.entries) {
      const exact = e.leaf === 'W' ? (2 * y[e.index[0]] * v.data[e.index[1]]) / 3 : (2 * y[e.index[0]]) / 3;
      assert.ok(Math.abs(e.numeric - exact) <= 1e-14 * Math.abs(exact) + 1e-15, `${e.leaf}[${e.index}]: ${e.numeric} vs ${exact}`);
      assert.strictEqual(e.status, 'pass');
    }
    assert.strictEqual(result.entries.length, 8);
  });

  it('refuses the complex step through a non-analytic op, naming it and its place', async () => {
    for (const [text, op] of [['sin(x) + abs(x * y)', 'abs'], ['relu(x) * y', 'relu'], ['max(x, y)', 'max']]) {
      const bindings = new Map([['x', Tensor.scalar(0.5)], ['y', Tensor.scalar(2)]]);
      await assert.rejects(inspect({ kind: 'text', text, language: 'math' }, { bindings, check: { reference: 'complex' } }), (err: unknown) => {
        assert.ok(err instanceof InspectError);
        assert.match(err.message, new RegExp(`complex-step reference needs analytic ops: .*\\(${op === 'max' ? 'maximum' : op}\\) is not analytic`));
        assert.ok(err.range, 'the refusal has a source range');
        return true;
      });
    }
  });

  it('lets the complex step pass a non-analytic op that no leaf reaches', async () => {
    const graph = new Graph();
    const x = graph.leaf('x', Tensor.scalar(0.7));
    const output = graph.apply('mul', [x, graph.apply('abs', [graph.constant(Tensor.scalar(-3))])]);
    forward(graph, output);
    backward(graph, output);
    const [entry] = (await gradcheck(graph, output, { reference: 'complex' })).entries;
    assert.strictEqual(entry.numeric, 3);
  });

  it('diagnoses a wrong gradient the references disagree with as a mismatch', async () => {
    for (const reference of ['richardson', 'complex'] as const) {
      const graph = new Graph();
      const x = graph.leaf('x', Tensor.scalar(0.4));
      const output = graph.apply('exp', [x]);
      forward(graph, output);
      backward(graph, output);
      graph.node(x).grad = Tensor.scalar(Math.exp(0.4) * 1.01);
      const [entry] = (await gradcheck(graph, output, { reference })).entries;
      assert.deepStrictEqual([entry.status, entry.diagnosis], ['fail', 'mismatch'], reference);
      assert.match(entry.advice ?? '', /disagrees/);
    }
  });

  it('sweeps each reference\'s error against h: Richardson beats the central difference at coarse h, the complex step has no round-off', () => {
    const graph = new Graph();
    const x = graph.leaf('x', Tensor.scalar(0.3));
    const output = graph.apply('sin', [graph.apply('mul', [graph.constant(Tensor.scalar(5)), graph.apply('exp', [x])])]);
    forward(graph, output);
    backward(graph, output);
    const points = stepSizeSweep(graph, output, x, 0, [1e-1, 1e-2, 1e-3, 1e-8], ['central', 'richardson', 'complex']);
    const analytic = graph.node(x).grad?.data[0] as number;
    // The complex step truncates like h² too, but subtracts nothing: at h = 1e-8 it has no round-off.
    const fine = points[3];
    assert.ok(fine.complexError !== undefined && fine.complexError <= 1e-14 * Math.abs(analytic), `complex at h=1e-8: ${fine.complexError}`);
    assert.ok(fine.absError > 1e-10, `central at h=1e-8 shows round-off: ${fine.absError}`);
    for (const p of points.slice(0, 3)) {
      assert.ok(p.richardsonError !== undefined && p.richardsonError * 1000 < p.absError, `Richardson at h=${p.h}: ${p.richardsonError} vs ${p.absError}`);
    }
    const kinked = new Graph();
    const y = kinked.leaf('y', Tensor.scalar(0.3));
    const out = kinked.apply('abs', [y]);
    forward(kinked, out);
    backward(kinked, out);
    const [only] = stepSizeSweep(kinked, out, y, 0, [1e-3], ['central', 'richardson', 'complex']);
    assert.strictEqual(only.complexError, undefined, 'no complex step through abs');
    assert.strictEqual(only.richardsonError, 0);
  });

  it('rejects an unknown reference', async () => {
    const graph = new Graph();
    const x = graph.leaf('x', Tensor.scalar(1));
    forward(graph, x);
    backward(graph, x);
    await assert.rejects(gradcheck(graph, x, { reference: 'forward' as Reference }), /reference must be 'central', 'richardson' or 'complex'/);
  });
});
