// Second order in the panel: Check Gradient on a scalar function of two inputs computes its Hessian
// and the H·v check by itself, and the Derivatives tab shows the matrix named by the inputs with
// the check's rows; a function of more than 16 input entries says why it has none.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { checkGradient, closeEverything, lastInspection, openText, reportWhen, screenshot, select } from './helpers';

const SMALL = 'values: x=0.7, y=1.3\nsin(x*y) + x^3/y\n';
const LARGE = 'values: w=[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17]\nsum(w*w)\n';

async function checkFormula(text: string): Promise<vscode.Uri> {
  const editor = await openText(text, 'plaintext');
  const line = editor.document.lineAt(1).range;
  select(editor, new vscode.Range(line.start, line.start));
  await checkGradient();
  return editor.document.uri;
}

suite('24. second order in the panel', () => {
  suiteTeardown(closeEverything);

  test('sin(x·y) + x³/y: the Hessian and three passing H·v directions, shown in the Derivatives tab', async () => {
    const uri = await checkFormula(SMALL);
    const wire = await lastInspection(uri);
    const second = wire.secondOrder;
    assert.ok(second, `no second-order report; unavailable: ${wire.secondOrderUnavailable}`);
    assert.strictEqual(second.passed, true);
    assert.deepStrictEqual(second.hessian?.inputs, ['x', 'y']);
    // f_xx = −y² sin(xy) + 6x/y, f_xy = cos(xy) − xy sin(xy) − 3x²/y², f_yy = −x² sin(xy) + 2x³/y³.
    const [x, y] = [0.7, 1.3];
    const exact = [
      [-y * y * Math.sin(x * y) + (6 * x) / y, Math.cos(x * y) - x * y * Math.sin(x * y) - (3 * x * x) / (y * y)],
      [Math.cos(x * y) - x * y * Math.sin(x * y) - (3 * x * x) / (y * y), -x * x * Math.sin(x * y) + (2 * x ** 3) / y ** 3],
    ];
    second.hessian?.rows.forEach((row, i) => row.forEach((v, j) => assert.ok(Math.abs((v ?? NaN) - exact[i][j]) < 1e-12, `H[${i}][${j}] = ${v}, exact ${exact[i][j]}`)));
    assert.strictEqual(second.directions.length, 3);
    assert.ok(second.directions.every(d => d.passed));
    assert.deepStrictEqual(second.jvp.failing, []);

    await vscode.commands.executeCommand('gradientInspector.test.simulate', uri.toString(), '#tab-derivatives', 'click');
    const report = await reportWhen(r => (r.hessianText ?? '').includes('Second order'), 'the Second order section', uri);
    const lines = (report.hessianText ?? '').split('\n');
    assert.strictEqual(lines[0], 'Second order: passed');
    assert.ok(lines.includes('x: 1.89651  -0.974525'), report.hessianText);
    assert.ok(lines.includes('y: -0.974525  -0.0746129'), report.hessianText);
    assert.strictEqual(lines.filter(l => /^v[123]: .*: pass$/.test(l)).length, 3, report.hessianText);
    assert.ok(lines.some(l => /^forward mode: .* at each of 5 op nodes, .*: all agree\.$/.test(l)), report.hessianText);
    await screenshot('hessian-panel');
  });

  test('a function of 17 input entries gets no Hessian, and the panel says why', async () => {
    const uri = await checkFormula(LARGE);
    const wire = await lastInspection(uri);
    assert.strictEqual(wire.secondOrder, undefined);
    assert.match(wire.secondOrderUnavailable ?? '', /scalar functions of 1 to 16 input entries/);
    await vscode.commands.executeCommand('gradientInspector.test.simulate', uri.toString(), '#tab-derivatives', 'click');
    const report = await reportWhen(r => (r.hessianText ?? '').includes('No second-order check'), 'the reason', uri);
    assert.match(report.hessianText ?? '', /^No second-order check: the Hessian is computed for scalar functions of 1 to 16 input entries\.$/);
  });
});
