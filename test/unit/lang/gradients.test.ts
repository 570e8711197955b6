// Array programs in Python: every gradient entry agrees with central differences (gradcheck,
// full mode), through each argument form of the alias table.
import * as assert from 'assert';
import { gradcheck } from '../../../src/engine/gradcheck';
import { evaluate } from './run';

const SETUP = 'W = np.random.randn(3, 4)\nx = torch.randn(4)\nb = np.random.uniform(-1, 1, size=(3,))\nM = np.random.randn(2, 3)\n';

const PROGRAMS = [
  'np.tanh(W @ x + b).sum()',
  'F.softmax(W @ x, dim=0)[1]',
  'torch.log_softmax(M, dim=-1).mean()',
  'torch.logsumexp(M, dim=1).sum() + scipy.special.logsumexp(W)',
  'np.linalg.norm(W @ x - b) ** 2',
  'F.mse_loss(M @ W, np.ones((2, 4)))',
  '(W.T.reshape(2, 6)[:, ::2] ** 2).sum()',
  '(W.reshape((12,))[::-1] * W.reshape(12)).sum()',
  '(M[None, :, 1:] * M[:, None, :2]).sum()',
  'np.mean(np.square(M.transpose() @ M), axis=0, keepdims=True).sum()',
  'torch.sigmoid(x).pow(3).sum() + F.softplus(x, beta=2).sum() + F.leaky_relu(x, 0.1).sum()',
  'np.sqrt(1 + M ** 2).sum() + np.log1p(np.exp(M)).sum() + np.arctan(M).sum()',
  'torch.mv(W, x).max() + np.min(W, axis=1).sum()',
  'np.clip(W, -10, 10).sum() + np.maximum(W, -10).sum()',
];

describe('gradients of array programs (gradcheck)', () => {
  for (const program of PROGRAMS) {
    it(program, async () => {
      const result = evaluate(SETUP + program, 'python');
      const check = await gradcheck(result.graph, result.output, { mode: 'full' });
      const worst = check.entries[0];
      assert.ok(check.passed && check.counts.fail === 0 && check.counts.kink === 0,
        `worst: d/d${worst?.leaf}${JSON.stringify(worst?.index)} analytic ${worst?.analytic}, numeric ${worst?.numeric} (${worst?.status})`);
      assert.ok(check.totalEntries > 0);
    });
  }
});
