// One box per model node: the importer lowers one ONNX node into several engine nodes sharing an
// `origin` ("<node name> (<OpType>)"); the graph tab draws them as the single ONNX node the user
// knows. Text expressions carry no origin and pass through unchanged. Pure: unit-tested in Node.
import type { WireNode } from '../../src/protocol';

export interface MergedGraph {
  /** One node per box, in topological order; a merged node is its last member with external inputs. */
  nodes: WireNode[];
  /** The node standing for the inspection's output. */
  output: number;
  /** Every engine node id → id of the node that shows it (itself when not merged). */
  shownAs: Map<number, number>;
}

const ORIGIN_PATTERN = /^(.*) \(([^()]*)\)$/;

/** "<node name> (<OpType>)" → its parts; undefined for an origin of another form. */
export function parseOrigin(origin: string): { name: string; opType: string } | undefined {
  const match = ORIGIN_PATTERN.exec(origin);
  return match === null ? undefined : { name: match[1], opType: match[2] };
}

export function mergeByOrigin(nodes: readonly WireNode[], output: number): MergedGraph {
  const groupOf = originGroups(nodes);
  if (groupOf.size === 0) {
    return { nodes: [...nodes], output, shownAs: new Map(nodes.map(n => [n.id, n.id])) };
  }
  const lastOfGroup = new Map<string, number>();
  for (const node of nodes) {
    const group = groupOf.get(node.id);
    if (group !== undefined) {
      lastOfGroup.set(group, node.id);
    }
  }
  const shownAs = new Map<number, number>();
  for (const node of nodes) {
    const group = groupOf.get(node.id);
    shownAs.set(node.id, group === undefined ? node.id : lastOfGroup.get(group) ?? node.id);
  }
  const externalInputs = boxInputs(nodes, shownAs);
  const merged: WireNode[] = [];
  for (const node of nodes) {
    if (shownAs.get(node.id) !== node.id) {
      continue;
    }
    const inputs = externalInputs.get(node.id) ?? [];
    merged.push(groupOf.has(node.id) && node.kind === 'op' ? modelNode(node, inputs) : { ...node, inputs });
  }
  return { nodes: merged, output: shownAs.get(output) ?? output, shownAs };
}

/** Shown node id → the other shown nodes feeding any of its members, each once, in first-use order. */
function boxInputs(nodes: readonly WireNode[], shownAs: ReadonlyMap<number, number>): Map<number, number[]> {
  const inputsOf = new Map<number, number[]>();
  for (const node of nodes) {
    const self = shownAs.get(node.id) ?? node.id;
    const inputs = inputsOf.get(self) ?? [];
    for (const input of node.inputs) {
      const from = shownAs.get(input) ?? input;
      if (from !== self && !inputs.includes(from)) {
        inputs.push(from);
      }
    }
    inputsOf.set(self, inputs);
  }
  return inputsOf;
}

/**
 * The box of a model node: its op type over its name, with the output member's value and gradient.
 * An origin not of the importer's form is shown as it is, under the output member's label.
 */
function modelNode(last: WireNode, inputs: number[]): WireNode {
  const parts = parseOrigin(last.origin ?? '');
  if (parts === undefined) {
    return { ...last, inputs };
  }
  const { name, opType } = parts;
  const node: WireNode = { ...last, label: opType, inputs };
  if (name === '' || name === opType) {
    delete node.origin;
  } else {
    node.origin = name;
  }
  return node;
}

/**
 * Engine node id → origin it is drawn in. Op nodes join their origin; a constant joins its own
 * origin, or else the one origin all its consumers belong to (a Gemm's materialized alpha, a
 * Reshape's shape), since on its own it is an engine detail. Leaves stay boxes of their own.
 */
function originGroups(nodes: readonly WireNode[]): Map<number, string> {
  const groupOf = new Map<number, string>();
  for (const node of nodes) {
    if (node.origin !== undefined && node.kind !== 'leaf') {
      groupOf.set(node.id, node.origin);
    }
  }
  if (groupOf.size === 0) {
    return groupOf;
  }
  const consumerOrigins = new Map<number, Set<string | undefined>>();
  for (const node of nodes) {
    for (const input of node.inputs) {
      const origins = consumerOrigins.get(input) ?? new Set<string | undefined>();
      origins.add(groupOf.get(node.id));
      consumerOrigins.set(input, origins);
    }
  }
  for (const node of nodes) {
    if (node.kind !== 'constant' || groupOf.has(node.id)) {
      continue;
    }
    const origins = [...(consumerOrigins.get(node.id) ?? [])];
    const only = origins[0];
    if (origins.length === 1 && only !== undefined) {
      groupOf.set(node.id, only);
    }
  }
  return groupOf;
}
