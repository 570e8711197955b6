// A restored panel's state is untrusted: only a document URI, a known tab and an inspection of the
// shape the host reads are kept.
import * as assert from 'assert';
import { isDocumentUri, MAX_TITLE_LENGTH, MAX_URI_LENGTH, readPanelState } from '../../../src/extension/panel-state';
import { parseFromWebview } from '../../../src/extension/panel-messages';
import { lectureInspection } from '../webview/sample';

describe('restored panel state', () => {
  it('keeps a well-formed state with its inspection and tab', () => {
    const inspection = lectureInspection();
    assert.deepStrictEqual(readPanelState({ documentUri: 'file:///w/a.py', activeTab: 'check', inspection }),
      { documentUri: 'file:///w/a.py', activeTab: 'check', inspection });
  });

  it('accepts the URIs of documents: files, untitled, notebook cells, virtual and test file systems', () => {
    for (const uri of ['file:///home/u/a.py', 'untitled:Untitled-1', 'vscode-notebook-cell:/w/n.ipynb#W0sZmlsZQ%3D%3D', 'vscode-vfs://github/o/r/a.py', 'vscode-test-web://mount/notes.md']) {
      assert.ok(isDocumentUri(uri), uri);
    }
  });

  it('refuses a state whose URI is not a document, has spaces or controls, or is too long', () => {
    for (const documentUri of [
      'command:workbench.action.terminal.new', 'COMMAND:x', 'javascript:alert(1)', 'data:text/plain,x', 'https://example.com/a.py',
      'vscode://ms-python.python/x', '/no/scheme.py', 'file:///a b.py', 'file:///a\u001b[2J.py', 'file:///a\u202e.py',
      `file:///${'a'.repeat(MAX_URI_LENGTH)}`, 42, undefined, { toString: () => 'file:///a.py' },
    ]) {
      assert.strictEqual(readPanelState({ documentUri, activeTab: 'graph' }), undefined, JSON.stringify(documentUri));
    }
    for (const raw of [null, 'file:///a.py', [], 7]) {
      assert.strictEqual(readPanelState(raw), undefined, JSON.stringify(raw));
    }
  });

  it('drops an inspection the host cannot read (keeps the panel) and an unknown tab', () => {
    const good = lectureInspection();
    const bad = [
      { ...good, title: { evil: true } }, { ...good, title: 't'.repeat(MAX_TITLE_LENGTH + 1) }, { ...good, language: 'html' },
      { ...good, text: 12 }, { ...good, nodes: 'x' }, { ...good, output: '4' }, 'inspection', null,
    ];
    for (const inspection of bad) {
      assert.deepStrictEqual(readPanelState({ documentUri: 'file:///a.py', activeTab: 'settings', inspection }), { documentUri: 'file:///a.py', activeTab: 'graph' }, JSON.stringify(inspection).slice(0, 80));
    }
  });
});

describe('export messages from the webview', () => {
  it('name only what the panel exports: the name reaches a notification and a file name', () => {
    assert.deepStrictEqual(parseFromWebview({ type: 'export', format: 'svg', what: 'graph', content: '<svg/>', destination: 'file' }),
      { type: 'export', format: 'svg', what: 'graph', content: '<svg/>', destination: 'file' });
    for (const what of ['[click](command:workbench.action.terminal.new)', '../../x', '', 3]) {
      assert.strictEqual(parseFromWebview({ type: 'export', format: 'csv', what, content: 'a', destination: 'clipboard' }), undefined, String(what));
    }
  });
});
