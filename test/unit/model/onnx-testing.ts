// Helpers for the ONNX converter tests: one-node models written with the test-only writer, their
// outputs, and every leaf's loss gradient against central differences.
import * as assert from 'assert';
import { backward, forward } from '../../../src/engine/autograd';
import { InspectError } from '../../../src/engine/errors';
import { Nested, Tensor } from '../../../src/engine/tensor';
import { ImportedModel, ModelOptions, importOnnx } from '../../../src/model/import';
import { assertClose } from '../fixtures';
import { DOUBLE, INT64, ModelSpec, NodeSpec, TensorSpec, modelBytes } from './onnx-writer';

export async function load(spec: ModelSpec, options: ModelOptions = {}): Promise<ImportedModel> {
  return importOnnx(modelBytes(spec), 'test.onnx', options);
}

export function shapeOf(v: Nested): number[] {
  const shape: number[] = [];
  let p: Nested = v;
  while (Array.isArray(p)) { shape.push(p.length); p = p[0]; }
  return shape;
}

/** A model of one node on input x (and initializers), with all its outputs declared. */
export async function oneNode(node: NodeSpec, x: Nested, opset = 13, initializers: TensorSpec[] = []): Promise<ImportedModel> {
  return load({ opset, nodes: [node], initializers, inputs: [{ name: 'x', shape: shapeOf(x) }], outputs: node.outputs }, { inputs: { x } });
}

/** Every output's value, in the node's order. */
export async function outputsOf(node: NodeSpec, x: Nested, opset = 13, initializers: TensorSpec[] = []): Promise<Nested[]> {
  const model = await oneNode(node, x, opset, initializers);
  return node.outputs.map(name => (model.outputs.get(name) as Tensor).toNested());
}

export async function single(node: NodeSpec, x: Nested, opset = 13, initializers: TensorSpec[] = []): Promise<Nested> {
  return (await outputsOf(node, x, opset, initializers))[0];
}

export const ints = (name: string, values: number[], dims = [values.length]): TensorSpec => ({ name, dims, dataType: INT64, values });
export const doubles = (name: string, dims: number[], values: number[]): TensorSpec => ({ name, dims, dataType: DOUBLE, values });

/** Loss gradient of every leaf entry (input and initializers) against the central difference of the loss. */
export function checkGradients(model: ImportedModel): void {
  const { graph, output } = model;
  const order = graph.order(output);
  forward(graph, output, order);
  backward(graph, output, order);
  const h = 1e-6;
  const leaves = graph.leaves(output);
  assert.ok(leaves.length > 0, 'the model has leaves');
  for (const leaf of leaves) {
    const value = leaf.value as Tensor;
    const analytic = Array.from((leaf.grad as Tensor).data);
    const numeric = analytic.map((_, i) => {
      const saved = value.data[i];
      value.data[i] = saved + h;
      const plus = forward(graph, output, order).item();
      value.data[i] = saved - h;
      const minus = forward(graph, output, order).item();
      value.data[i] = saved;
      return (plus - minus) / (2 * h);
    });
    assertClose(analytic, numeric, `d loss / d ${leaf.name}`, 1e-6, 1e-8);
  }
}

/** Rejects with an InspectError whose message matches and that names the ONNX node. */
export async function rejectsAt(p: Promise<unknown>, pattern: RegExp, node: string): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof InspectError, `not an InspectError: ${String(e)}`);
    assert.match(e.message, pattern);
    assert.match(String(e.node ?? ''), new RegExp(node));
    return true;
  });
}
