import * as assert from 'assert';
import { complexRefusal, complexTableOps } from '../../../src/engine/complex-forward';
import { conventionOps, kinkConvention } from '../../../src/engine/kink-conventions';
import { hasOp } from '../../../src/engine/ops';

// Tables keyed by op name outlive renames silently (conv2d → conv left the complex step refusing
// every convolution): each name they hold must be a registered op.
describe('op-name tables', () => {
  it('the complex forward names only registered ops', () => {
    assert.deepStrictEqual(complexTableOps().filter(name => !hasOp(name)), []);
  });

  it('the kink conventions name only registered ops', () => {
    assert.deepStrictEqual(conventionOps().filter(name => !hasOp(name)), []);
  });

  it('the windowed ops keep their complex forward and kink convention', () => {
    for (const op of ['conv', 'conv_transpose', 'avgpool']) { assert.strictEqual(complexRefusal(op), undefined, op); }
    assert.match(complexRefusal('maxpool') ?? '', /not analytic/);
    assert.match(kinkConvention('maxpool'), /first maximum/);
  });
});
