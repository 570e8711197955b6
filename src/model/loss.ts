// The scalar the gradients are of: sum (Σy), l2 (½·Σy², the default) or ce (PyTorch's
// F.cross_entropy with mean reduction: mean over rows of logsumexp(row) − row[target]).
import { InspectError } from '../engine/errors';
import { Graph, NodeId } from '../engine/graph';
import { Tensor, shapeToString } from '../engine/tensor';

export type LossKind = 'sum' | 'l2' | 'ce';

/** The loss's op type in an origin, read like an ONNX node's: "loss (L2Loss)". */
const LOSS_OP_TYPE: Record<LossKind, string> = { sum: 'Sum', l2: 'L2Loss', ce: 'CrossEntropy' };

export function addLoss(graph: Graph, y: NodeId, kind: LossKind, target: number | number[] | undefined): NodeId {
  const options = { origin: `loss (${LOSS_OP_TYPE[kind]})`, group: 'loss' };
  const scaled = (s: NodeId, factor: number): NodeId => graph.apply('mul', [s, graph.constant(Tensor.scalar(factor), options)], {}, options);
  if (kind === 'sum') { return graph.apply('sum', [y], {}, options); }
  if (kind === 'l2') { return scaled(graph.apply('sum', [graph.apply('mul', [y, y], {}, options)], {}, options), 0.5); }
  const value = graph.node(y).value as Tensor;
  const oneHot = targetOneHot(value, target);
  const logProbabilities = graph.apply('log_softmax', [y], { axis: -1 }, options);
  const picked = graph.apply('mul', [logProbabilities, graph.constant(oneHot, { ...options, label: 'target' })], {}, options);
  const rows = value.rank === 2 ? value.shape[0] : 1;
  return scaled(graph.apply('sum', [picked], {}, options), -1 / rows);
}

/** One-hot rows of the target class per batch row; logits are (N, C) or (C,). */
function targetOneHot(logits: Tensor, target: number | number[] | undefined): Tensor {
  if (logits.rank !== 1 && logits.rank !== 2) {
    throw new InspectError(`cross-entropy needs logits of shape (N, C) or (C,), the output has shape ${shapeToString(logits.shape)}`, 'value');
  }
  const rows = logits.rank === 2 ? logits.shape[0] : 1;
  const classes = logits.shape[logits.rank - 1];
  if (target === undefined) {
    throw new InspectError('cross-entropy loss needs a target class index per batch row (--target K)', 'value');
  }
  const targets = typeof target === 'number' ? new Array<number>(rows).fill(target) : target;
  if (targets.length !== rows) {
    throw new InspectError(`cross-entropy: ${targets.length} targets for ${rows} batch rows`, 'value');
  }
  const oneHot = new Tensor(logits.shape);
  targets.forEach((t, row) => {
    if (!Number.isInteger(t) || t < 0 || t >= classes) {
      throw new InspectError(`cross-entropy: target ${t} of row ${row} is not a class index in [0, ${classes})`, 'value');
    }
    oneHot.data[row * classes + t] = 1;
  });
  return oneHot;
}
