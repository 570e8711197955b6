// Values from a paused debug session: an inline adapter answering as debugpy would stops in
// examples/debug_step.py; Check Gradient and the hover take the frame's values, stepping refreshes the
// panel, a too-large tensor becomes a seeded stand-in, and an unreadable name is reported.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { WireInspection } from '../../src/protocol';
import type { FakeFrame } from '../support/fake-python-frame';
import type { FakeStop } from './fake-debugpy/adapter';
import {
  assertNear, checkGradient, closeEverything, exampleUri, hoverText, lastInspection, openExample, rangeOf, reportWhen, screenshot, select, waitFor,
} from './helpers';

const W1 = [[0.1, -0.2, 0.3], [0.4, 0.5, -0.6]];
const W2 = [[0.05, -0.1, 0.2], [0.3, 0.45, -0.5]];
const X = [0.5, -1, 2];
const Y = [0.25, -0.5];
const LOSS = 'np.sum((np.tanh(W @ x) - y) ** 2)';

function frameAt(w: number[][]): FakeFrame {
  return {
    W: { kind: 'array', module: 'numpy', dtype: 'float64', shape: [2, 3], data: w.flat() },
    x: { kind: 'array', module: 'numpy', dtype: 'float64', shape: [3], data: X },
    y: { kind: 'array', module: 'numpy', dtype: 'float64', shape: [2], data: Y },
    lr: { kind: 'number', value: 0.1 },
    X_big: { kind: 'large', module: 'numpy', dtype: 'float32', shape: [300, 400], summary: [-4.25, 4.5, 0.01, 1.0] },
  };
}

/** loss = Σ (tanh(Wx) − y)², ∂loss/∂W = (2 (h − y) (1 − h²)) xᵀ: the closed form the panel must show. */
function lossAndGradient(w: number[][]): { loss: number; dW: number[] } {
  const h = w.map(row => Math.tanh(row.reduce((sum, wij, j) => sum + wij * X[j], 0)));
  const loss = h.reduce((sum, hi, i) => sum + (hi - Y[i]) ** 2, 0);
  const dW = h.flatMap((hi, i) => X.map(xj => 2 * (hi - Y[i]) * (1 - hi * hi) * xj));
  return { loss, dW };
}

function leaf(inspection: WireInspection, name: string): WireInspection['nodes'][number] {
  const node = inspection.nodes.find(n => n.kind === 'leaf' && n.label === name);
  assert.ok(node, `no leaf ${name} among ${inspection.nodes.map(n => n.label).join(', ')}`);
  return node;
}

function assertAll(actual: readonly (number | null)[] | undefined, expected: readonly number[], what: string): void {
  assert.ok(actual, `${what}: no data`);
  assert.strictEqual(actual.length, expected.length, `${what}: ${actual.length} entries`);
  expected.forEach((v, i) => assertNear(actual[i] ?? NaN, v, `${what}[${i}]`, 1e-12));
}

suite('19. debug: values from a paused frame', () => {
  const stops: FakeStop[] = [{ line: 9, frame: frameAt(W1) }, { line: 12, frame: frameAt(W2) }];
  /** What the fake adapter (test/vscode/fake-debugpy) was asked to evaluate so far. */
  const evaluated = async (): Promise<string[]> => await vscode.commands.executeCommand<string[]>('fakeDebugpy.evaluated') ?? [];

  suiteSetup(async () => {
    const started = await vscode.debug.startDebugging(vscode.workspace.workspaceFolders?.[0], {
      type: 'debugpy', request: 'launch', name: 'Fake debugpy', program: exampleUri('debug_step.py').toString(), stops,
    });
    assert.ok(started, 'the debug session did not start');
    await waitFor(() => vscode.debug.activeStackItem instanceof vscode.DebugStackFrame ? true : undefined, 'the session to stop in a frame');
  });

  suiteTeardown(async () => {
    await vscode.debug.stopDebugging();
    // The debug console and the Run and Debug view opened with the session: later pictures need neither.
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('workbench.view.explorer');
    await closeEverything();
  });

  test('debug: Check Gradient during a stop uses the frame\'s values and writes nothing to the file', async () => {
    const editor = await openExample('debug_step.py');
    const before = editor.document.getText();
    select(editor, rangeOf(editor.document, LOSS));
    await checkGradient();
    const inspection = await lastInspection(editor.document.uri);
    assert.deepStrictEqual(inspection.valueSource?.names.sort(), ['W', 'x', 'y']);
    assert.strictEqual(inspection.valueSource?.frame, 'train_step');
    assert.strictEqual(inspection.valueSource?.line, 9);
    const expected = lossAndGradient(W1);
    assertAll(inspection.value.data, [expected.loss], 'the loss');
    assertAll(leaf(inspection, 'W').value.data, W1.flat(), 'W from the frame');
    assertAll(leaf(inspection, 'W').grad?.data, expected.dW, '∂loss/∂W');
    assert.strictEqual(inspection.check?.counts.fail, 0, 'the check fails');
    const report = await reportWhen(r => r.headerText.includes('paused frame'), 'the header naming the frame', editor.document.uri);
    assert.ok(report.headerText.includes('Values from the paused frame train_step (debug_step.py:9): W, x, y.'), report.headerText);
    assert.strictEqual(editor.document.getText(), before);
    assert.strictEqual(editor.document.isDirty, false);
    const expressions = await evaluated();
    assert.ok(expressions.length >= 3 && expressions.every(e => e.startsWith('(lambda v, s, c, m:')), 'only the serialising expression is evaluated');
    await screenshot('debug-frame-values');
  });

  test('debug: the hover on the stopped line shows the frame\'s value and gradient', async () => {
    const editor = await openExample('debug_step.py');
    const at = rangeOf(editor.document, 'W @ x', 'loss =').start;
    const markdown = await waitFor(async () => {
      const text = await hoverText(editor.document.uri, at);
      return text.includes('paused frame') ? text : undefined;
    }, 'a hover naming the paused frame');
    const text = markdown.replace(/\\(.)/g, '$1');
    assert.ok(text.includes('values from the paused frame train_step (debug_step.py:9)'), text);
    assert.ok(text.includes('**W** (2, 3) = `[[0.1, -0.2, 0.3], [0.4, 0.5, -0.6]]` (from the paused frame)'), text);
    const gradientLine = text.split('\n').find(line => line.startsWith('∂output/∂W ='));
    const shown = gradientLine?.match(/-?\d+\.\d+(?:e[-+]?\d+)?/g)?.map(Number) ?? [];
    const expected = lossAndGradient(W1).dW;
    assert.strictEqual(shown.length, expected.length, `∂output/∂W in the hover: ${gradientLine}`);
    shown.forEach((v, i) => assertNear(v, expected[i], `∂output/∂W[${i}] in the hover`, 1e-5));
  });

  test('debug: a too-large tensor is summarised and checked on a seeded stand-in, and the panel says so', async () => {
    const editor = await openExample('debug_step.py');
    select(editor, rangeOf(editor.document, 'np.mean(np.tanh(X_big) ** 2)'));
    const requests = (await evaluated()).length;
    await checkGradient();
    const inspection = await lastInspection(editor.document.uri);
    assert.deepStrictEqual(inspection.valueSource?.standIns, [{ name: 'X_big', shape: [300, 400], dtype: 'float32' }]);
    assert.deepStrictEqual(leaf(inspection, 'X_big').value.shape, [300, 400]);
    assert.strictEqual((await evaluated()).length - requests, 1, 'one request: the summary, not 120,000 entries');
    const value = leaf(inspection, 'X_big').value;
    assert.ok((value.min ?? -Infinity) >= -4.25 && (value.max ?? Infinity) <= 4.5, `stand-in range ${value.min}..${value.max}`);
    const report = await reportWhen(r => r.headerText.includes('stand-in'), 'the header naming the stand-in', editor.document.uri);
    assert.ok(report.headerText.includes('X_big (float32, shape (300, 400)) is above gradientInspector.debug.maxEntries'), report.headerText);
  });

  test('debug: a name the frame cannot read is reported with the debugger\'s message, then asked for', async () => {
    const editor = await openExample('debug_step.py');
    const document = await vscode.workspace.openTextDocument({ language: 'python', content: 'np.sum(W * missing_scale)\n' });
    const scratch = await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    select(scratch, rangeOf(document, 'np.sum(W * missing_scale)'));
    await vscode.commands.executeCommand('gradientInspector.test.setPromptAnswer', 'missing_scale=2');
    await checkGradient();
    const inspection = await lastInspection(document.uri);
    assert.deepStrictEqual(inspection.valueSource?.unreadable, [{ name: 'missing_scale', message: "NameError: name 'missing_scale' is not defined" }]);
    assertAll(inspection.value.data, [2 * W1.flat().reduce((a, b) => a + b, 0)], 'the output with W from the frame and the given scale');
    const report = await reportWhen(r => r.headerText.includes('missing_scale'), 'the header naming the unreadable name', document.uri);
    assert.ok(report.headerText.includes("missing_scale could not be read from the frame: NameError: name 'missing_scale' is not defined"), report.headerText);
    assert.ok(editor.document.getText().includes('def train_step'));
  });

  test('debug: stepping refreshes the panel with the next frame\'s values, keeping its expression', async () => {
    const editor = await openExample('debug_step.py');
    select(editor, rangeOf(editor.document, LOSS));
    await checkGradient();
    await vscode.commands.executeCommand('workbench.action.debug.stepOver');
    const refreshed = await waitFor(async () => {
      const inspection = await lastInspection(editor.document.uri);
      return inspection.valueSource?.line === 12 ? inspection : undefined;
    }, 'the panel to show the values at line 12');
    const expected = lossAndGradient(W2);
    assertAll(leaf(refreshed, 'W').value.data, W2.flat(), 'W after the step');
    assertAll(refreshed.value.data, [expected.loss], 'the loss after the step');
    assertAll(leaf(refreshed, 'W').grad?.data, expected.dW, '∂loss/∂W after the step');
    assert.ok(refreshed.text.includes(LOSS), refreshed.text);
  });
});
