// The second-order report as the panel receives it: the directions' numbers, the forward-mode
// test's failures only (the count of the rest), and the Hessian with non-finite entries as null.
import type { SecondOrderReport } from './engine/second-order/second-order-types';
import type { WireSecondOrder } from './protocol';
import { wireNumber } from './wire-number';

export function toWireSecondOrder(report: SecondOrderReport): WireSecondOrder {
  const { hvp, jvp } = report;
  const wire: WireSecondOrder = {
    passed: report.passed,
    eps: hvp.eps,
    atol: hvp.atol,
    rtol: hvp.rtol,
    directions: hvp.directions.map(d => ({
      index: d.index, h: d.h, curvature: wireNumber(d.curvature), numericCurvature: wireNumber(d.numericCurvature),
      maxAbsError: wireNumber(d.maxAbsError), maxRelError: wireNumber(d.maxRelError), passed: d.passed,
    })),
    jvp: {
      nodes: jvp.nodes.length, passed: jvp.passed, tolerance: jvp.tolerance,
      failing: jvp.nodes.filter(n => !n.passed).map(n => ({ node: n.node, op: n.op, label: n.label, relError: wireNumber(n.relError) })),
    },
  };
  if (report.hessian) {
    const { inputs, rows, asymmetry } = report.hessian;
    wire.hessian = { inputs, rows: rows.map(row => row.map(wireNumber)), asymmetry: wireNumber(asymmetry) };
  }
  if (report.hessianUnavailable !== undefined) { wire.hessianUnavailable = report.hessianUnavailable; }
  return wire;
}
