// Tables as CSV (RFC 4180 quoting) and GitHub Markdown. Pure: unit-tested in Node.

export interface Table {
  headers: string[];
  rows: string[][];
}

function csvCell(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

export function toCsv(table: Table): string {
  return [table.headers, ...table.rows].map(row => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

function markdownCell(cell: string): string {
  return cell.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

export function toMarkdown(table: Table): string {
  const line = (cells: string[]): string => `| ${cells.map(markdownCell).join(' | ')} |`;
  return [line(table.headers), `|${table.headers.map(() => ' --- ').join('|')}|`, ...table.rows.map(line)].join('\n') + '\n';
}
