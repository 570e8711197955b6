// Toolkit data grids built row by row (the grids' own row templates cannot hold per-cell state).

/**
 * The narrowest the columns may be, in em: the sum of the fixed widths (`6em`) and of the minimums of
 * `minmax(6em, 1fr)` in a grid-template-columns value; other tracks count 0.
 */
export function minimumWidthEm(templateColumns: string): number {
  let total = 0;
  for (const track of templateColumns.match(/minmax\([^)]*\)|\S+/g) ?? []) {
    const fixed = /^(?:minmax\(\s*)?([\d.]+)em\b/.exec(track);
    total += fixed ? Number(fixed[1]) : 0;
  }
  return total;
}

/**
 * Every row of a toolkit grid is its own CSS grid, so columns line up only while each track's size
 * depends on the width alone: give the tracks em minimums and the table that sum as its minimum width;
 * below it the table scrolls sideways in its holder instead of breaking numbers letter by letter.
 */
export function dataGrid(label: string, templateColumns: string): HTMLElement {
  const grid = document.createElement('vscode-data-grid');
  grid.setAttribute('aria-label', label);
  grid.setAttribute('grid-template-columns', templateColumns);
  grid.setAttribute('generate-header', 'none');
  const minimum = minimumWidthEm(templateColumns);
  if (minimum > 0) { grid.style.minWidth = `${minimum}em`; }
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
