// Folding big graphs so that mermaid never lays out more than `limit` boxes: ONNX graphs fold by
// layer (`group`); expressions fold into the sub-trees hanging under the shown part of the graph.
// Pure: unit-tested in Node.
import type { WireNode } from '../../src/protocol';

export interface FoldGroup {
  /** Stable across renders: "layer:<name>" or "sub:<root id>"; what `expanded` holds. */
  key: string;
  /** Layer name, or the label of the sub-tree's root. */
  title: string;
  members: number[];
}

export interface FoldResult {
  /** Node ids drawn as themselves. */
  shown: number[];
  groups: FoldGroup[];
  /** Member node id → key of its group. */
  groupOf: Map<number, string>;
  /** Nodes hidden inside groups. */
  foldedNodes: number;
  /** The panel's words about what was folded ('' when nothing was). */
  message: string;
}

export interface FoldRequest {
  /** Topological order, output last or anywhere. */
  nodes: readonly WireNode[];
  output: number;
  limit: number;
  /** Group keys the user opened. */
  expanded: ReadonlySet<string>;
}

/** Caps the trial openings of the sub-tree search, so folding stays O(limit · n). */
const MAX_REJECTED_TRIALS_PER_LIMIT = 2;

export function foldGraph(request: FoldRequest): FoldResult {
  const { nodes, limit } = request;
  if (nodes.length <= limit) {
    return unfolded(nodes);
  }
  const byLayer = foldByLayer(request);
  if (byLayer !== undefined) {
    return byLayer;
  }
  return foldBySubtree(request);
}

function unfolded(nodes: readonly WireNode[]): FoldResult {
  return { shown: nodes.map(n => n.id), groups: [], groupOf: new Map(), foldedNodes: 0, message: '' };
}

function finish(shown: number[], groups: FoldGroup[], request: FoldRequest): FoldResult {
  const groupOf = new Map<number, string>();
  let foldedNodes = 0;
  for (const group of groups) {
    foldedNodes += group.members.length;
    for (const id of group.members) {
      groupOf.set(id, group.key);
    }
  }
  const boxes = shown.length + groups.length;
  let message = '';
  if (groups.length > 0) {
    const noun = groups.length === 1 ? 'group' : 'groups';
    message = `Folded ${foldedNodes} nodes into ${groups.length} ${noun} (limit ${request.limit}); click a group to expand`;
  }
  if (boxes > request.limit) {
    const over = `${boxes} boxes shown, above the limit of ${request.limit} (expanded groups stay open)`;
    message = message === '' ? over : `${message}. ${over}`;
  }
  return { shown, groups, groupOf, foldedNodes, message };
}

/** Folds whole layers, biggest first, until under the limit; undefined when layers cannot get there. */
function foldByLayer(request: FoldRequest): FoldResult | undefined {
  const layers = new Map<string, number[]>();
  const loose: number[] = [];
  for (const node of request.nodes) {
    if (node.group !== undefined && node.group !== '' && node.id !== request.output) {
      const members = layers.get(node.group) ?? [];
      members.push(node.id);
      layers.set(node.group, members);
    } else {
      loose.push(node.id);
    }
  }
  if (layers.size === 0) {
    return undefined;
  }
  const candidates = [...layers.entries()]
    .filter(([name, members]) => members.length > 1 && !request.expanded.has(`layer:${name}`))
    .sort((a, b) => b[1].length - a[1].length);
  let boxes = request.nodes.length;
  const folded = new Set<string>();
  for (const [name, members] of candidates) {
    if (boxes <= request.limit) {
      break;
    }
    folded.add(name);
    boxes -= members.length - 1;
  }
  if (boxes > request.limit && candidates.length === folded.size && request.expanded.size === 0) {
    return undefined;
  }
  const shown = [...loose];
  const groups: FoldGroup[] = [];
  for (const [name, members] of layers) {
    if (folded.has(name)) {
      groups.push({ key: `layer:${name}`, title: name, members });
    } else {
      shown.push(...members);
    }
  }
  return finish(orderLike(request.nodes, shown), groups, request);
}

function orderLike(nodes: readonly WireNode[], ids: number[]): number[] {
  const wanted = new Set(ids);
  return nodes.filter(n => wanted.has(n.id)).map(n => n.id);
}

interface Assignment {
  /** Non-open node id → id of the root of its sub-tree group. */
  owner: Map<number, number>;
  groupCount: number;
}

/**
 * Every node outside `open` joins the sub-tree of its first consumer; a node consumed by an open
 * node roots its own sub-tree. Shared nodes therefore sit in exactly one group.
 */
function assign(reverseTopo: readonly WireNode[], consumers: Map<number, number[]>, open: ReadonlySet<number>): Assignment {
  const owner = new Map<number, number>();
  let groupCount = 0;
  for (const node of reverseTopo) {
    if (open.has(node.id)) {
      continue;
    }
    const users = consumers.get(node.id) ?? [];
    const first = users[0];
    if (first === undefined || users.some(u => open.has(u))) {
      owner.set(node.id, node.id);
      groupCount++;
    } else {
      owner.set(node.id, owner.get(first) ?? node.id);
    }
  }
  return { owner, groupCount };
}

function consumersOf(nodes: readonly WireNode[]): Map<number, number[]> {
  const consumers = new Map<number, number[]>();
  for (const node of nodes) {
    for (const input of node.inputs) {
      const users = consumers.get(input) ?? [];
      if (!users.includes(node.id)) {
        users.push(node.id);
      }
      consumers.set(input, users);
    }
  }
  return consumers;
}

function groupSizes(assignment: Assignment): Map<number, number> {
  const sizes = new Map<number, number>();
  for (const root of assignment.owner.values()) {
    sizes.set(root, (sizes.get(root) ?? 0) + 1);
  }
  return sizes;
}

/** Opens sub-tree roots, biggest sub-tree first, as long as the boxes stay within the limit. */
function foldBySubtree(request: FoldRequest): FoldResult {
  const ids = new Set(request.nodes.map(n => n.id));
  const reverseTopo = [...request.nodes].reverse();
  const consumers = consumersOf(request.nodes);
  const open = new Set<number>([request.output]);
  for (const key of request.expanded) {
    const root = key.startsWith('sub:') ? Number(key.slice(4)) : NaN;
    if (ids.has(root)) {
      open.add(root);
    }
  }
  const boxes = (a: Assignment): number => open.size + a.groupCount;
  let current = assign(reverseTopo, consumers, open);
  const rejected = new Set<number>();
  const maxRejected = MAX_REJECTED_TRIALS_PER_LIMIT * request.limit;
  let improved = true;
  while (improved && rejected.size < maxRejected) {
    improved = false;
    const candidates = [...groupSizes(current).entries()]
      .filter(([root, size]) => size > 1 && !rejected.has(root))
      .sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    for (const [root] of candidates) {
      open.add(root);
      const trial = assign(reverseTopo, consumers, open);
      if (boxes(trial) <= request.limit) {
        current = trial;
        improved = true;
        break;
      }
      open.delete(root);
      rejected.add(root);
      if (rejected.size >= maxRejected) {
        break;
      }
    }
  }
  return subtreeResult(request, open, current);
}

function subtreeResult(request: FoldRequest, open: ReadonlySet<number>, assignment: Assignment): FoldResult {
  const members = new Map<number, number[]>();
  for (const node of request.nodes) {
    const root = assignment.owner.get(node.id);
    if (root !== undefined) {
      const list = members.get(root) ?? [];
      list.push(node.id);
      members.set(root, list);
    }
  }
  const labels = new Map(request.nodes.map(n => [n.id, n.label]));
  const shownSet = new Set(open);
  const groups: FoldGroup[] = [];
  for (const [root, list] of members) {
    if (list.length === 1) {
      shownSet.add(root);
    } else {
      groups.push({ key: `sub:${root}`, title: labels.get(root) ?? `node ${root}`, members: list });
    }
  }
  return finish(orderLike(request.nodes, [...shownSet]), groups, request);
}
