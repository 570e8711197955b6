// The hand-written gradient step of the pipeline: after the engine's backward pass, find the
// gradients the traced code computes by hand and compare each one (see pairs.ts, compare.ts).
import { Graph } from '../engine/graph';
import { Traced } from '../lang/trace/tracer';
import { compareHandwritten } from './compare';
import { findPairs } from './pairs';
import { HandwrittenResult } from './types';

export function checkHandwritten(traced: Traced, graph: Graph): HandwrittenResult[] {
  return findPairs(traced, graph).map(pair => compareHandwritten(graph, pair));
}
