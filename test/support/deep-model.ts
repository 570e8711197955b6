// A deep ONNX model generated when it is needed (never committed): a stack of small pre-norm
// residual blocks, named as torch.onnx.export names a `blocks` ModuleList. Each block is LayerNorm
// decomposed (ReduceMean, Sub, Pow, ReduceMean, Add, Sqrt, Div, Mul, Add), a Linear (MatMul + Add),
// GELU as Erf, a second Linear and the residual Add: about 30 engine nodes. 3,400 blocks make the
// issue's "model with 10⁵ engine nodes"; the unit tests, the workbench test and the bench share it.
import { DOUBLE, ModelSpec, NodeSpec, TensorSpec, modelBytes } from '../unit/model/onnx-writer';

export interface DeepModelShape {
  blocks: number;
  /** Features per token. */
  width: number;
  /** Hidden features of each block's MLP. */
  hidden: number;
  tokens: number;
}

export const DEEP_MODEL: DeepModelShape = { blocks: 3400, width: 4, hidden: 8, tokens: 2 };

/** Values in ±scale from a fixed linear congruential sequence: the same model on every run. */
function seeded(count: number, seed: number, scale: number): number[] {
  let state = (seed * 2654435761) >>> 0;
  return Array.from({ length: count }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state / 2 ** 32 * 2 - 1) * scale;
  });
}

class DeepModelBuilder {
  readonly nodes: NodeSpec[] = [];
  readonly initializers: TensorSpec[] = [];

  weight(name: string, dims: number[], scale: number, center = 0): string {
    const count = dims.reduce((a, b) => a * b, 1);
    this.initializers.push({ name, dims, dataType: DOUBLE, values: seeded(count, this.initializers.length + 1, scale).map(v => v + center) });
    return name;
  }

  /** A Constant node, as torch exports a literal: a fixed number, not a parameter with a gradient. */
  constant(module: string, value: number): string {
    return this.node('Constant', [], module, { value: { t: { dims: [], dataType: DOUBLE, values: [value] } } });
  }

  /** `module` is the module path ("blocks.7.ln"); the node is named "/blocks.7/ln/Op_n" as torch names it. */
  node(op: string, inputs: string[], module: string, attrs?: NodeSpec['attrs']): string {
    const name = `/${module.replace(/\.(?=\D)/g, '/')}/${op}_${this.nodes.length}`;
    this.nodes.push({ op, inputs, outputs: [`${name}_output_0`], name, attrs });
    return `${name}_output_0`;
  }
}

function layerNorm(b: DeepModelBuilder, x: string, module: string, width: number): string {
  const mean = b.node('ReduceMean', [x], module, { axes: [-1], keepdims: 1 });
  const centered = b.node('Sub', [x, mean], module);
  const variance = b.node('ReduceMean', [b.node('Pow', [centered, b.constant(module, 2)], module)], module, { axes: [-1], keepdims: 1 });
  const std = b.node('Sqrt', [b.node('Add', [variance, b.constant(module, 1e-5)], module)], module);
  const normed = b.node('Div', [centered, std], module);
  return b.node('Add', [b.node('Mul', [normed, b.weight(`${module}.weight`, [width], 0.1, 1)], module), b.weight(`${module}.bias`, [width], 0.1)], module);
}

function linear(b: DeepModelBuilder, x: string, module: string, inputs: number, outputs: number): string {
  const scale = 1 / Math.sqrt(inputs);
  const product = b.node('MatMul', [x, b.weight(`${module}.weight`, [inputs, outputs], scale)], module);
  return b.node('Add', [product, b.weight(`${module}.bias`, [outputs], scale)], module);
}

function gelu(b: DeepModelBuilder, x: string, module: string): string {
  const erf = b.node('Erf', [b.node('Div', [x, b.constant(module, Math.SQRT2)], module)], module);
  const gate = b.node('Add', [erf, b.constant(module, 1)], module);
  return b.node('Mul', [b.node('Mul', [x, gate], module), b.constant(module, 0.5)], module);
}

export function deepModelSpec(shape: DeepModelShape = DEEP_MODEL): ModelSpec {
  const { blocks, width, hidden, tokens } = shape;
  const b = new DeepModelBuilder();
  let x = 'input';
  for (let l = 0; l < blocks; l++) {
    const block = `blocks.${l}`;
    const mlp = linear(b, gelu(b, linear(b, layerNorm(b, x, `${block}.ln`, width), `${block}.fc1`, width, hidden), `${block}.act`), `${block}.fc2`, hidden, width);
    x = b.node('Add', [x, mlp], block);
  }
  return { opset: 13, nodes: b.nodes, initializers: b.initializers, inputs: [{ name: 'input', shape: [tokens, width], elemType: DOUBLE }], outputs: [x] };
}

export function deepModelBytes(shape: DeepModelShape = DEEP_MODEL): Uint8Array {
  return modelBytes(deepModelSpec(shape));
}
