// The derivative each kinked op takes at its kink: what a kink entry's analytic value means. The
// conventions follow PyTorch's backward formulas, which the ops implement (see src/engine/ops/).
const CONVENTIONS: Readonly<Record<string, string>> = {
  relu: "relu′(0) = 0",
  abs: "abs′(0) = sign(0) = 0",
  leaky_relu: "leaky_relu′(0) = alpha (the left slope)",
  prelu: "prelu′(0) = the slope (the left side)",
  elu: "elu′(0) = the left slope alpha·scale",
  clip: "clip′ = 1 on the bounds themselves",
  maximum: "a tie of max splits the gradient half and half",
  minimum: "a tie of min splits the gradient half and half",
  max: "tied maxima share the gradient equally",
  min: "tied minima share the gradient equally",
  maxpool: "the gradient goes to the first maximum of each window",
};

/** The convention of `op` at its kink, in words. */
export function kinkConvention(op: string): string {
  return CONVENTIONS[op] ?? `${op} takes its own one-sided derivative at the kink`;
}

/** The ops with a convention written out here. */
export function conventionOps(): string[] {
  return Object.keys(CONVENTIONS);
}
