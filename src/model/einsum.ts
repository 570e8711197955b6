// ONNX Einsum as engine ops: each operand first sums out the letters nothing else needs, then
// operands are contracted pair by pair as one batched matmul ([batch, left, contracted] @
// [batch, contracted, right]) and transposed to the output's order. Ellipses and repeated letters
// within one operand (diagonals) are refused.
import { quoted } from '../engine/excerpt';
import { Converter } from './operators';
import { NodeBuilder, Value } from './values';

interface Term {
  readonly letters: string;
  readonly value: Value;
}

function parseEquation(b: NodeBuilder, equation: string, operands: number): { inputs: string[]; output: string } {
  const compact = equation.replace(/\s+/g, '');
  if (compact.includes('.')) { throw b.error(`equation ${quoted(equation)}: ellipsis (...) is not supported`, 'unsupported'); }
  const [lhs, rhs, ...rest] = compact.split('->');
  const inputs = lhs.split(',');
  if (rest.length > 0 || !/^[A-Za-z,]*$/.test(lhs) || (rhs !== undefined && !/^[A-Za-z]*$/.test(rhs))) {
    throw b.error(`equation ${quoted(equation)} is not of the form 'ij,jk->ik' (letters, commas, one ->)`, 'model');
  }
  if (inputs.length !== operands) { throw b.error(`equation ${quoted(equation)} names ${inputs.length} operands, the node has ${operands}`, 'model'); }
  const counts = new Map<string, number>();
  for (const letter of inputs.join('')) { counts.set(letter, (counts.get(letter) ?? 0) + 1); }
  const output = rhs ?? [...counts.keys()].filter(l => counts.get(l) === 1).sort().join('');
  for (const letter of output) {
    if (!counts.has(letter)) { throw b.error(`equation ${quoted(equation)}: output letter ${letter} is in no operand`, 'model'); }
  }
  if (new Set(output).size !== output.length) { throw b.error(`equation ${quoted(equation)}: a letter repeats in the output`, 'model'); }
  return { inputs, output };
}

function checkTerm(b: NodeBuilder, letters: string, value: Value, sizes: Map<string, number>): void {
  const shape = value.tensor.shape;
  if (letters.length !== shape.length) { throw b.error(`operand ${quoted(letters)} has rank ${shape.length}, the equation gives it ${letters.length} letters`, 'shape'); }
  if (new Set(letters).size !== letters.length) { throw b.error(`operand ${quoted(letters)} repeats a letter (a diagonal), which is not supported`, 'unsupported'); }
  [...letters].forEach((letter, i) => {
    const known = sizes.get(letter);
    if (known !== undefined && known !== shape[i]) { throw b.error(`letter ${letter} is ${known} in one operand and ${shape[i]} in another`, 'shape'); }
    sizes.set(letter, shape[i]);
  });
}

/** The term with its letters outside `keep` summed out. */
function sumOut(b: NodeBuilder, term: Term, keep: string): Term {
  const axes = [...term.letters].flatMap((l, i) => (keep.includes(l) ? [] : [i]));
  if (axes.length === 0) { return term; }
  return { letters: [...term.letters].filter(l => keep.includes(l)).join(''), value: b.apply('sum', [term.value], { axis: axes, keepdims: false }) };
}

/** The term's axes in the order of `letters` (a permutation of its own). */
function permute(b: NodeBuilder, term: Term, letters: string): Value {
  const axes = [...letters].map(l => term.letters.indexOf(l));
  return axes.every((a, i) => a === i) ? term.value : b.apply('transpose', [term.value], { axes });
}

function reshape(b: NodeBuilder, v: Value, shape: number[]): Value {
  return v.tensor.shape.join() === shape.join() ? v : b.apply('reshape', [v], { shape });
}

/** Contracts two terms into one with letters `keep` (in order: batch, left, right). */
function contractPair(b: NodeBuilder, x: Term, y: Term, keep: string, sizes: Map<string, number>): Term {
  const left = sumOut(b, x, keep + y.letters), right = sumOut(b, y, keep + left.letters);
  const inBoth = [...left.letters].filter(l => right.letters.includes(l));
  const batch = inBoth.filter(l => keep.includes(l)).join('');
  const contracted = inBoth.filter(l => !keep.includes(l)).join('');
  const leftOnly = [...left.letters].filter(l => !right.letters.includes(l)).join('');
  const rightOnly = [...right.letters].filter(l => !left.letters.includes(l)).join('');
  const size = (letters: string): number => [...letters].reduce((n, l) => n * (sizes.get(l) ?? 1), 1);
  const a = reshape(b, permute(b, left, batch + leftOnly + contracted), [size(batch), size(leftOnly), size(contracted)]);
  const c = reshape(b, permute(b, right, batch + contracted + rightOnly), [size(batch), size(contracted), size(rightOnly)]);
  const letters = batch + leftOnly + rightOnly;
  const product = b.apply('matmul', [a, c]);
  return { letters, value: reshape(b, product, [...letters].map(l => sizes.get(l) ?? 1)) };
}

export const einsum: Converter = b => {
  const operands: Value[] = [];
  for (let i = 0; i < b.inputCount; i++) { operands.push(b.requiredInput(i)); }
  if (operands.length === 0) { throw b.error('Einsum needs at least one operand', 'model'); }
  const equation = b.string('equation', '');
  const { inputs, output } = parseEquation(b, equation, operands.length);
  const sizes = new Map<string, number>();
  inputs.forEach((letters, i) => checkTerm(b, letters, operands[i], sizes));
  const terms = inputs.map((letters, i) => ({ letters, value: operands[i] }));
  let result = sumOut(b, terms[0], output + inputs.slice(1).join(''));
  for (let i = 1; i < terms.length; i++) {
    result = contractPair(b, result, terms[i], output + inputs.slice(i + 1).join(''), sizes);
  }
  result = sumOut(b, result, output);
  return [permute(b, result, output)];
};
