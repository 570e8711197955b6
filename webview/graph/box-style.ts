// The look of a box as data: each style class sets some of fill, border, text colour, border width
// and dash. The mermaid text writes them as classDef lines, the panel's own drawing resolves them
// into one BoxStyle; both apply classes in CLASS_ORDER, later ones winning, so status borders (pass,
// kink, fail, non-finite) stay visible over the colour steps. Pure.
import type { ScaleStep } from '../colour-scale';
import type { GraphPalette } from './flowchart';

export interface BoxStyle {
  fill: string;
  stroke: string;
  text: string;
  strokeWidth: number;
  /** SVG stroke-dasharray, absent for a solid border. */
  dash?: string;
}

export type ClassStyle = Partial<BoxStyle>;

export const CLASS_ORDER = ['colour', 'folded', 'leaf', 'output', 'pass', 'kink', 'fail', 'nonfinite'];

/** Position of a class in CLASS_ORDER ("colour3" counts as "colour"). */
export function classRank(name: string): number {
  return CLASS_ORDER.indexOf(name.startsWith('colour') ? 'colour' : name);
}

/** The classes' styles: colour0 is "no measure", colour1… the colour scale's steps, then kinds and statuses. */
export function classStyles(palette: GraphPalette, steps: readonly ScaleStep[]): Map<string, ClassStyle> {
  const styles = new Map<string, ClassStyle>();
  [palette.none, ...steps.map(step => step.swatch)].forEach((swatch, i) => styles.set(`colour${i}`, { fill: swatch.fill, stroke: palette.border, text: swatch.text }));
  styles.set('output', { stroke: palette.output, strokeWidth: 3 });
  styles.set('leaf', { strokeWidth: 2 });
  styles.set('pass', { stroke: palette.pass, strokeWidth: 2 });
  styles.set('fail', { stroke: palette.fail, strokeWidth: 3 });
  styles.set('kink', { stroke: palette.kink, strokeWidth: 3, dash: '5 3' });
  styles.set('folded', { dash: '3 3', strokeWidth: 2 });
  styles.set('nonfinite', { stroke: palette.fail, strokeWidth: 3, dash: '2 2' });
  return styles;
}

/** The style of a box with these classes, applied in CLASS_ORDER. */
export function resolveBoxStyle(classes: readonly string[], palette: GraphPalette, steps: readonly ScaleStep[]): BoxStyle {
  const styles = classStyles(palette, steps);
  const style: BoxStyle = { fill: palette.none.fill, stroke: palette.border, text: palette.none.text, strokeWidth: 1 };
  for (const name of [...classes].sort((a, b) => classRank(a) - classRank(b))) {
    Object.assign(style, styles.get(name));
  }
  return style;
}

/** A class as mermaid's classDef writes it: "fill:#…,stroke:#…,stroke-width:3px". */
export function classDefText(style: ClassStyle): string {
  const parts: string[] = [];
  if (style.fill !== undefined) { parts.push(`fill:${style.fill}`); }
  if (style.stroke !== undefined) { parts.push(`stroke:${style.stroke}`); }
  if (style.text !== undefined) { parts.push(`color:${style.text}`); }
  if (style.strokeWidth !== undefined) { parts.push(`stroke-width:${style.strokeWidth}px`); }
  if (style.dash !== undefined) { parts.push(`stroke-dasharray:${style.dash}`); }
  return parts.join(',');
}
