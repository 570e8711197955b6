// Tangent rules of the ops linear in their inputs (J·u is the op applied to the tangents; no
// second-order term) and of the bilinear ones (mul, matmul, conv: J·u = f(u_a, b) + f(a, u_b), and
// the VJP's tangent picks up the VJP taken with one operand replaced by its tangent).
import { getOp } from '../ops';
import { orZeros, sumOf } from './tangent-tensors';
import { TangentRule } from './tangent-rule';

/** Ops linear in all their inputs together: reshaping, selecting, summing, padding with zeros. */
const LINEAR = [
  'add', 'sub', 'sum', 'mean', 'transpose', 'reshape', 'broadcast_to', 'concat', 'stack', 'index', 'gather', 'gather_elements',
  'cumsum', 'avgpool', 'resize_axis', 'take', 'put', 'scatter_nd',
];
const BILINEAR = ['mul', 'matmul', 'dot', 'conv', 'conv_transpose'];

function linear(name: string): TangentRule {
  const op = getOp(name);
  return { jvp: ({ inputs, tangents, attrs }) => op.forward(inputs.map((x, k) => orZeros(tangents[k], x)), attrs) };
}

/** pad is affine: its fill value is a constant, so the tangent is padded with zeros. */
const pad: TangentRule = {
  jvp: ({ inputs: [x], tangents: [u], attrs }) => getOp('pad').forward([orZeros(u, x)], { ...attrs, value: 0 }),
};

/** where(condition, a, b): the condition is a constant mask; the tangents of a and b are selected by it. */
const where: TangentRule = {
  jvp: ({ inputs: [condition, a, b], tangents: [, ua, ub], attrs }) => getOp('where').forward([condition, orZeros(ua, a), orZeros(ub, b)], attrs),
};

function bilinear(name: string): TangentRule {
  const op = getOp(name);
  return {
    jvp: ({ inputs: [a, b], output, tangents: [ua, ub], attrs }) => sumOf(output.shape, [
      ua ? op.forward([ua, b], attrs) : null,
      ub ? op.forward([a, ub], attrs) : null,
    ]),
    // ∂/∂a of gᵀf(a, b) is linear in b: its tangent along u_b is the same VJP at (a, u_b).
    curvature: ({ inputs: [a, b], output, tangents: [ua, ub], grad, attrs }) => [
      ub ? op.vjp({ inputs: [a, ub], output, grad, attrs })[0] : null,
      ua ? op.vjp({ inputs: [ua, b], output, grad, attrs })[1] : null,
    ],
  };
}

export function linearTangentRules(): (readonly [string, TangentRule])[] {
  return [
    ...LINEAR.map((name): [string, TangentRule] => [name, linear(name)]),
    ...BILINEAR.map((name): [string, TangentRule] => [name, bilinear(name)]),
    ['pad', pad],
    ['where', where],
  ];
}
