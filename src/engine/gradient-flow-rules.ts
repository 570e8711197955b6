// The thresholds of the gradient-flow flags and their words, in one place: the statistics, the CLI
// and the panel all say the same rule. They follow what PyTorch users read off a gradient-flow plot
// (per-layer gradient norms through depth, as torch.nn.utils.clip_grad_norm_ measures them).

export type LayerFlag = 'vanishing' | 'exploding' | 'dead-relu' | 'saturated';

export const FLOW_THRESHOLDS = {
  /** vanishing: gradient norm below this × the largest gradient norm of the layers not exploding. */
  vanishingRelative: 1e-3,
  /** vanishing: or a non-zero gradient norm below this, whatever the other layers do. */
  vanishingAbsolute: 1e-10,
  /** exploding: gradient norm above this × the gradient norm of the last layer (where backpropagation enters). */
  explodingRelative: 1e3,
  /** dead-relu: more than this fraction of the layer's ReLU units are dead. */
  deadReluFraction: 0.5,
  /** saturated: more than this fraction of the layer's tanh/sigmoid outputs are saturated. */
  saturatedFraction: 0.5,
  /** A tanh output is saturated when |y| is above this. */
  tanhSaturated: 0.99,
  /** A sigmoid output is saturated when below this… */
  sigmoidLow: 0.01,
  /** …or above this. */
  sigmoidHigh: 0.99,
} as const;

const T = FLOW_THRESHOLDS;

/** Each flag's rule in words, for --json, the CLI table's legend and the panel. */
export const FLAG_RULES: Readonly<Record<LayerFlag, string>> = {
  'vanishing': `gradient norm of the layer's output below ${T.vanishingRelative} × the largest among the layers not exploding, or non-zero and below ${T.vanishingAbsolute}`,
  'exploding': `gradient norm of the layer's output non-finite, or above ${T.explodingRelative} × the last layer's (where backpropagation enters the model)`,
  'dead-relu': `more than ${T.deadReluFraction * 100}% of the layer's ReLU units output 0 (per unit on every sample when the batch axis is known, else per entry)`,
  'saturated': `more than ${T.saturatedFraction * 100}% of the layer's tanh and sigmoid outputs are saturated (tanh: |y| > ${T.tanhSaturated}; sigmoid: y < ${T.sigmoidLow} or y > ${T.sigmoidHigh}), per entry`,
};
