// The tangent rules of every op that has one, assembled from the families; an op without one is
// refused by name wherever forward mode or second order would need it.
import { InspectError } from '../errors';
import { GraphNode } from '../graph';
import { binaryTangentRules } from './tangent-binary';
import { linearTangentRules } from './tangent-linear';
import { reductionTangentRules } from './tangent-reductions';
import { registerTangentRules, TangentRule, tangentRule } from './tangent-rule';
import { unaryTangentRules } from './tangent-unary';

registerTangentRules(unaryTangentRules);
registerTangentRules(linearTangentRules());
registerTangentRules(binaryTangentRules);
registerTangentRules(reductionTangentRules);

/** The node's rule, or an error naming the op and where the node comes from. */
export function requireTangentRule(node: GraphNode): TangentRule {
  const rule = tangentRule(node.op);
  if (rule) { return rule; }
  throw new InspectError(
    `forward mode is not available for op ${node.op}: it has no JVP or second-order rule`,
    'unsupported', node.range, undefined, node.origin,
  );
}
