import * as assert from 'assert';
import { backward, forward } from '../../../src/engine/autograd';
import { gradcheck } from '../../../src/engine/gradcheck';
import type { GradcheckResult } from '../../../src/engine/gradcheck-types';
import { Graph } from '../../../src/engine/graph';
import { memoryReport } from '../../../src/engine/memory';
import { Tensor } from '../../../src/engine/tensor';
import { inspect, type Inspection } from '../../../src/inspect';
import { parseBindings } from '../../../src/lang/bindings';
import { sourceText, toWireInspection, toWireTensor } from '../../../src/wire';

/** The lecture's (x + y) * z at x = -2, y = 5, z = -4, as the pipeline would leave it. */
async function lectureInspection(): Promise<Inspection> {
  const text = '(x + y) * z';
  const g = new Graph();
  const x = g.leaf('x', Tensor.scalar(-2), { range: { start: 1, end: 2 } });
  const y = g.leaf('y', Tensor.scalar(5), { range: { start: 5, end: 6 } });
  const z = g.leaf('z', Tensor.scalar(-4), { range: { start: 10, end: 11 } });
  const q = g.apply('add', [x, y], {}, { range: { start: 1, end: 6 } });
  const f = g.apply('mul', [q, z], {}, { range: { start: 0, end: 11 } });
  const order = g.order(f);
  const value = forward(g, f, order);
  const { summedOutput } = backward(g, f, order);
  const leaves = g.leaves(f);
  return {
    language: 'math', text, graph: g, output: f, order, value, leaves,
    gradients: new Map(leaves.map(l => [l.name ?? l.label, l.grad as Tensor])),
    summedOutput, memory: memoryReport(g, order), notes: [],
    check: await gradcheck(g, f, {}),
  };
}

describe('toWireInspection', () => {
  it('sends the lecture example in topological order with values, gradients and source text', async () => {
    const wire = toWireInspection(await lectureInspection(), 'lecture.txt:1');
    assert.strictEqual(wire.title, 'lecture.txt:1');
    assert.deepStrictEqual(wire.nodes.map(n => n.id), [0, 1, 2, 3, 4]);
    assert.deepStrictEqual(wire.nodes.map(n => n.kind), ['leaf', 'leaf', 'leaf', 'op', 'op']);
    assert.deepStrictEqual(wire.nodes.map(n => n.value.data), [[-2], [5], [-4], [3], [-12]]);
    assert.deepStrictEqual(wire.nodes.map(n => n.grad?.data), [[-4], [-4], [3], [-4], [1]]);
    assert.deepStrictEqual(wire.nodes.map(n => n.source), ['x', 'y', 'z', 'x + y', '(x + y) * z']);
    assert.deepStrictEqual(wire.nodes[3].inputs, [0, 1]);
    assert.strictEqual(wire.output, 4);
    assert.deepStrictEqual(wire.value.data, [-12]);
    assert.strictEqual(wire.check?.passed, true);
    assert.strictEqual(wire.check?.entries.length, 3);
    assert.strictEqual(wire.check?.entriesOmitted, 0);
    assert.deepStrictEqual(wire.nodes.filter(n => n.kind === 'leaf').map(n => n.checkStatus), ['pass', 'pass', 'pass']);
    const dz = wire.check?.entries.find(e => e.leaf === 'z');
    assert.ok(dz && dz.analytic === 3 && dz.numeric !== null && Math.abs(dz.numeric - 3) < 1e-8);
  });

  it('sends each entry\'s step and diagnosis, a kink\'s one-sided derivatives and convention', async () => {
    const inspection = await lectureInspection();
    const check = inspection.check as GradcheckResult;
    const kinked = { ...check.entries[0], status: 'kink' as const, kinkNode: 3, diagnosis: 'kink' as const, advice: 'a subgradient', oneSided: [0, Infinity] as [number, number], convention: 'relu′(0) = 0' };
    inspection.check = { ...check, entries: [kinked], undiagnosed: 4 };
    const wire = toWireInspection(inspection, 't');
    const e = wire.check?.entries[0];
    assert.deepStrictEqual([e?.h, e?.diagnosis, e?.advice, e?.oneSided, e?.convention], [kinked.h, 'kink', 'a subgradient', [0, null], 'relu′(0) = 0']);
    assert.strictEqual(wire.check?.undiagnosed, 4);
  });

  it('is plain JSON: the same object after a JSON round trip', async () => {
    const wire = toWireInspection(await lectureInspection(), 't');
    assert.deepStrictEqual(JSON.parse(JSON.stringify(wire)), wire);
  });

  it('caps the check rows worst first and marks a leaf by its worst entry, counted over all entries', async () => {
    const inspection = await lectureInspection();
    const check = inspection.check as GradcheckResult;
    const entries = check.entries.map(e => (e.leaf === 'z' ? { ...e, status: 'fail' as const, analytic: 99 } : e));
    entries.sort((a, b) => (a.status === 'fail' ? -1 : 0) - (b.status === 'fail' ? -1 : 0));
    inspection.check = { ...check, passed: false, entries, counts: { pass: 2, fail: 1, kink: 0 } };
    const wire = toWireInspection(inspection, 't', { maxCheckRows: 1 });
    assert.strictEqual(wire.check?.entries.length, 1);
    assert.strictEqual(wire.check?.entries[0].leaf, 'z');
    assert.strictEqual(wire.check?.entriesOmitted, 2);
    assert.strictEqual(wire.nodes.find(n => n.name === 'z')?.checkStatus, 'fail');
    assert.strictEqual(wire.nodes.find(n => n.name === 'x')?.checkStatus, 'pass');
  });

  it('sends symbolic derivatives with their values at the point, and why they are missing otherwise', async () => {
    const inspection = await lectureInspection();
    inspection.derivatives = new Map([
      ['x', { text: 'z', latex: 'z', value: -4 }],
      ['z', { text: 'x + y', latex: 'x + y', value: Infinity }],
    ]);
    const wire = toWireInspection(inspection, 't');
    assert.deepStrictEqual(wire.derivatives, [
      { leaf: 'x', text: 'z', latex: 'z', value: -4 },
      { leaf: 'z', text: 'x + y', latex: 'x + y', value: null },
    ]);
    inspection.derivatives = undefined;
    inspection.derivativesUnavailable = 'symbolic form not available for tensors';
    const without = toWireInspection(inspection, 't');
    assert.strictEqual(without.derivatives, undefined);
    assert.strictEqual(without.derivativesUnavailable, 'symbolic form not available for tensors');
  });
});

describe('sourceText', () => {
  it('keeps short sources and cuts the middle of long ones to the limit', () => {
    const text = 'a + b + c + d + e + f';
    assert.strictEqual(sourceText(text, 4, 9, 10), 'b + c');
    const cut = sourceText(text, 0, text.length, 10);
    assert.strictEqual(cut.length, 10);
    assert.strictEqual(cut, 'a + b …+ f');
  });
});

describe('toWireTensor', () => {
  it('sends non-finite entries as null and summarises the finite ones', () => {
    const wire = toWireTensor(Tensor.fromArray([2, 2], [3, NaN, -Infinity, 4]));
    assert.deepStrictEqual(wire.data, [3, null, null, 4]);
    assert.deepStrictEqual(wire.shape, [2, 2]);
    assert.strictEqual(wire.nonFinite, 2);
    assert.strictEqual(wire.min, 3);
    assert.strictEqual(wire.max, 4);
    assert.strictEqual(wire.mean, 3.5);
    assert.strictEqual(wire.norm, 5);
  });

  it('omits the entries above the limit but keeps exact statistics', () => {
    const values = Array.from({ length: 10 }, (_, i) => i + 1);
    const wire = toWireTensor(Tensor.fromArray([10], values), 9);
    assert.strictEqual(wire.data, undefined);
    assert.strictEqual(wire.size, 10);
    assert.strictEqual(wire.mean, 5.5);
    assert.strictEqual(wire.norm, Math.sqrt(385));
    assert.deepStrictEqual(toWireTensor(Tensor.fromArray([10], values), 10).data, values);
  });

  it('has null statistics when no entry is finite', () => {
    const wire = toWireTensor(Tensor.fromArray([1], [NaN]));
    assert.deepStrictEqual([wire.min, wire.max, wire.mean, wire.norm, wire.nonFinite], [null, null, null, null, 1]);
  });
});

describe('toWireInspection: the reference and the precision replay', () => {
  it('carries the check\'s reference, Richardson\'s error estimate, and the replay with non-finite errors as null', async () => {
    const inspection = await inspect({ kind: 'text', text: 'x * 0 + sin(x)', language: 'math' },
      { bindings: parseBindings('x=0.5'), check: { reference: 'richardson' }, precision: 'float16' });
    const wire = toWireInspection(inspection, 'richardson');
    assert.strictEqual(wire.check?.reference, 'richardson');
    const estimate = wire.check?.entries[0].errorEstimate;
    assert.strictEqual(estimate, inspection.check?.entries[0].errorEstimate);
    assert.ok(typeof estimate === 'number' && estimate > 0 && estimate < 1e-10, String(estimate));
    assert.strictEqual(wire.precision?.type, 'float16');
    assert.deepStrictEqual(wire.precision?.nodes.map(n => n.node), inspection.order);
    // x * 0 is exactly 0 in both types: its relative error is 0, not a division by zero.
    const product = inspection.order.find(id => inspection.graph.nodes[id].op === 'mul');
    assert.strictEqual(wire.precision?.nodes.find(n => n.node === product)?.valueRelError, 0);
    assert.strictEqual(JSON.stringify(wire).includes('Infinity'), false);
  });
});
