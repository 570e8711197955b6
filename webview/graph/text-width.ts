// Label widths without the DOM: the panel measures each character of a font once with canvas
// measureText (font-metrics.ts) and sends the table to the layout worker, which sums it per line.
// Kerning is ignored; characters outside the table count as the widest measured one, so boxes err
// on the wide side. Pure.

export interface CharWidths {
  /** Character → advance width in px. */
  widths: Record<string, number>;
  /** Width of any character missing from `widths`. */
  fallback: number;
  /** Height of one label line in px. */
  lineHeight: number;
}

/** The characters measured once per font: printable ASCII and the symbols the labels use. */
export const MEASURED_CHARACTERS = [
  ...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)),
  ...'‖·∂σ−✓✗⚠⊞…×→←±∞√∑∏ΣΔαβγδεθλμπτφψω²³⁻¹₀₁₂₃·∘⊙⊗',
];

export function lineWidth(line: string, metrics: CharWidths): number {
  let width = 0;
  for (const ch of line) {
    width += metrics.widths[ch] ?? metrics.fallback;
  }
  return width;
}

export function linesWidth(lines: readonly string[], metrics: CharWidths): number {
  return lines.reduce((widest, line) => Math.max(widest, lineWidth(line, metrics)), 0);
}

/** A fixed-pitch table for tests and for the bench page's first frame. */
export function monospaceWidths(charWidth: number, lineHeight: number): CharWidths {
  return { widths: {}, fallback: charWidth, lineHeight };
}
