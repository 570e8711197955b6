// What an ONNX value name stands for during import, and the builder that turns ONNX nodes into
// engine nodes. Every engine node is evaluated as soon as it is built, so shapes are known to the
// next converter (Shape, Flatten, Reshape's 0, SAME padding); an op whose inputs are all constants
// is folded into a constant instead (PyTorch's Shape → Gather → Concat → Reshape chains, which
// compute integer shapes the float64 engine must not differentiate).
import { excerpt, quoted } from '../engine/excerpt';
import { InspectError } from '../engine/errors';
import { Graph, NodeId } from '../engine/graph';
import { Attrs } from '../engine/op';
import { getOp } from '../engine/ops';
import { resultEntries } from '../engine/result-size';
import { Tensor } from '../engine/tensor';
import { Attribute, OnnxNode } from './onnx';
import { float32Decimal } from './float32-constants';
import { DecodedTensor } from './tensor-data';
import { layerNameOf, topModuleOf } from './module-path';

export { float32Decimal };

/**
 * An engine node (`initializer` when it is a weight leaf with a stored value), or a constant known
 * at import time (integer for shapes and indices).
 */
export type Value =
  | { readonly kind: 'node'; readonly id: NodeId; readonly tensor: Tensor; readonly initializer?: boolean }
  | { readonly kind: 'const'; readonly tensor: Tensor; readonly integer: boolean };

export function constant(tensor: Tensor, integer: boolean): Value {
  return { kind: 'const', tensor, integer };
}

/** Where an ONNX node is, for errors: `'/0/Conv' (Conv), node 4`. */
export function describeNode(node: OnnxNode, index: number): string {
  return `${quoted(node.name || node.outputs[0] || '?')} (${excerpt(node.opType)}), node ${index}`;
}

/** The folding group a name belongs to: "/0/Gemm" → "0", "layer1.conv.weight" → "layer1", "Conv_3" → none. */
export function layerOf(name: string): string | undefined {
  return topModuleOf(name);
}

/** What converters may read of the file beyond their node, and where they leave notes. */
export interface ImportContext {
  /** The data type each initializer and graph input is stored as in the file, by name. */
  readonly dataTypes: ReadonlyMap<string, number>;
  /** Notes shown with the result (e.g. where a gradient stops by design). */
  readonly notes: string[];
}

/** Converts one ONNX node at a time; holds the graph being built. */
export class NodeBuilder {
  private node!: OnnxNode;
  private index = 0;
  private readonly materialized = new WeakMap<Tensor, NodeId>();

  constructor(
    readonly graph: Graph,
    readonly opset: number,
    private readonly values: ReadonlyMap<string, Value>,
    private readonly attributeTensors: ReadonlyMap<Attribute, DecodedTensor>,
    private readonly context: ImportContext = { dataTypes: new Map(), notes: [] },
  ) {}

  begin(node: OnnxNode, index: number): void {
    this.node = node;
    this.index = index;
  }

  get where(): string { return describeNode(this.node, this.index); }
  get opType(): string { return this.node.opType; }

  /** The i-th input, or undefined when absent or given as '' (an omitted optional input). */
  input(i: number): Value | undefined {
    const name = this.node.inputs[i];
    if (name === undefined || name === '') { return undefined; }
    const v = this.values.get(name);
    if (!v) { throw this.error(`input ${quoted(name)} has no value (an optional output this importer does not compute)`, 'unsupported'); }
    return v;
  }

  requiredInput(i: number): Value {
    const v = this.input(i);
    if (!v) { throw this.error(`needs input ${i + 1}`, 'model'); }
    return v;
  }

  get inputCount(): number { return this.node.inputs.length; }
  get outputCount(): number { return this.node.outputs.length; }
  /** '' for an optional output the model leaves out. */
  outputName(i: number): string { return this.node.outputs[i] ?? ''; }

  /** The file's data type of input i when it is an initializer or a graph input, else undefined. */
  storedType(i: number): number | undefined {
    const name = this.node.inputs[i];
    return name ? this.context.dataTypes.get(name) : undefined;
  }

  note(text: string): void {
    this.context.notes.push(`${this.where}: ${text}`);
  }

  /**
   * The integer entries of an input known at import time (shapes, axes, indices, pads): a constant,
   * or an initializer's stored value (then an attribute of the op, not differentiated).
   */
  constInts(v: Value, what: string): number[] {
    return Array.from(this.known(v, what).data, x => {
      if (!Number.isFinite(x)) { throw this.error(`${what} holds the non-integer ${x}`, 'model'); }
      return Math.trunc(x);
    });
  }

  /** The entries of an input known at import time, as they are (Resize's scales). */
  constNumbers(v: Value, what: string): number[] {
    return Array.from(this.known(v, what).data);
  }

  /** A scalar input known at import time (Clip bounds, Pad value). */
  constNumber(v: Value, what: string): number {
    const t = this.known(v, what);
    if (t.size !== 1) { throw this.error(`${what} must be a scalar, found ${t.size} entries`, 'model'); }
    return t.data[0];
  }

  private known(v: Value, what: string): Tensor {
    if (v.kind === 'const' || v.initializer) { return v.tensor; }
    throw this.error(`${what} must be known at import time (an initializer, Constant or Shape), not a computed tensor`, 'unsupported');
  }

  attribute(name: string): Attribute | undefined {
    return this.node.attributes.get(name);
  }

  int(name: string, fallback: number): number {
    const a = this.attribute(name);
    if (!a) { return fallback; }
    if (a.i === undefined) { throw this.error(`attribute ${name} must be an integer`, 'model'); }
    return a.i;
  }

  float(name: string, fallback: number): number {
    const a = this.attribute(name);
    if (!a) { return fallback; }
    if (a.f !== undefined) { return float32Decimal(a.f); }
    if (a.i !== undefined) { return a.i; }
    throw this.error(`attribute ${name} must be a number`, 'model');
  }

  ints(name: string): number[] | undefined {
    const a = this.attribute(name);
    return a ? [...a.ints] : undefined;
  }

  floats(name: string): number[] | undefined {
    const a = this.attribute(name);
    return a ? a.floats.map(float32Decimal) : undefined;
  }

  string(name: string, fallback: string): string {
    return this.attribute(name)?.s ?? fallback;
  }

  tensorAttribute(name: string): DecodedTensor | undefined {
    const a = this.attribute(name);
    return a ? this.attributeTensors.get(a) : undefined;
  }

  /**
   * Applies an engine op: folded to a constant when every input is one, else a new engine node
   * (labelled by the ONNX op type; node.op keeps the engine op) evaluated right away.
   */
  apply(op: string, inputs: readonly Value[], attrs: Attrs = {}): Value {
    const def = getOp(op);
    const entries = resultEntries(def, inputs.map(v => v.tensor), attrs);
    this.graph.budget.chargeEntries(entries, `the result of ${op}`, { node: this.where });
    if (inputs.every(v => v.kind === 'const')) {
      const tensor = def.forward(inputs.map(v => v.tensor), attrs);
      return constant(tensor, inputs.every(v => v.kind === 'const' && v.integer));
    }
    const id = this.graph.apply(op, inputs.map(v => this.nodeOf(v)), attrs, {
      label: this.node.opType,
      origin: `${this.node.name || this.node.outputs[0]} (${this.node.opType})`,
      group: layerOf(this.node.name),
      layer: layerNameOf(this.node.name, this.node.outputs[0] ?? ''),
    });
    const tensor = def.forward(inputs.map(v => v.tensor), attrs);
    this.graph.nodes[id].value = tensor;
    return { kind: 'node', id, tensor };
  }

  /** A scalar constant operand (alpha, beta, epsilon). */
  scalar(v: number): Value {
    return constant(Tensor.scalar(v), false);
  }

  error(message: string, kind: 'model' | 'unsupported' | 'shape' | 'value'): InspectError {
    return new InspectError(message, kind, undefined, undefined, this.where);
  }

  private nodeOf(v: Value): NodeId {
    if (v.kind === 'node') { return v.id; }
    let id = this.materialized.get(v.tensor);
    if (id === undefined) {
      id = this.graph.constant(v.tensor, { group: layerOf(this.node.name) });
      this.materialized.set(v.tensor, id);
    }
    return id;
  }
}
