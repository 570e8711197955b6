// The look of a box as data: each style class sets some of fill, border, text colour, border width
// and dash. The mermaid text writes them as classDef lines, the panel's own drawing resolves them
// into one BoxStyle; both apply classes in CLASS_ORDER, later ones winning, so status borders (pass,
// kink, fail, non-finite) stay visible over the colour buckets. Pure.
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

export const CLASS_ORDER = ['grad', 'folded', 'leaf', 'output', 'pass', 'kink', 'fail', 'nonfinite'];

/** Position of a class in CLASS_ORDER ("grad3" counts as "grad"). */
export function classRank(name: string): number {
  return CLASS_ORDER.indexOf(name.startsWith('grad') ? 'grad' : name);
}

export function classStyles(palette: GraphPalette): Map<string, ClassStyle> {
  const styles = new Map<string, ClassStyle>();
  palette.buckets.forEach((fill, i) => styles.set(`grad${i}`, { fill, stroke: palette.border, text: palette.text }));
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
export function resolveBoxStyle(classes: readonly string[], palette: GraphPalette): BoxStyle {
  const styles = classStyles(palette);
  const style: BoxStyle = { fill: palette.buckets[0], stroke: palette.border, text: palette.text, strokeWidth: 1 };
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
