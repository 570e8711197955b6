// Folding big graphs so that no more than `limit` boxes are laid out: models fold by module path
// (`group`, e.g. "layers.0.attn"), cut to the deepest level that fits ("layers.0", then "layers"),
// Python by the call that made a node; expressions fold into the sub-trees hanging under the shown
// part of the graph.
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

/**
 * The deepest cut of the groups' paths at which whole layers fold under the limit, chosen as if
 * nothing were expanded (so opening a group never moves the cut); undefined when none fits.
 */
function foldByLayer(request: FoldRequest): FoldResult | undefined {
  let deepest = 0;
  for (const group of new Set(request.nodes.map(n => n.group))) {
    deepest = Math.max(deepest, group === undefined ? 0 : pathDepth(group));
  }
  const closed = { ...request, expanded: new Set<string>() };
  for (let depth = deepest; depth >= 1; depth--) {
    if (foldLayersAt(closed, depth) !== undefined) {
      return foldLayersAt(request, depth);
    }
  }
  return undefined;
}

/**
 * The group a node folds into at `depth`: its path's prefix at that depth, or, inside an expanded
 * group, one level deeper (opening "layers" shows "layers.0", "layers.1", … rather than every node
 * of a 10⁵-node model); undefined when every level down to the node's own is open.
 */
function foldKeyOf(path: string, depth: number, expanded: ReadonlySet<string>): string | undefined {
  const own = pathDepth(path);
  for (let d = Math.min(depth, own); d <= own; d++) {
    const key = cutPath(path, d);
    if (!expanded.has(`layer:${key}`)) {
      return key;
    }
  }
  return undefined;
}

const PATH_SEPARATOR = /[./]/g;

/** A path without its leading separators ("/layer0" is one part, "layer0"). */
function partsOf(path: string): string {
  return path.replace(/^[./]+/, '');
}

function pathDepth(path: string): number {
  return (partsOf(path).match(PATH_SEPARATOR)?.length ?? 0) + 1;
}

/** The first `depth` parts of a path ("layers.0.attn" at 2 is "layers.0"; "f/g" at 1 is "f"; "/x" stays "/x"). */
export function cutPath(path: string, depth: number): string {
  const lead = path.length - partsOf(path).length;
  let seen = 0;
  for (const m of partsOf(path).matchAll(PATH_SEPARATOR)) {
    if (++seen === depth) {
      return path.slice(0, lead + m.index);
    }
  }
  return path;
}

/** Folds whole layers (groups cut at `depth`), biggest first, until under the limit; undefined when they cannot get there. */
function foldLayersAt(request: FoldRequest, depth: number): FoldResult | undefined {
  const layers = new Map<string, number[]>();
  const loose: number[] = [];
  // Per group path, not per node: a 10⁵-node model has a few thousand paths.
  const keyOfGroup = new Map<string, string | undefined>();
  const keyOf = (group: string): string | undefined => {
    if (!keyOfGroup.has(group)) {
      keyOfGroup.set(group, foldKeyOf(group, depth, request.expanded));
    }
    return keyOfGroup.get(group);
  };
  for (const node of request.nodes) {
    const layer = node.group !== undefined && node.group !== '' && node.id !== request.output ? keyOf(node.group) : undefined;
    if (layer !== undefined) {
      const members = layers.get(layer) ?? [];
      members.push(node.id);
      layers.set(layer, members);
    } else {
      loose.push(node.id);
    }
  }
  if (layers.size === 0 && request.expanded.size === 0) {
    return undefined;
  }
  const candidates = [...layers.entries()]
    .filter(([, members]) => members.length > 1)
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

/**
 * Opens sub-tree roots, biggest sub-tree first, as long as the boxes stay within the limit. The
 * boxes an opening adds are counted without reassigning the graph: its first-use children become
 * groups (or single boxes) of their own, and so do its other inputs, which an open consumer makes
 * roots (assign's rule). So the search is O(n log n) and a 10⁵-node graph folds in well under a
 * second; one assignment at the end gives the exact groups.
 */
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
  const initial = assign(reverseTopo, consumers, open);
  const roots = new Set(initial.owner.values());
  const size = subtreeSizes(reverseTopo, consumers);
  const children = firstUseChildren(request.nodes, consumers);
  const inputs = new Map(request.nodes.map(n => [n.id, n.inputs]));
  const queue = new MaxHeap<number>();
  groupSizes(initial).forEach((members, root) => queue.push(root, members));
  let boxes = open.size + initial.groupCount;
  for (let root = queue.pop(); root !== undefined && boxes < request.limit; root = queue.pop()) {
    if ((size.get(root) ?? 1) <= 1) {
      continue;
    }
    const split = new Set<number>();
    for (const v of [...(children.get(root) ?? []), ...(inputs.get(root) ?? [])]) {
      if (!open.has(v) && !roots.has(v) && v !== root) {
        split.add(v);
      }
    }
    if (boxes + split.size > request.limit) {
      continue;
    }
    open.add(root);
    roots.delete(root);
    boxes += split.size;
    for (const v of split) {
      roots.add(v);
      queue.push(v, size.get(v) ?? 1);
    }
  }
  return subtreeResult(request, open, assign(reverseTopo, consumers, open));
}

/** Node id → its nodes along first uses (the node and every node whose first consumer leads to it). */
function subtreeSizes(reverseTopo: readonly WireNode[], consumers: ReadonlyMap<number, number[]>): Map<number, number> {
  const size = new Map<number, number>();
  for (const node of [...reverseTopo].reverse()) {
    size.set(node.id, (size.get(node.id) ?? 0) + 1);
    const first = consumers.get(node.id)?.[0];
    if (first !== undefined) {
      size.set(first, (size.get(first) ?? 0) + (size.get(node.id) ?? 0));
    }
  }
  return size;
}

/** Node id → the nodes it is the first consumer of. */
function firstUseChildren(nodes: readonly WireNode[], consumers: ReadonlyMap<number, number[]>): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const node of nodes) {
    const first = consumers.get(node.id)?.[0];
    const list = first === undefined ? undefined : children.get(first);
    if (list !== undefined) {
      list.push(node.id);
    } else if (first !== undefined) {
      children.set(first, [node.id]);
    }
  }
  return children;
}

/** A binary max-heap of items by priority; ties pop the smaller item first (stable folding). */
class MaxHeap<T extends number> {
  private readonly items: { item: T; priority: number }[] = [];

  push(item: T, priority: number): void {
    const items = this.items;
    items.push({ item, priority });
    for (let i = items.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) {
        break;
      }
      [items[i], items[parent]] = [items[parent], items[i]];
      i = parent;
    }
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      items[0] = last;
      for (let i = 0; ;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let best = i;
        if (left < items.length && this.before(left, best)) { best = left; }
        if (right < items.length && this.before(right, best)) { best = right; }
        if (best === i) { break; }
        [items[i], items[best]] = [items[best], items[i]];
        i = best;
      }
    }
    return top?.item;
  }

  private before(a: number, b: number): boolean {
    const x = this.items[a];
    const y = this.items[b];
    return x.priority > y.priority || (x.priority === y.priority && x.item < y.item);
  }
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
