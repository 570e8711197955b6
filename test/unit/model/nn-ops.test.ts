// The model ops of src/engine/ops/nn.ts: forward against hand-computed values, VJP against central
// differences of Σ r ⊙ op(x) for a random r.
import * as assert from 'assert';
import { InspectError } from '../../../src/engine/errors';
import { Attrs } from '../../../src/engine/op';
import { getOp } from '../../../src/engine/ops';
import { Nested, Tensor } from '../../../src/engine/tensor';
import { assertClose } from '../fixtures';

const t = (v: Nested): Tensor => Tensor.fromNested(v);
const range = (shape: number[], start = 1): Tensor => {
  const out = new Tensor(shape);
  for (let i = 0; i < out.size; i++) { out.data[i] = start + i; }
  return out;
};

function run(op: string, inputs: Tensor[], attrs: Attrs): Nested {
  return getOp(op).forward(inputs, attrs).toNested();
}

/** Seeded values in [-1, 1), distinct with probability one (no ties for max pooling). */
function random(shape: number[], seed: number): Tensor {
  let s = seed >>> 0;
  const out = new Tensor(shape);
  for (let i = 0; i < out.size; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out.data[i] = s / 2147483648 - 1;
  }
  return out;
}

/** Every VJP entry against (f(x + h) − f(x − h)) / 2h with f = Σ r ⊙ op(inputs). */
function checkVjp(op: string, inputs: Tensor[], attrs: Attrs): void {
  const def = getOp(op);
  const output = def.forward(inputs, attrs);
  const r = random([...output.shape], 7);
  const grads = def.vjp({ inputs, output, grad: r, attrs });
  const f = (xs: Tensor[]): number => {
    const y = def.forward(xs, attrs);
    let s = 0;
    for (let i = 0; i < y.size; i++) { s += r.data[i] * y.data[i]; }
    return s;
  };
  const h = 1e-6;
  inputs.forEach((x, k) => {
    const g = grads[k];
    assert.ok(g, `${op}: no gradient for input ${k}`);
    const numeric = new Float64Array(x.size);
    for (let i = 0; i < x.size; i++) {
      const plus = inputs.map(v => v.clone()), minus = inputs.map(v => v.clone());
      plus[k].data[i] += h;
      minus[k].data[i] -= h;
      numeric[i] = (f(plus) - f(minus)) / (2 * h);
    }
    assertClose(Array.from(g.data), Array.from(numeric), `${op} d/d input ${k}`, 1e-7, 1e-8);
  });
}

describe('conv', () => {
  const x3 = range([1, 1, 3, 3]);

  it('computes a 2×2 kernel without padding', () => {
    assert.deepStrictEqual(run('conv', [x3, t([[[[1, 0], [0, -1]]]])], {}), [[[[-4, -4], [-4, -4]]]]);
  });

  it('pads with zeros [top, left, bottom, right]', () => {
    const out = run('conv', [x3, Tensor.full([1, 1, 2, 2], 1)], { pads: [1, 1, 1, 1] });
    assert.deepStrictEqual(out, [[[[1, 3, 5, 3], [5, 12, 16, 9], [11, 24, 28, 15], [7, 15, 17, 9]]]]);
  });

  it('pads asymmetrically', () => {
    const out = run('conv', [x3, Tensor.full([1, 1, 2, 2], 1)], { pads: [0, 0, 1, 1] });
    assert.deepStrictEqual(out, [[[[12, 16, 9], [24, 28, 15], [15, 17, 9]]]]);
  });

  it('strides', () => {
    const out = run('conv', [range([1, 1, 4, 4]), Tensor.full([1, 1, 2, 2], 1)], { strides: [2, 2] });
    assert.deepStrictEqual(out, [[[[14, 22], [46, 54]]]]);
  });

  it('dilates', () => {
    assert.deepStrictEqual(run('conv', [x3, Tensor.full([1, 1, 2, 2], 1)], { dilations: [2, 2] }), [[[[20]]]]);
  });

  it('sums over input channels, and keeps groups apart', () => {
    const x = t([[[[1, 2], [3, 4]], [[10, 20], [30, 40]]]]);
    assert.deepStrictEqual(run('conv', [x, t([[[[1]], [[-1]]]])], {}), [[[[-9, -18], [-27, -36]]]]);
    assert.deepStrictEqual(run('conv', [x, t([[[[2]]], [[[3]]]])], { group: 2 }), [[[[2, 4], [6, 8]], [[30, 60], [90, 120]]]]);
  });

  it('rejects mismatched channels and windows larger than the input', () => {
    assert.throws(() => run('conv', [x3, Tensor.full([1, 2, 2, 2], 1)], {}), InspectError);
    assert.throws(() => run('conv', [x3, Tensor.full([1, 1, 4, 4], 1)], {}), InspectError);
    assert.throws(() => run('conv', [x3, Tensor.full([2, 1, 1, 1], 1)], { group: 2 }), InspectError);
  });

  it('VJPs match central differences (padding, stride, dilation, groups, batch)', () => {
    checkVjp('conv', [random([2, 2, 5, 4], 1), random([3, 2, 3, 2], 2)], { pads: [1, 0, 2, 1], strides: [2, 1] });
    checkVjp('conv', [random([1, 1, 6, 6], 3), random([2, 1, 2, 3], 4)], { dilations: [2, 1], pads: [1, 1, 1, 1] });
    checkVjp('conv', [random([2, 4, 4, 4], 5), random([6, 2, 3, 3], 6)], { group: 2, pads: [1, 1, 1, 1], strides: [2, 2] });
  });
});

describe('maxpool', () => {
  it('takes the window maximum', () => {
    assert.deepStrictEqual(run('maxpool', [range([1, 1, 4, 4])], { kernel: [2, 2], strides: [2, 2] }), [[[[6, 8], [14, 16]]]]);
  });

  it('ignores padding and dilates', () => {
    const x = range([1, 1, 3, 3]);
    assert.deepStrictEqual(run('maxpool', [x], { kernel: [3, 3], pads: [1, 1, 1, 1] }), [[[[5, 6, 6], [8, 9, 9], [8, 9, 9]]]]);
    assert.deepStrictEqual(run('maxpool', [range([1, 1, 3, 3], -9)], { kernel: [2, 2], pads: [1, 1, 1, 1], strides: [2, 2] }), [[[[-9, -7], [-3, -1]]]]);
    assert.deepStrictEqual(run('maxpool', [x], { kernel: [2, 2], dilations: [2, 2] }), [[[[9]]]]);
  });

  it('ceil_mode keeps the partial last window, PyTorch-style', () => {
    const x = range([1, 1, 3, 3]);
    assert.deepStrictEqual(run('maxpool', [x], { kernel: [2, 2], strides: [2, 2] }), [[[[5]]]]);
    assert.deepStrictEqual(run('maxpool', [x], { kernel: [2, 2], strides: [2, 2], ceil_mode: true }), [[[[5, 6], [8, 9]]]]);
    // 5 + 2 − 1 − 1 = 5, ceil(5/2) + 1 = 4 windows, but the fourth would start in the right padding.
    const padded = run('maxpool', [range([1, 1, 5, 5])], { kernel: [2, 2], strides: [2, 2], pads: [1, 1, 1, 1], ceil_mode: true });
    assert.deepStrictEqual(padded, [[[[1, 3, 5], [11, 13, 15], [21, 23, 25]]]]);
  });

  it('branch is the argmax of each window; the VJP routes the adjoint there', () => {
    const x = range([1, 1, 4, 4]);
    const attrs = { kernel: [2, 2], strides: [2, 2] };
    assert.deepStrictEqual(Array.from(getOp('maxpool').branch?.([x], attrs, new Tensor([1])) ?? []), [5, 7, 13, 15]);
    const dx = getOp('maxpool').vjp({ inputs: [x], output: new Tensor([1, 1, 2, 2]), grad: t([[[[1, 2], [3, 4]]]]), attrs })[0];
    assert.deepStrictEqual(dx?.toNested(), [[[[0, 0, 0, 0], [0, 1, 0, 2], [0, 0, 0, 0], [0, 3, 0, 4]]]]);
  });

  it('VJPs match central differences', () => {
    checkVjp('maxpool', [random([2, 2, 5, 5], 11)], { kernel: [3, 2], strides: [2, 1], pads: [1, 0, 1, 1] });
    checkVjp('maxpool', [random([1, 3, 5, 5], 12)], { kernel: [2, 2], strides: [2, 2], ceil_mode: true, dilations: [1, 2] });
  });
});

describe('avgpool', () => {
  it('averages each window', () => {
    assert.deepStrictEqual(run('avgpool', [range([1, 1, 4, 4])], { kernel: [2, 2], strides: [2, 2] }), [[[[3.5, 5.5], [11.5, 13.5]]]]);
  });

  it('count_include_pad decides whether padding counts in the divisor', () => {
    const x = range([1, 1, 3, 3]);
    const attrs = { kernel: [2, 2], strides: [2, 2], pads: [1, 1, 1, 1] };
    assert.deepStrictEqual(run('avgpool', [x], { ...attrs, count_include_pad: true }), [[[[0.25, 1.25], [2.75, 7]]]]);
    assert.deepStrictEqual(run('avgpool', [x], { ...attrs, count_include_pad: false }), [[[[1, 2.5], [5.5, 7]]]]);
  });

  it('ceil_mode windows divide by their part inside the input', () => {
    const x = range([1, 1, 3, 3]);
    for (const count_include_pad of [true, false]) {
      assert.deepStrictEqual(run('avgpool', [x], { kernel: [2, 2], strides: [2, 2], ceil_mode: true, count_include_pad }), [[[[3, 4.5], [7.5, 9]]]]);
    }
  });

  it('VJPs match central differences', () => {
    checkVjp('avgpool', [random([2, 2, 5, 5], 21)], { kernel: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1], count_include_pad: true });
    checkVjp('avgpool', [random([1, 2, 5, 4], 22)], { kernel: [2, 2], strides: [2, 2], pads: [0, 1, 1, 0], ceil_mode: true });
  });
});

describe('pad', () => {
  it('pads with a constant, ONNX layout [begins…, ends…]', () => {
    assert.deepStrictEqual(run('pad', [t([[1, 2], [3, 4]])], { pads: [1, 0, 0, 2], value: 9 }), [[9, 9, 9, 9], [1, 2, 9, 9], [3, 4, 9, 9]]);
  });

  it('crops with negative pads', () => {
    assert.deepStrictEqual(run('pad', [t([1, 2, 3, 4])], { pads: [-1, 1] }), [2, 3, 4, 0]);
  });

  it('rejects pads of the wrong length or cropping below zero', () => {
    assert.throws(() => run('pad', [t([1, 2])], { pads: [1] }), InspectError);
    assert.throws(() => run('pad', [t([1, 2])], { pads: [-2, -1] }), InspectError);
  });

  it('VJPs match central differences', () => {
    checkVjp('pad', [random([2, 3, 4], 31)], { pads: [0, 1, -1, 1, 2, 0], value: 0.5 });
  });
});

describe('gather', () => {
  const x = t([[1, 2], [3, 4], [5, 6]]);

  it('takes rows, with negative indices', () => {
    assert.deepStrictEqual(run('gather', [x], { axis: 0, indices: [2, 0, -1] }), [[5, 6], [1, 2], [5, 6]]);
  });

  it('places the index shape at the axis; a scalar index drops the axis', () => {
    assert.deepStrictEqual(run('gather', [x], { axis: 1, indices: [1, 0], indicesShape: [2, 1] }), [[[2], [1]], [[4], [3]], [[6], [5]]]);
    assert.deepStrictEqual(run('gather', [x], { axis: 0, indices: [1], indicesShape: [] }), [3, 4]);
  });

  it('accumulates the adjoint of repeated indices', () => {
    const dx = getOp('gather').vjp({ inputs: [x], output: new Tensor([2, 2]), grad: t([[1, 1], [1, 1]]), attrs: { axis: 0, indices: [0, 0] } })[0];
    assert.deepStrictEqual(dx?.toNested(), [[2, 2], [0, 0], [0, 0]]);
  });

  it('rejects out-of-range indices and axes', () => {
    assert.throws(() => run('gather', [x], { axis: 0, indices: [3] }), InspectError);
    assert.throws(() => run('gather', [x], { axis: 2, indices: [0] }), InspectError);
  });

  it('VJPs match central differences', () => {
    checkVjp('gather', [random([3, 4, 2], 41)], { axis: 1, indices: [3, 1, 1, -4], indicesShape: [2, 2] });
  });
});
