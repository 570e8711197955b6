// Toolkit data grids built row by row (the grids' own row templates cannot hold per-cell state).

export function dataGrid(label: string, templateColumns: string): HTMLElement {
  const grid = document.createElement('vscode-data-grid');
  grid.setAttribute('aria-label', label);
  grid.setAttribute('grid-template-columns', templateColumns);
  grid.setAttribute('generate-header', 'none');
  return grid;
}

export function gridRow(cells: readonly string[], header: boolean): HTMLElement {
  const row = document.createElement('vscode-data-grid-row');
  if (header) {
    row.setAttribute('row-type', 'sticky-header');
  }
  cells.forEach((text, i) => {
    const cell = document.createElement('vscode-data-grid-cell');
    cell.setAttribute('grid-column', String(i + 1));
    if (header) {
      cell.setAttribute('cell-type', 'columnheader');
    }
    cell.textContent = text;
    row.append(cell);
  });
  return row;
}

/** The text of every body row's cells, read back from the DOM. */
export function gridBodyRows(grid: Element): string[][] {
  return Array.from(grid.querySelectorAll('vscode-data-grid-row'))
    .filter(row => row.getAttribute('row-type') === null || row.getAttribute('row-type') === 'default')
    .map(row => Array.from(row.querySelectorAll('vscode-data-grid-cell')).map(c => (c.textContent ?? '').trim()));
}
