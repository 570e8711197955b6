// The windowed ops (conv, conv_transpose, maxpool, avgpool) over three spatial axes: forward
// against direct loops written from the definitions, the 2-D ops as the 3-D ones over a unit depth,
// VJPs against central differences, and bad windows refused with shape errors.
import * as assert from 'assert';
import { InspectError } from '../../../src/engine/errors';
import { Attrs } from '../../../src/engine/op';
import { Tensor } from '../../../src/engine/tensor';
import { assertAllClose, checkVjp, randomTensor, run } from './ops-testing';

interface Window3d { pads: number[]; strides: number[]; dilations: number[] }

/** The index of (a, b, c) in a row-major block of sizes (B, C). */
const at3 = (a: number, b: number, c: number, sizes: readonly number[]): number => (a * sizes[1] + b) * sizes[2] + c;

/** y[n, m, o] = Σ_{c, k} x[n, g·Cg + c, o·s − p + k·d] · w[m, c, k], with every index written out. */
function directConv3d(x: Tensor, w: Tensor, win: Window3d, group: number): Tensor {
  const [n, c, ...size] = x.shape, [m, cg, ...kernel] = w.shape;
  const out = [0, 1, 2].map(a => Math.floor((size[a] + win.pads[a] + win.pads[a + 3] - win.dilations[a] * (kernel[a] - 1) - 1) / win.strides[a]) + 1);
  const y = new Tensor([n, m, ...out]);
  const mg = m / group;
  const plane = size[0] * size[1] * size[2], outPlane = out[0] * out[1] * out[2], taps = kernel[0] * kernel[1] * kernel[2];
  for (let b = 0; b < n; b++) for (let mo = 0; mo < m; mo++) for (let o0 = 0; o0 < out[0]; o0++) for (let o1 = 0; o1 < out[1]; o1++) for (let o2 = 0; o2 < out[2]; o2++) {
    let s = 0;
    for (let ci = 0; ci < cg; ci++) for (let k0 = 0; k0 < kernel[0]; k0++) for (let k1 = 0; k1 < kernel[1]; k1++) for (let k2 = 0; k2 < kernel[2]; k2++) {
      const i = [o0, o1, o2].map((o, a) => o * win.strides[a] - win.pads[a] + [k0, k1, k2][a] * win.dilations[a]);
      if (i.some((v, a) => v < 0 || v >= size[a])) { continue; }
      const channel = Math.floor(mo / mg) * cg + ci;
      s += x.data[(b * c + channel) * plane + at3(i[0], i[1], i[2], size)] * w.data[(mo * cg + ci) * taps + at3(k0, k1, k2, kernel)];
    }
    y.data[(b * m + mo) * outPlane + at3(o0, o1, o2, out)] = s;
  }
  return y;
}

/** The 2-D attributes of a window as the 3-D ones over a unit depth. */
function withUnitDepth(attrs: { pads: number[]; strides: number[]; dilations: number[] }): Window3d {
  const [top, left, bottom, right] = attrs.pads;
  return { pads: [0, top, left, 0, bottom, right], strides: [1, ...attrs.strides], dilations: [1, ...attrs.dilations] };
}

const unitDepth = (t: Tensor): Tensor => t.reshape([t.shape[0], t.shape[1], 1, ...t.shape.slice(2)]);

describe('windowed ops over three spatial axes', function () {
  // Central differences over every entry: seconds when the machine is busy.
  this.timeout(20_000);
  const cases: { name: string; x: number[]; w: number[]; win: Window3d; group: number }[] = [
    { name: 'plain', x: [1, 2, 3, 4, 3], w: [3, 2, 2, 2, 2], win: { pads: [0, 0, 0, 0, 0, 0], strides: [1, 1, 1], dilations: [1, 1, 1] }, group: 1 },
    { name: 'per-axis stride, padding and dilation', x: [2, 2, 5, 4, 6], w: [2, 2, 3, 2, 2], win: { pads: [1, 0, 2, 0, 1, 1], strides: [2, 1, 3], dilations: [1, 2, 2] }, group: 1 },
    { name: 'groups', x: [1, 4, 3, 3, 4], w: [6, 2, 2, 3, 1], win: { pads: [1, 1, 0, 1, 1, 0], strides: [1, 2, 1], dilations: [2, 1, 1] }, group: 2 },
  ];
  for (const k of cases) {
    it(`conv matches the direct loop: ${k.name}`, () => {
      const x = randomTensor(k.x, 1), w = randomTensor(k.w, 2);
      assertAllClose(run('conv', [x, w], { ...k.win, group: k.group }), directConv3d(x, w, k.win, k.group), k.name);
    });
    it(`conv and conv_transpose VJPs match central differences: ${k.name}`, () => {
      checkVjp('conv', [randomTensor(k.x, 3), randomTensor(k.w, 4)], { ...k.win, group: k.group });
      const transposedWeight = [k.w[0], k.w[1], ...k.w.slice(2)];
      checkVjp('conv_transpose', [randomTensor([k.x[0], k.w[0], 2, 3, 2], 5), randomTensor(transposedWeight, 6)], { ...k.win, group: k.group });
    });
  }

  it('conv_transpose is the adjoint of conv: ⟨conv(y, w), x⟩ = ⟨y, conv_transpose(x, w)⟩', () => {
    const attrs = { strides: [2, 1, 2], pads: [1, 0, 0, 0, 1, 1], dilations: [1, 2, 1], output_padding: [1, 0, 1], group: 2 };
    const x = randomTensor([2, 4, 3, 3, 2], 31), w = randomTensor([4, 1, 2, 2, 3], 32);
    const transposed = run('conv_transpose', [x, w], attrs);
    const y = randomTensor([...transposed.shape], 33);
    const c = run('conv', [y, w], attrs);
    assert.deepStrictEqual(c.shape, x.shape);
    const dot = (a: Tensor, b: Tensor): number => a.data.reduce((s, v, i) => s + v * b.data[i], 0);
    assert.ok(Math.abs(dot(c, x) - dot(y, transposed)) < 1e-10 * Math.abs(dot(y, transposed)));
  });

  it('the 2-D ops are the 3-D ones over a unit depth', () => {
    const x = randomTensor([2, 2, 5, 6], 41), w = randomTensor([4, 1, 3, 2], 42);
    const win2d = { pads: [1, 0, 2, 1], strides: [2, 1], dilations: [1, 2] };
    const as3d = (t: Tensor): Tensor => t.reshape(t.shape.filter((_, i) => i !== 2));
    assertAllClose(as3d(run('conv', [unitDepth(x), unitDepth(w)], { ...withUnitDepth(win2d), group: 2 })), run('conv', [x, w], { ...win2d, group: 2 }), 'conv');
    const pool = (op: string, attrs: Attrs): void => {
      const flat = run(op, [x], { ...attrs, kernel: [3, 2], pads: [1, 0, 1, 1], strides: [2, 2] });
      const deep = run(op, [unitDepth(x)], { ...attrs, kernel: [1, 3, 2], pads: [0, 1, 0, 0, 1, 1], strides: [1, 2, 2] });
      assertAllClose(as3d(deep), flat, op);
    };
    pool('maxpool', { ceil_mode: true });
    pool('avgpool', { count_include_pad: true });
    pool('avgpool', { ceil_mode: true, count_include_pad: false });
  });

  it('pools: window maxima and means worked by hand', () => {
    const x = new Tensor([1, 1, 2, 2, 2], Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8]));
    assert.deepStrictEqual(run('maxpool', [x], { kernel: [2, 2, 2] }).toNested(), [[[[[8]]]]]);
    assert.deepStrictEqual(run('avgpool', [x], { kernel: [2, 1, 2] }).toNested(), [[[[[3.5], [5.5]]]]]);
    // Depth padding of 1 at the front: the first window holds the slice d = 0 and one padded slice.
    assert.deepStrictEqual(run('avgpool', [x], { kernel: [2, 2, 2], pads: [1, 0, 0, 0, 0, 0], count_include_pad: true }).toNested(), [[[[[1.25]], [[4.5]]]]]);
    assert.deepStrictEqual(run('avgpool', [x], { kernel: [2, 2, 2], pads: [1, 0, 0, 0, 0, 0] }).toNested(), [[[[[2.5]], [[4.5]]]]]);
  });

  it('pool VJPs match central differences', () => {
    const x = randomTensor([2, 2, 4, 5, 3], 51);
    checkVjp('maxpool', [x], { kernel: [2, 3, 2], strides: [2, 1, 2], pads: [1, 1, 0, 0, 1, 1], dilations: [1, 1, 2], ceil_mode: true });
    checkVjp('avgpool', [x], { kernel: [3, 2, 2], strides: [1, 2, 1], pads: [1, 0, 1, 1, 1, 0], count_include_pad: true });
    checkVjp('avgpool', [x], { kernel: [2, 2, 3], strides: [2, 2, 2], pads: [0, 1, 1, 1, 0, 1], ceil_mode: true });
  });

  it('bad windows are shape errors naming what was expected', () => {
    const x = randomTensor([1, 2, 3, 3, 3], 61);
    const refuses = (op: string, inputs: Tensor[], attrs: Attrs, pattern: RegExp): void => {
      assert.throws(() => run(op, inputs, attrs), (e: unknown) => e instanceof InspectError && pattern.test(e.message), `${op} ${JSON.stringify(attrs)}`);
    };
    const w = randomTensor([2, 2, 2, 2, 2], 62);
    refuses('conv', [x, w], { pads: [1, 1, 1, 1] }, /a 3-D window needs 6 pads/);
    refuses('conv', [x, w], { strides: [1, 0, 1] }, /invalid window/);
    refuses('conv', [x, randomTensor([2, 2, 4, 2, 2], 63)], {}, /window of 4 .* larger than the padded input of 3/);
    refuses('conv', [x, randomTensor([2, 2, 2, 2], 63)], {}, /weight must have rank 5/);
    refuses('conv', [randomTensor([1, 1, 2, 2, 2, 2], 64), randomTensor([1, 1, 1, 1, 1, 1], 65)], {}, /rank 3, 4 or 5/);
    refuses('maxpool', [x], { kernel: [2, 2] }, /kernel \[2,2\] must have 3 positive sizes/);
    refuses('avgpool', [x], { kernel: [2, 2, 2], dilations: [1, 2, 1] }, /does not support dilations/);
    refuses('conv_transpose', [x, randomTensor([2, 1, 2, 2, 2], 66)], { strides: [2, 2, 2], output_padding: [0, 2, 0] }, /output_padding 2 must be at least 0 and smaller than the stride 2/);
  });
});
