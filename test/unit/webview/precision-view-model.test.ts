// The Precision section's model, on real replays through the pipeline and the wire: the float32
// cancellation of log(1 + exp(x)) − x at x = 20, the worst-first list with "show all", and the
// graph's colouring by the replay's error.
import * as assert from 'assert';
import { inspect } from '../../../src/inspect';
import { parseBindings } from '../../../src/lang/bindings';
import type { WireInspection } from '../../../src/protocol';
import { toWireInspection } from '../../../src/wire';
import { colourBoxes, nodeMeasure } from '../../../webview/graph/node-colour';
import { inspectionProblem } from '../../../webview/messages';
import {
  cancellationTexts, checkEpsText, firstOverText, MAX_LISTED, precisionCells, precisionErrors, precisionRows, precisionSummary, shownRows, WORST_SHOWN, worseError,
} from '../../../webview/precision-model';

async function replayed(expr: string, at: string, precision: 'float32' | 'bfloat16' | 'float16'): Promise<WireInspection> {
  const inspection = await inspect({ kind: 'text', text: expr, language: 'math' }, { bindings: parseBindings(at), check: false, precision });
  return toWireInspection(inspection, expr);
}

describe('precision view model', () => {
  it('log(1 + exp(x)) − x at x = 20 in float32: the subtraction cancels, is the first node over the threshold, and loses every digit', async () => {
    const wire = await replayed('log(1 + exp(x)) - x', 'x=20', 'float32');
    assert.strictEqual(inspectionProblem(wire), undefined);
    const p = wire.precision;
    assert.ok(p);
    const sub = wire.nodes.find(n => n.id === wire.output);
    assert.strictEqual(sub?.op, 'sub');
    assert.deepStrictEqual(p.cancellations.map(c => c.node), [wire.output]);
    // (log(1 + e^20) + 20) / (log(1 + e^20) − 20) = 40 / 2.06e-9: the inputs' rounding is amplified 1.94e10 times.
    assert.ok(Math.abs((p.cancellations[0].conditionNumber ?? 0) / 1.9406e10 - 1) < 1e-3, String(p.cancellations[0].conditionNumber));
    assert.strictEqual(p.firstOverThreshold?.node, wire.output);
    assert.strictEqual(p.firstOverThreshold?.what, 'value');
    // float32's log(1 + e^20) is 20 exactly: the difference is 0, wholly wrong.
    assert.strictEqual(p.outputRelError, 1);
    assert.strictEqual(p.threshold, 100 * 2 ** -24);
    assert.strictEqual(firstOverText(p), `First node over the threshold: - (node ${wire.output}), value rel error 1.00`);
    assert.deepStrictEqual(cancellationTexts(p), [
      `Catastrophic cancellation at - (node ${wire.output}): condition number 1.94e+10 amplifies the inputs' rounding; value rel error 1.00`,
    ]);
    assert.strictEqual(precisionSummary(p), 'float32 replay: output rel error 1.00 (unit roundoff 5.96e-8; a node is over the threshold above 5.96e-6, 100 unit roundoffs)');
    // ∛(2^−24) = 2^−8 = 0.00390625; u^⅔ = 2^−16.
    assert.strictEqual(checkEpsText(p), 'A gradient check in float32 needs eps ≈ 0.00391 (the cube root of the unit roundoff, where truncation and round-off balance) '
      + 'and can reach a rel error of about 1.53e-5.');
  });

  it('rows carry labels and flags; the worst come first, ties in evaluation order', async () => {
    const wire = await replayed('log(1 + exp(x)) - x', 'x=20', 'float32');
    const p = wire.precision;
    assert.ok(p);
    const rows = precisionRows(p, wire);
    assert.deepStrictEqual(rows.map(r => r.node), wire.nodes.map(n => n.id));
    const sub = rows.find(r => r.node === wire.output);
    assert.deepStrictEqual([sub?.over, sub?.cancels], [true, true]);
    assert.deepStrictEqual(precisionCells(sub ?? rows[0]), [`- (node ${wire.output})`, 'sub', '1.00', '0.00', 'over threshold, cancellation']);
    const constant = rows.find(r => r.op === 'constant');
    assert.ok(constant);
    assert.strictEqual(constant.gradRelError, undefined);
    assert.strictEqual(precisionCells(constant)[3], '—');
    const worst = shownRows(rows, false);
    for (let k = 1; k < worst.length; k++) {
      assert.ok(worseError(worst[k - 1]) >= worseError(worst[k]), `row ${k} is worse than the one before it`);
    }
    assert.deepStrictEqual(shownRows(rows, true), rows);
  });

  it('lists the worst ten of a longer replay, and all of them on "show all"', async () => {
    const terms = Array.from({ length: 8 }, (_, k) => `exp(${k + 1} * x)`).join(' + ');
    const wire = await replayed(terms, 'x=0.7', 'bfloat16');
    const rows = precisionRows(wire.precision ?? assert.fail('no replay'), wire);
    assert.ok(rows.length > WORST_SHOWN, `${rows.length} rows`);
    const worst = shownRows(rows, false);
    assert.strictEqual(worst.length, WORST_SHOWN);
    const cutoff = worseError(worst[WORST_SHOWN - 1]);
    assert.ok(rows.filter(r => !worst.includes(r)).every(r => worseError(r) <= cutoff), 'a row left out is worse than one listed');
    assert.strictEqual(shownRows(rows, true).length, rows.length);
  });

  it('"show all" lists at most MAX_LISTED rows of a large replay, in evaluation order', async () => {
    const terms = Array.from({ length: 700 }, (_, k) => `sin(${k} * x)`).join(' + ');
    const wire = await replayed(terms, 'x=0.25', 'float16');
    const rows = precisionRows(wire.precision ?? assert.fail('no replay'), wire);
    assert.ok(rows.length > MAX_LISTED, `${rows.length} rows`);
    assert.deepStrictEqual(shownRows(rows, true), rows.slice(0, MAX_LISTED));
  });

  it('colours the graph by each node\'s worse error of value and gradient', async () => {
    const wire = await replayed('log(1 + exp(x)) - x', 'x=20', 'float32');
    const errors = precisionErrors(wire.precision);
    const x = wire.nodes.find(n => n.kind === 'leaf');
    assert.ok(x);
    const replayOfX = wire.precision?.nodes.find(n => n.node === x.id);
    // x's value is exact in float32 (20), its gradient is not: the gradient's error colours it.
    assert.strictEqual(replayOfX?.valueRelError, 0);
    assert.ok((replayOfX?.gradRelError ?? 0) > 0.5);
    assert.strictEqual(nodeMeasure(x, 'precision', errors), replayOfX?.gradRelError);
    const members = new Map(wire.nodes.map(n => [`n${n.id}`, [n.id]]));
    const byId = new Map(wire.nodes.map(n => [n.id, n]));
    const coloured = colourBoxes(members, byId, 'precision', errors);
    assert.ok(coloured.scale.steps.length > 0);
    assert.strictEqual(coloured.stepOfBox.get(`n${wire.output}`), coloured.scale.steps.length - 1, 'the cancelling subtraction is in the loudest step');
    assert.strictEqual(precisionErrors(undefined).size, 0);
  });
});
