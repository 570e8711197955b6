// ONNX Einsum against a direct evaluation of the equation (a loop over every letter's index), for
// the forms exporters emit; gradients against central differences; refused forms name the node.
import { Tensor } from '../../../src/engine/tensor';
import { assertClose } from '../fixtures';
import { DOUBLE } from './onnx-writer';
import { checkGradients, load, rejectsAt } from './onnx-testing';

/** Σ over the letters not in the output of Π operands, by brute force. */
function directEinsum(equation: string, operands: Tensor[]): Tensor {
  const [lhs, output] = equation.split('->');
  const terms = lhs.split(',');
  const sizes = new Map<string, number>();
  terms.forEach((t, k) => [...t].forEach((l, i) => sizes.set(l, operands[k].shape[i])));
  const letters = [...sizes.keys()];
  const out = new Tensor([...output].map(l => sizes.get(l) as number));
  const index = new Map<string, number>(letters.map(l => [l, 0]));
  const flat = (t: Tensor, term: string): number => [...term].reduce((o, l, i) => o * t.shape[i] + (index.get(l) as number), 0);
  const total = letters.reduce((n, l) => n * (sizes.get(l) as number), 1);
  for (let step = 0; step < total; step++) {
    let rest = step;
    for (const l of [...letters].reverse()) { const n = sizes.get(l) as number; index.set(l, rest % n); rest = Math.floor(rest / n); }
    const product = operands.reduce((p, t, k) => p * t.data[flat(t, terms[k])], 1);
    out.data[flat(out, output)] += product;
  }
  return out;
}

function seeded(shape: number[], seed: number): Tensor {
  const t = new Tensor(shape);
  let s = seed;
  for (let i = 0; i < t.size; i++) { s = (s * 16807) % 2147483647; t.data[i] = (s / 2147483647) * 2 - 1; }
  return t;
}

async function einsumModel(equation: string, shapes: number[][], name = '/Einsum') {
  const operands = shapes.map((shape, i) => seeded(shape, 11 + i));
  const names = shapes.map((_, i) => `x${i}`);
  const model = await load({
    opset: 12,
    nodes: [{ op: 'Einsum', name, inputs: names, outputs: ['y'], attrs: { equation } }],
    initializers: operands.slice(1).map((t, i) => ({ name: names[i + 1], dims: [...t.shape], dataType: DOUBLE, values: Array.from(t.data) })),
    inputs: [{ name: 'x0', shape: shapes[0] }],
  }, { inputs: { x0: operands[0].toNested() } });
  return { model, operands };
}

describe('ONNX Einsum', () => {
  const cases: [string, number[][], string?][] = [
    ['ij,jk->ik', [[2, 3], [3, 4]]],
    ['bij,bjk->bik', [[2, 3, 4], [2, 4, 2]]],
    ['bhqd,bhkd->bhqk', [[2, 2, 3, 4], [2, 2, 3, 4]]],
    ['bij,jk->bik', [[2, 3, 4], [4, 5]]],
    ['i,i->', [[5], [5]]],
    ['i,j->ij', [[3], [4]]],
    ['ij,ij->i', [[3, 4], [3, 4]]],
    ['ijk,jl->il', [[2, 3, 4], [3, 5]]],
    ['ij->ji', [[2, 3]]],
    ['ijk->k', [[2, 3, 4]]],
    ['ij,jk', [[2, 3], [3, 4]], 'ij,jk->ik'],
    ['ba,ca', [[2, 3], [4, 3]], 'ba,ca->bc'],
    ['ij,jk,kl->il', [[2, 3], [3, 4], [4, 2]]],
  ];

  for (const [equation, shapes, explicit] of cases) {
    it(`${equation}: value and gradients`, async () => {
      const { model, operands } = await einsumModel(equation, shapes);
      const expected = directEinsum(explicit ?? equation, operands);
      assertClose((model.outputs.get('y') as Tensor).toNested(), expected.toNested(), equation, 1e-12, 1e-14);
      checkGradients(model);
    });
  }

  it('refuses ellipses, diagonals, rank and size mismatches, naming the node', async () => {
    await rejectsAt(einsumModel('...ij,...jk->...ik', [[2, 3], [3, 4]]), /ellipsis/, '/Einsum');
    await rejectsAt(einsumModel('ii->i', [[3, 3]]), /repeats a letter/, '/Einsum');
    await rejectsAt(einsumModel('ijk,jk->i', [[2, 3], [3, 4]]), /rank 2, the equation gives it 3 letters/, '/Einsum');
    await rejectsAt(einsumModel('ij,jk->ik', [[2, 3], [4, 4]]), /letter j is 3 in one operand and 4 in another/, '/Einsum');
    await rejectsAt(einsumModel('ij,jk->iz', [[2, 3], [3, 4]]), /output letter z is in no operand/, '/Einsum');
    await rejectsAt(einsumModel('ij,jk', [[2, 3]]), /names 2 operands, the node has 1/, '/Einsum');
  });
});
