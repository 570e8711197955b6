// Tables as CSV (RFC 4180 quoting, no formulas) and GitHub Markdown (no HTML). Pure: unit-tested in Node.

export interface Table {
  headers: string[];
  rows: string[][];
}

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or CR before one) as a formula; a name
 * from a model such as `=HYPERLINK(…)` would. Such text, unless it is a number, gets a leading `'`.
 */
const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$|^[-+]?(?:Inf|∞)$|^NaN$/i;

function neutralisedFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) && !NUMBER.test(cell) ? `'${cell}` : cell;
}

function csvCell(raw: string): string {
  const cell = neutralisedFormula(raw);
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

export function toCsv(table: Table): string {
  return [table.headers, ...table.rows].map(row => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** HTML in a cell is shown as text wherever the Markdown is rendered; our own line breaks stay `<br>`. */
function markdownCell(cell: string): string {
  return cell.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\r?\n/g, '<br>');
}

export function toMarkdown(table: Table): string {
  const line = (cells: string[]): string => `| ${cells.map(markdownCell).join(' | ')} |`;
  return [line(table.headers), `|${table.headers.map(() => ' --- ').join('|')}|`, ...table.rows.map(line)].join('\n') + '\n';
}
