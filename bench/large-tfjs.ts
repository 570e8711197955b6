// The tfjs (CPU, float32) peer of the large transformer benchmark: the same network on the same
// float32 weights, written with tfjs ops as bench/torch_peer.py writes it with torch's.
import * as tf from '@tensorflow/tfjs';
import { LargeModel, TRANSFORMER } from './large-models';

export interface TfjsTransformer {
  /** Every non-scalar weight and the input, by name (scalar constants stay constants, as in torch). */
  variables: Map<string, tf.Variable>;
  loss: () => tf.Scalar;
}

export function tfjsTransformer(model: LargeModel): TfjsTransformer {
  const { layers, d, heads, tokens } = TRANSFORMER;
  const head = d / heads;
  const variables = new Map<string, tf.Variable>();
  const constants = new Map<string, tf.Scalar>();
  for (const w of model.weights) {
    if (w.dims.length === 0) { constants.set(w.name, tf.scalar(w.data[0])); } else { variables.set(w.name, tf.variable(tf.tensor(w.data, w.dims), true, w.name)); }
  }
  variables.set(model.inputName, tf.variable(tf.tensor(model.input, [tokens, d]), true, model.inputName));
  const v = (name: string): tf.Tensor => variables.get(name) as tf.Tensor;
  const c = (name: string): tf.Scalar => constants.get(name) as tf.Scalar;
  const layerNorm = (x: tf.Tensor, p: string): tf.Tensor => {
    const centered = tf.sub(x, tf.mean(x, -1, true));
    const std = tf.sqrt(tf.add(tf.mean(tf.pow(centered, c(`${p}.two`)), -1, true), c(`${p}.eps`)));
    return tf.add(tf.mul(tf.div(centered, std), v(`${p}.weight`)), v(`${p}.bias`));
  };
  const linear = (x: tf.Tensor, p: string): tf.Tensor => tf.add(tf.matMul(x as tf.Tensor2D, v(`${p}.weight`) as tf.Tensor2D), v(`${p}.bias`));
  const heads3 = (x: tf.Tensor, perm: number[]): tf.Tensor => tf.transpose(tf.reshape(x, [tokens, heads, head]), perm);
  const loss = (): tf.Scalar => tf.tidy(() => {
    let x = v(model.inputName);
    for (let l = 0; l < layers; l++) {
      const p = `layers.${l}`;
      const h = layerNorm(x, `${p}.ln1`);
      const q = heads3(linear(h, `${p}.attn.q`), [1, 0, 2]), k = heads3(linear(h, `${p}.attn.k`), [1, 2, 0]);
      const values = heads3(linear(h, `${p}.attn.v`), [1, 0, 2]);
      const probs = tf.softmax(tf.div(tf.matMul(q as tf.Tensor3D, k as tf.Tensor3D), c(`${p}.attn.scale`)));
      const context = tf.reshape(tf.transpose(tf.matMul(probs as tf.Tensor3D, values as tf.Tensor3D), [1, 0, 2]), [tokens, d]);
      x = tf.add(x, linear(context, `${p}.attn.proj`));
      const g = `${p}.gelu`;
      const hidden = linear(layerNorm(x, `${p}.ln2`), `${p}.fc1`);
      const gelu = tf.mul(tf.mul(hidden, tf.add(tf.erf(tf.div(hidden, c(`${g}.sqrt2`))), c(`${g}.one`))), c(`${g}.half`));
      x = tf.add(x, linear(gelu, `${p}.fc2`));
    }
    const y = layerNorm(x, 'ln_f');
    return tf.mul(0.5, tf.sum(tf.square(y))) as tf.Scalar;
  });
  return { variables, loss };
}
