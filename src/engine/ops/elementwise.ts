// Elementwise ops with NumPy broadcasting. Each VJP sums broadcast dimensions back (sumToShape).
import { OpDef, Precedence } from '../op';
import { sumToShape, zipBroadcast } from '../tensor';

const add: OpDef = {
  name: 'add',
  arity: 2,
  label: () => '+',
  forward: ([a, b]) => zipBroadcast(a, b, (x, y) => x + y),
  vjp: ({ inputs: [a, b], grad }) => [sumToShape(grad, a.shape), sumToShape(grad, b.shape)],
  written: { text: ([a, b]) => `${a} + ${b}`, latex: ([a, b]) => `${a} + ${b}`, precedence: Precedence.Sum },
};

const mul: OpDef = {
  name: 'mul',
  arity: 2,
  label: () => '*',
  forward: ([a, b]) => zipBroadcast(a, b, (x, y) => x * y),
  vjp: ({ inputs: [a, b], grad }) => [
    sumToShape(zipBroadcast(grad, b, (g, y) => g * y), a.shape),
    sumToShape(zipBroadcast(grad, a, (g, x) => g * x), b.shape),
  ],
  written: { text: ([a, b]) => `${a} * ${b}`, latex: ([a, b]) => `${a} \\cdot ${b}`, precedence: Precedence.Product },
};

export const elementwiseOps: readonly OpDef[] = [add, mul];

