// Notebooks: Check Gradient on a selection inside a cell, Markdown (LaTeX with its values comment) or
// Python (values from the cell's assignments), gives the lecture's f = −12 and gradients −4, −4, 3.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { WireInspection, WireNode } from '../../src/protocol';
import { checkGradient, closeEverything, graphRendered, lastInspection, panelInfo, panelsFor, reportWhen, screenshot, waitFor } from './helpers';

// The Jupyter serializer ships with VS Code (the built-in ipynb extension), in the web build too.
const NOTEBOOK_TYPE = 'jupyter-notebook';

const MARKDOWN = '<!-- values: x=-2, y=5, z=-4 -->\nThe circuit $(x + y) \\cdot z$';
const PYTHON = 'x = -2.0\ny = 5.0\nz = -4.0\nf = (x + y) * z';

function leaf(wire: WireInspection, name: string): WireNode {
  const found = wire.nodes.find(node => node.kind === 'leaf' && node.name === name);
  assert.ok(found, `no leaf ${name} among ${wire.nodes.map(node => node.name ?? node.label).join(', ')}`);
  return found;
}

async function openNotebook(): Promise<vscode.NotebookEditor> {
  const data = new vscode.NotebookData([
    new vscode.NotebookCellData(vscode.NotebookCellKind.Markup, MARKDOWN, 'markdown'),
    new vscode.NotebookCellData(vscode.NotebookCellKind.Code, PYTHON, 'python'),
  ]);
  const notebook = await vscode.workspace.openNotebookDocument(NOTEBOOK_TYPE, data);
  return vscode.window.showNotebookDocument(notebook, { viewColumn: vscode.ViewColumn.One });
}

/** The cell's own text editor, focused, with `text` selected in it. */
async function selectInCell(cell: vscode.NotebookCell, text: string): Promise<vscode.TextEditor> {
  const editor = await vscode.window.showTextDocument(cell.document, { viewColumn: vscode.ViewColumn.One });
  assert.strictEqual(editor.document.uri.toString(), cell.document.uri.toString());
  const at = cell.document.getText().indexOf(text);
  assert.ok(at >= 0, `${JSON.stringify(text)} not in cell ${cell.index}`);
  const selection = new vscode.Selection(cell.document.positionAt(at), cell.document.positionAt(at + text.length));
  editor.selection = selection;
  await waitFor(() => {
    const active = vscode.window.activeTextEditor;
    return active?.document.uri.toString() === cell.document.uri.toString() && active.selection.isEqual(selection) ? true : undefined;
  }, `the editor of cell ${cell.index} to be active with ${JSON.stringify(text)} selected`);
  return editor;
}

async function assertLectureInspection(cell: vscode.NotebookCell, language: string): Promise<void> {
  const info = await panelInfo();
  assert.strictEqual(panelsFor(info, cell.document.uri).length, 1, `panels: ${JSON.stringify(info.panels)}`);
  const wire = await lastInspection(cell.document.uri);
  assert.strictEqual(wire.language, language);
  assert.deepStrictEqual(wire.value.data, [-12]);
  const expected: Record<string, [number, number]> = { x: [-2, -4], y: [5, -4], z: [-4, 3] };
  for (const [name, [value, gradient]] of Object.entries(expected)) {
    assert.deepStrictEqual(leaf(wire, name).value.data, [value], `value of ${name}`);
    assert.deepStrictEqual(leaf(wire, name).grad?.data, [gradient], `∂f/∂${name}`);
  }
  assert.ok(wire.check, 'the inspection has no gradient check');
  assert.strictEqual(wire.check.passed, true);
  assert.deepStrictEqual(wire.check.counts, { pass: 3, fail: 0, kink: 0 });
  await assertPanelRendered(cell);
}

/** What the webview drew, not only what it was sent: the graph's boxes with their numbers, and the check rows. */
async function assertPanelRendered(cell: vscode.NotebookCell): Promise<void> {
  const report = await reportWhen(graphRendered, `the panel of cell ${cell.index} to draw its graph`, cell.document.uri);
  const labels = report.graph.labels.join('\n');
  assert.ok(labels.includes('-12'), `the output f = -12 is not drawn: ${JSON.stringify(report.graph.labels)}`);
  assert.strictEqual(report.check.rows.length, 3, `check rows: ${JSON.stringify(report.check.rows)}`);
  assert.ok(report.valuesRows >= 5, `values rows: ${report.valuesRows}`);
}

suite('12. notebooks', () => {
  let notebook: vscode.NotebookDocument;

  suiteSetup(async () => {
    notebook = (await openNotebook()).notebook;
    assert.strictEqual(notebook.cellCount, 2);
  });
  suiteTeardown(closeEverything);

  test('a selection of (x + y) * z in a Python code cell: f = −12, gradients −4, −4, 3, check passed', async () => {
    const cell = notebook.cellAt(1);
    assert.strictEqual(cell.document.languageId, 'python');
    await selectInCell(cell, '(x + y) * z');
    await checkGradient();
    await assertLectureInspection(cell, 'python');
  });

  test('a selection of (x + y) \\cdot z in a Markdown cell, at its values comment: the same numbers', async () => {
    const cell = notebook.cellAt(0);
    assert.strictEqual(cell.document.languageId, 'markdown');
    await selectInCell(cell, '(x + y) \\cdot z');
    await checkGradient();
    // The moment the command returns, the webview may still be loading its script: it says so.
    await screenshot('notebook-markdown-cell-opening');
    await assertLectureInspection(cell, 'latex');
    await screenshot('notebook-markdown-cell');
  });

  test('the Markdown cell edited inside the notebook editor: the panel draws the lecture graph', async () => {
    await closeEverything();
    const editor = await openNotebook();
    const cell = editor.notebook.cellAt(0);
    editor.selections = [new vscode.NotebookRange(0, 1)];
    await vscode.commands.executeCommand('notebook.cell.edit');
    const cellEditor = await waitFor(() => {
      const active = vscode.window.activeTextEditor;
      return active?.document.uri.toString() === cell.document.uri.toString() ? active : undefined;
    }, 'the Markdown cell to be in edit mode');
    const at = cell.document.getText().indexOf('(x + y)');
    cellEditor.selection = new vscode.Selection(cell.document.positionAt(at), cell.document.positionAt(at + '(x + y) \\cdot z'.length));
    await checkGradient();
    await assertLectureInspection(cell, 'latex');
    await screenshot('notebook-markdown-in-editor');
  });
});
