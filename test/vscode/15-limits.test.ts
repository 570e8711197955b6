// Hovers run inspect() synchronously in the extension host: whatever the text, they answer quickly.
// A 15,000-letter formula took 15 s to parse before LaTeX became linear; an 8192×8192 constructor
// allocated gigabytes before the budget was checked while building.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeEverything, hoverText, openText, within } from './helpers';

/** Far above a linear parse or a refusal, far below the quadratic parse or the allocation. */
const HOVER_ANSWER_MS = 5_000;

/**
 * The hover's text, failing when it takes too long. The provider runs in this same extension host,
 * so a blocking hover also blocks the timer: the elapsed time is checked as well.
 */
async function quickHover(uri: vscode.Uri, position: vscode.Position, what: string): Promise<string> {
  const started = Date.now();
  const shown = await within(hoverText(uri, position), HOVER_ANSWER_MS, what);
  const elapsed = Date.now() - started;
  assert.ok(elapsed < HOVER_ANSWER_MS, `${what} took ${elapsed} ms`);
  return shown;
}

suite('15. limits', () => {
  suiteTeardown(closeEverything);

  test('a hover on a $vvv…$ formula of 15,000 letters answers quickly', async () => {
    const editor = await openText(`# Notes\n\n$${'v'.repeat(15_000)}$\n`, 'markdown');
    const position = new vscode.Position(2, 100);
    const shown = await quickHover(editor.document.uri, position, 'the hover on a long formula');
    assert.ok(shown.length < 2_000, `the hover quotes the formula whole (${shown.length} characters)`);
  });

  test('a hover on np.ones((8192, 8192)) answers quickly, without a value', async () => {
    const editor = await openText('import numpy as np\nx = np.ones((8192, 8192))\ny = x @ x\n(y * y).sum()\n', 'python');
    const shown = await quickHover(editor.document.uri, new vscode.Position(3, 2), 'the hover on a huge tensor');
    assert.ok(!/∂output/.test(shown), `the hover computed a gradient of a 512 MB tensor:\n${shown}`);
  });
});
