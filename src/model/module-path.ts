// The PyTorch module a name of an exported model belongs to. torch.onnx.export names a node by its
// module path and op ("/layers.0/attn/MatMul") and an initializer by its parameter path
// ("layers.0.attn.q.weight"); both drop their last part to give the module ("layers.0.attn",
// "layers.0.attn.q"). The graph folds by the first part of that path, the gradient-flow table
// groups by the whole of it: one rule for both.

/** "/layers.0/attn/MatMul" → "layers.0.attn", "4.bias" → "4", "Conv_3" → undefined (no module). */
export function modulePathOf(name: string): string | undefined {
  const scoped = name.replace(/^\/+/, '');
  const parts = (scoped.includes('/') ? scoped.split('/') : scoped.split('.')).filter(p => p !== '');
  return parts.length > 1 ? parts.slice(0, -1).join('.') : undefined;
}

/** The top-level module of a name ("layers" for "/layers.0/attn/MatMul"): the graph's folding group. */
export function topModuleOf(name: string): string | undefined {
  return modulePathOf(name)?.split('.')[0];
}

/**
 * The layer an ONNX node's engine nodes belong to in the gradient-flow statistics: its module path,
 * else the node's own name, else (unnamed nodes) its first output's name.
 */
export function layerNameOf(nodeName: string, firstOutput: string): string {
  return nodeName === '' ? firstOutput : modulePathOf(nodeName) ?? nodeName;
}
