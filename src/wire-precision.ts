// The precision replay (src/engine/precision-replay.ts) as the panel receives it: node ids and
// relative errors only (labels are in the wire's nodes), non-finite numbers as null.
import type { PrecisionReport } from './engine/precision-replay';
import type { WirePrecision, WirePrecisionNode } from './protocol';
import { wireNumber } from './wire-number';

export function toWirePrecision(report: PrecisionReport): WirePrecision {
  const wire: WirePrecision = {
    type: report.type,
    unitRoundoff: report.unitRoundoff,
    threshold: report.threshold,
    nodes: report.nodes.map(n => {
      const node: WirePrecisionNode = { node: n.node, valueRelError: wireNumber(n.valueRelError) };
      if (n.gradRelError !== undefined) { node.gradRelError = wireNumber(n.gradRelError); }
      return node;
    }),
    cancellations: report.cancellations.map(c => ({ node: c.node, label: c.label, conditionNumber: wireNumber(c.conditionNumber), valueRelError: wireNumber(c.valueRelError) })),
    outputRelError: wireNumber(report.outputRelError),
    checkEps: report.checkEps,
    checkRelError: report.checkRelError,
  };
  const first = report.firstOverThreshold;
  if (first) { wire.firstOverThreshold = { node: first.node, label: first.label, what: first.what, relError: wireNumber(first.relError) }; }
  return wire;
}
