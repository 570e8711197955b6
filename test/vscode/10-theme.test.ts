// Switching the color theme between light and dark re-renders the graph in the new theme.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { WebviewReport } from '../../src/protocol';
import {
  checkGradient, closeEverything, exampleUri, graphRendered, hideSideBar, openExample, rangeOf, reportWhen, screenshot, select, showSideBar,
} from './helpers';

const THEMES = { light: 'Default Light Modern', dark: 'Default Dark Modern' };

/** These screenshots illustrate the README: the panel's column (the second editor group) takes most of the width. */
async function widenPanelForScreenshots(): Promise<void> {
  await hideSideBar();
  await vscode.commands.executeCommand('vscode.setEditorLayout', { orientation: 0, groups: [{ size: 0.38 }, { size: 0.62 }] });
}

suite('10. theme switch', () => {
  const workbench = () => vscode.workspace.getConfiguration('workbench');

  suiteTeardown(async () => {
    await workbench().update('colorTheme', undefined, vscode.ConfigurationTarget.Global);
    await closeEverything();
    await showSideBar();
  });

  test('light ↔ dark re-renders the graph each time', async () => {
    const lecture = exampleUri('lecture.py');
    const editor = await openExample('lecture.py');
    select(editor, rangeOf(editor.document, '(x + y) * z'));
    await checkGradient();
    let last: WebviewReport = await reportWhen(graphRendered, 'the graph', lecture);
    await widenPanelForScreenshots();

    const order: ('light' | 'dark')[] = last.theme === 'dark' ? ['light', 'dark'] : ['dark', 'light'];
    for (const theme of order) {
      const previous = last;
      await workbench().update('colorTheme', THEMES[theme], vscode.ConfigurationTarget.Global);
      last = await reportWhen(
        r => r.theme === theme && r.graph.renderCount > previous.graph.renderCount && graphRendered(r),
        `a ${theme} re-render`, lecture);
      assert.strictEqual(last.graph.svgNodeCount, previous.graph.svgNodeCount);
      await screenshot(`lecture-panel-${theme}`);
    }
  });
});
