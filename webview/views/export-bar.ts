// Export buttons: each sends its content to the host, which saves it or copies it to the clipboard.
import type { ExportFormat } from '../../src/protocol';
import { button, custom, el, valueOf } from '../dom';
import { post } from '../vscode-api';

export interface ExportItem {
  label: string;
  format: ExportFormat;
  /** What is exported, e.g. "graph" or "check"; the host names the file after it. */
  what: string;
  /** Undefined when there is nothing to export yet. */
  content: () => string | undefined;
}

let barCount = 0;

export function exportBar(items: readonly ExportItem[]): HTMLElement {
  const id = `export-destination-${++barCount}`;
  const destination = custom('vscode-dropdown', { id, 'aria-label': 'Export destination' },
    custom('vscode-option', { value: 'file' }, 'Save to file…'),
    custom('vscode-option', { value: 'clipboard' }, 'Copy to clipboard'),
  );
  const buttons = items.map(item => button(item.label, () => {
    const content = item.content();
    if (content === undefined) {
      return;
    }
    post({
      type: 'export', format: item.format, what: item.what, content,
      destination: valueOf(destination) === 'clipboard' ? 'clipboard' : 'file',
    });
  }, { appearance: 'secondary', 'aria-label': `Export ${item.what} as ${item.label}` }));
  return el('div', { class: 'export-bar', role: 'group', 'aria-label': 'Export' },
    el('label', { for: id, class: 'toolbar-label' }, 'Export'), destination, ...buttons);
}
