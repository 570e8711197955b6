// Shared by the front-end tests: text → program → graph → forward and backward.
import { backward, forward } from '../../../src/engine/autograd';
import { InspectError } from '../../../src/engine/errors';
import { Graph, GraphNode, NodeId } from '../../../src/engine/graph';
import { Tensor } from '../../../src/engine/tensor';
import { Language } from '../../../src/lang/ast';
import { Bindings } from '../../../src/lang/bindings';
import { lowerProgram } from '../../../src/lang/lower';
import { parseProgram } from '../../../src/lang/parse';

export interface Evaluated {
  graph: Graph;
  output: NodeId;
  value: Tensor;
  leaves: GraphNode[];
  notes: string[];
}

export function scalarBindings(values: Record<string, number>): Bindings {
  return new Map(Object.entries(values).map(([name, v]) => [name, Tensor.scalar(v)]));
}

export function evaluate(text: string, language: Language, bindings: Bindings = new Map()): Evaluated {
  const program = parseProgram(text, language);
  const { graph, output, notes } = lowerProgram(program, bindings);
  const value = forward(graph, output);
  backward(graph, output);
  return { graph, output, value, leaves: graph.leaves(output), notes: [...program.notes, ...notes] };
}

export function gradientOf(result: Evaluated, name: string): Tensor {
  const leaf = result.leaves.find(n => n.name === name);
  if (!leaf?.grad) { throw new Error(`no gradient for ${name}`); }
  return leaf.grad;
}

/** The InspectError thrown by `run`, or a failure when it does not throw one. */
export function inspectErrorOf(run: () => unknown): InspectError {
  try {
    run();
  } catch (err) {
    if (err instanceof InspectError) { return err; }
    throw err;
  }
  throw new Error('expected an InspectError');
}
