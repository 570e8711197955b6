// conv_transpose: forward against a direct scatter loop (each input entry times each weight tap
// added where it lands), shapes, bad attributes, and VJPs against central differences.
import * as assert from 'assert';
import { InspectError } from '../../../src/engine/errors';
import { Tensor } from '../../../src/engine/tensor';
import { assertAllClose, checkVjp, randomTensor, run } from './ops-testing';

interface Options { pads?: number[]; strides?: number[]; dilations?: number[]; output_padding?: number[]; group?: number }

/** y[n, grp·Mg + m, h·s − p + k·d, …] += x[n, c, h, w] · w[c, m, kh, kw]: the definition, loop by loop. */
function directTranspose(x: Tensor, w: Tensor, o: Options): Tensor {
  const [pT, pL, pB, pR] = o.pads ?? [0, 0, 0, 0], [sH, sW] = o.strides ?? [1, 1], [dH, dW] = o.dilations ?? [1, 1];
  const [opH, opW] = o.output_padding ?? [0, 0], group = o.group ?? 1;
  const [n, c, h, wd] = x.shape, [, mg, kH, kW] = w.shape;
  const oH = sH * (h - 1) + opH + dH * (kH - 1) + 1 - pT - pB, oW = sW * (wd - 1) + opW + dW * (kW - 1) + 1 - pL - pR;
  const y = new Tensor([n, mg * group, oH, oW]);
  const cg = c / group;
  for (let b = 0; b < n; b++) for (let ci = 0; ci < c; ci++) for (let ih = 0; ih < h; ih++) for (let iw = 0; iw < wd; iw++) {
    for (let m = 0; m < mg; m++) for (let kh = 0; kh < kH; kh++) for (let kw = 0; kw < kW; kw++) {
      const yh = ih * sH - pT + kh * dH, yw = iw * sW - pL + kw * dW;
      if (yh < 0 || yh >= oH || yw < 0 || yw >= oW) { continue; }
      const mo = Math.floor(ci / cg) * mg + m;
      y.data[((b * mg * group + mo) * oH + yh) * oW + yw] += x.data[((b * c + ci) * h + ih) * wd + iw] * w.data[((ci * mg + m) * kH + kh) * kW + kw];
    }
  }
  return y;
}

const cases: { name: string; x: number[]; w: number[]; attrs: Options }[] = [
  { name: 'plain', x: [1, 2, 3, 3], w: [2, 3, 2, 2], attrs: {} },
  { name: 'stride 2 with pads', x: [2, 2, 3, 4], w: [2, 3, 3, 3], attrs: { strides: [2, 2], pads: [1, 1, 1, 1] } },
  { name: 'asymmetric pads and output_padding', x: [1, 2, 3, 3], w: [2, 2, 3, 2], attrs: { strides: [2, 3], pads: [0, 1, 1, 0], output_padding: [1, 2] } },
  { name: 'dilation', x: [1, 1, 4, 3], w: [1, 2, 2, 3], attrs: { dilations: [2, 1], pads: [1, 0, 0, 1] } },
  { name: 'output_padding at least the stride (dilation 3)', x: [1, 1, 3, 3], w: [1, 1, 2, 2], attrs: { dilations: [3, 3], output_padding: [2, 1] } },
  { name: 'groups', x: [2, 4, 3, 3], w: [4, 3, 3, 3], attrs: { group: 2, strides: [2, 2], pads: [1, 1, 1, 1], output_padding: [1, 1] } },
  { name: 'depthwise', x: [1, 3, 4, 4], w: [3, 1, 2, 2], attrs: { group: 3, strides: [2, 2] } },
];

describe('conv_transpose', () => {
  for (const k of cases) {
    it(`matches the direct scatter loop: ${k.name}`, () => {
      const x = randomTensor(k.x, 11), w = randomTensor(k.w, 12);
      const expected = directTranspose(x, w, k.attrs);
      const actual = run('conv_transpose', [x, w], { ...k.attrs });
      assert.deepStrictEqual(actual.shape, expected.shape);
      assertAllClose(actual, expected, k.name);
    });
    it(`VJPs match central differences: ${k.name}`, () => {
      checkVjp('conv_transpose', [randomTensor(k.x, 21), randomTensor(k.w, 22)], { ...k.attrs });
    });
  }

  it('is the adjoint of conv: ⟨conv(y, w), x⟩ = ⟨y, conv_transpose(x, w)⟩', () => {
    const attrs = { strides: [2, 1], pads: [1, 0, 0, 1], dilations: [1, 2], group: 2 };
    const x = randomTensor([2, 4, 3, 3], 31), w = randomTensor([4, 1, 3, 2], 32);
    const t = run('conv_transpose', [x, w], attrs);
    const y = randomTensor([...t.shape], 33);
    const c = run('conv', [y, w], attrs);
    assert.deepStrictEqual(c.shape, x.shape);
    const dot = (a: Tensor, b: Tensor): number => a.data.reduce((s, v, i) => s + v * b.data[i], 0);
    assert.ok(Math.abs(dot(c, x) - dot(y, t)) < 1e-10 * Math.abs(dot(y, t)));
  });

  it('rejects mismatched weights and attributes with shape errors', () => {
    const x = randomTensor([1, 2, 3, 3], 1);
    const bad: [number[], object][] = [
      [[3, 1, 2, 2], {}],
      [[2, 1, 2, 2], { group: 4 }],
      [[2, 1, 2, 2], { strides: [2, 2], output_padding: [2, 0] }],
      [[2, 1, 2, 2], { output_padding: [-1, 0] }],
      [[2, 1, 2, 2], { pads: [2, 2, 2, 2] }],
      [[2, 1, 2, 2], { strides: [0, 1] }],
      [[2, 1, 2, 2], { pads: [1, 1] }],
    ];
    for (const [shape, attrs] of bad) {
      assert.throws(() => run('conv_transpose', [x, randomTensor(shape, 2)], attrs as never), InspectError, JSON.stringify(attrs));
    }
  });
});
