// The Gradient check tab's Reference and Precision controls in the real workbench: the complex step
// brings sin(5·exp(x))'s errors to machine precision, a float32 replay flags the cancellation in
// log(1 + exp(x)) − x at x = 20 and colours the graph by its error, and the complex step on abs(x)
// is refused in the panel, naming abs. The two settings reach a check run from the command.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { WebviewReport } from '../../src/protocol';
import { checkGradient, closeEverything, graphRendered, lastInspection, openText, reportWhen, screenshot, waitFor } from './helpers';

const FORMULAS = [
  'values: x=0.3',
  'sin(5 * exp(x))',
  '',
  'values: x=20',
  'log(1 + exp(x)) - x',
  '',
  'values: x=1.5',
  'abs(x)',
  '',
].join('\n');

/** Runs Check Gradient on `formula` (by offset: the panel, not the editor, has the focus). */
async function checkFormula(editor: vscode.TextEditor, formula: string): Promise<void> {
  const at = FORMULAS.indexOf(`\n${formula}\n`) + 1;
  assert.ok(at > 0, `${formula} is not in the document`);
  await checkGradient(editor.document.uri.toString(), { start: at, end: at });
}

function simulate(editor: vscode.TextEditor, selector: string, event: 'click' | 'change', value?: string): Thenable<unknown> {
  return vscode.commands.executeCommand('gradientInspector.test.simulate', editor.document.uri.toString(), selector, event, value);
}

function relErrors(report: WebviewReport): number[] {
  return report.check.rows.map(row => Number(row.relError));
}

suite('23. check controls: reference and precision', () => {
  let editor: vscode.TextEditor;
  const config = () => vscode.workspace.getConfiguration('gradientInspector');

  suiteSetup(async () => {
    editor = await openText(FORMULAS, 'plaintext');
  });
  suiteTeardown(async () => {
    await config().update('reference', undefined, vscode.ConfigurationTarget.Global);
    await config().update('precision', undefined, vscode.ConfigurationTarget.Global);
    await closeEverything();
  });

  test('Reference: complex step re-runs sin(5·exp(x)) and its errors fall to machine precision', async () => {
    await checkFormula(editor, 'sin(5 * exp(x))');
    const uri = editor.document.uri;
    const central = await lastInspection(uri);
    assert.strictEqual(central.check?.reference, 'central');
    const centralError = central.check?.maxRelError ?? NaN;
    // The central difference at eps 1e-6 is off by round-off and truncation: far above machine precision.
    assert.ok(centralError > 1e-12, `central rel error ${centralError}`);
    await simulate(editor, '#tab-check', 'click');
    await simulate(editor, '#check-reference', 'change', 'complex');
    const report = await reportWhen(r => r.check.reference === 'complex' && /reference complex/.test(r.check.banner), 'the check re-run with the complex step', uri);
    const wire = await lastInspection(uri);
    assert.strictEqual(wire.check?.reference, 'complex');
    assert.strictEqual(wire.check?.passed, true);
    const errors = relErrors(report);
    assert.strictEqual(errors.length, 1);
    assert.ok(errors.every(e => e <= 4.5e-16), `the table's rel errors are not at machine precision: ${JSON.stringify(report.check.rows)}`);
    assert.ok(report.check.banner.includes('reference complex'), report.check.banner);

    // The sweep of the row: every reference's error against h, the complex step's marked in use.
    const x = wire.nodes.find(n => n.kind === 'leaf' && n.label === 'x');
    assert.ok(x, 'no leaf x');
    await simulate(editor, `.check-view vscode-data-grid-row[data-leaf="${x.id}"][data-flat="0"]`, 'click');
    const swept = await reportWhen(r => (r.check.sweepLegend ?? []).length > 0, 'the sweep plot of x', uri);
    assert.deepStrictEqual(swept.check.sweepLegend?.map(t => t.split(':')[0]), ['central', 'richardson', 'complex (in use)']);
    await screenshot('check-reference-complex-sweep');
  });

  test('Precision: float32 on log(1 + exp(x)) − x at x = 20 flags the cancellation and colours the graph by the replay', async () => {
    await checkFormula(editor, 'log(1 + exp(x)) - x');
    const uri = editor.document.uri;
    await simulate(editor, '#tab-check', 'click');
    await simulate(editor, '#check-precision', 'change', 'float32');
    const report = await reportWhen(r => r.precision !== undefined && r.check.precision === 'float32', 'the float32 replay', uri);
    const wire = await lastInspection(uri);
    const subtraction = wire.nodes.find(n => n.id === wire.output);
    assert.strictEqual(subtraction?.op, 'sub');
    assert.strictEqual(wire.precision?.type, 'float32');
    // float32 keeps about 7 digits: 1 + e^20 rounds so that log(·) − 20 loses every one of them.
    assert.deepStrictEqual(wire.precision?.cancellations.map(c => c.node), [wire.output]);
    assert.ok((wire.precision?.cancellations[0].conditionNumber ?? 0) > 1e9, JSON.stringify(wire.precision?.cancellations));
    assert.strictEqual(wire.precision?.firstOverThreshold?.node, wire.output);
    const precision = report.precision;
    assert.ok(precision);
    assert.match(precision.cancellations[0] ?? '', /^Catastrophic cancellation at - \(node \d+\): condition number 1\.9\de\+10/);
    assert.match(precision.firstOverThreshold, /^First node over the threshold: - \(node \d+\), value rel error 1\.00/);
    assert.match(precision.summary, /^float32 replay: output rel error 1\.00/);
    const outputRow = precision.rows.find(row => row[0].endsWith(`(node ${wire.output})`));
    assert.ok(outputRow && /over threshold, cancellation/.test(outputRow[4]), JSON.stringify(precision.rows));
    await screenshot('check-precision-float32');

    // Clicking the first node over the threshold selects it in the graph and the inspector.
    await simulate(editor, '.precision-first', 'click');
    await reportWhen(r => r.inspector?.nodeId === wire.output, 'the inspector to show the subtraction', uri);
    await simulate(editor, '#tab-graph', 'click');
    // Drawn while the Check tab was showing, the graph is fitted when its tab shows: the output is in view.
    const graph = await reportWhen(r => r.activeTab === 'graph' && r.graph.colourBy === 'precision' && graphRendered(r) && r.graph.outputInView === true,
      'the graph coloured by the replay, its output in view', uri);
    assert.strictEqual(graph.graph.legend?.[0], 'exact, not finite or no replay');
    assert.ok((graph.graph.legend?.length ?? 0) >= 2, JSON.stringify(graph.graph.legend));
    await screenshot('graph-coloured-by-float32-replay');

    // Back to float64 only: the section goes, and the colouring gives way to |gradient|.
    await simulate(editor, '#tab-check', 'click');
    await simulate(editor, '#check-precision', 'change', 'none');
    const cleared = await reportWhen(r => r.precision === undefined && r.check.precision === 'none', 'the replay gone', uri);
    assert.strictEqual(cleared.graph.colourBy, 'gradient');
  });

  test('Reference: complex step on abs(x) is refused in the panel, naming abs, and no stale check is left', async () => {
    await checkFormula(editor, 'abs(x)');
    const uri = editor.document.uri;
    await simulate(editor, '#tab-check', 'click');
    await simulate(editor, '#check-reference', 'change', 'complex');
    const report = await reportWhen(r => /complex-step/.test(r.headerText), 'the complex-step refusal', uri);
    assert.match(report.headerText, /the complex-step reference needs analytic ops: abs\S* \(abs\) is not analytic \(it has a kink\); use the central or richardson reference instead/);
    assert.match(report.check.banner, /^No gradient check ?: the complex-step reference needs analytic ops: abs/);
    assert.strictEqual(report.check.reference, 'complex', 'the dropdown keeps the choice that was refused');
    assert.strictEqual((await lastInspection(uri)).check, undefined);
    await screenshot('check-reference-complex-refused-abs');
  });

  test('the settings gradientInspector.reference and .precision reach a check run from the command', async () => {
    await config().update('reference', 'richardson', vscode.ConfigurationTarget.Global);
    await config().update('precision', 'bfloat16', vscode.ConfigurationTarget.Global);
    await checkFormula(editor, 'sin(5 * exp(x))');
    const wire = await waitFor(async () => {
      const w = await lastInspection(editor.document.uri);
      return w.check?.reference === 'richardson' ? w : undefined;
    }, 'a Richardson check');
    assert.strictEqual(wire.precision?.type, 'bfloat16');
    assert.ok((wire.check?.maxRelError ?? 1) < 1e-11, `Richardson rel error ${wire.check?.maxRelError}`);
    const report = await reportWhen(r => r.check.reference === 'richardson' && r.check.precision === 'bfloat16', 'the dropdowns showing the settings', editor.document.uri);
    assert.match(report.precision?.summary ?? '', /^bfloat16 replay/);
  });
});
