// Colour scales that carry numbers: a stepped log scale for the graph's boxes (each step a range of
// magnitudes the legend names), and continuous diverging / magnitude scales for tensor heatmaps.
// Text on every fill is picked for WCAG contrast. Pure: unit-tested in Node.

export interface Swatch {
  fill: string;
  text: string;
}

type Rgb = [number, number, number];

/** Viridis at six stops, dark to light: perceptually ordered, readable by colour-blind people. */
export const SEQUENTIAL_RAMP: readonly string[] = ['#440154', '#414487', '#2a788e', '#22a884', '#7ad151', '#fde725'];

/** ColorBrewer RdBu at seven stops, negative (blue) through white to positive (red). */
export const DIVERGING_RAMP: readonly string[] = ['#2166ac', '#67a9cf', '#d1e5f0', '#f7f7f7', '#fddbc7', '#ef8a62', '#b2182b'];

const TEXT_CANDIDATES = ['#000000', '#ffffff'];

export function hexToRgb(hex: string): Rgb {
  const digits = hex.replace('#', '');
  return [0, 2, 4].map(i => parseInt(digits.slice(i, i + 2), 16)) as Rgb;
}

function rgbToHex(rgb: Rgb): string {
  return `#${rgb.map(c => Math.round(Math.min(255, Math.max(0, c))).toString(16).padStart(2, '0')).join('')}`;
}

/** WCAG 2 relative luminance of an sRGB colour. */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = hexToRgb(hex).map(c => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

/** Black or white, whichever reads better on `fill`. */
export function readableText(fill: string): string {
  return TEXT_CANDIDATES.reduce((best, c) => (contrastRatio(fill, c) > contrastRatio(fill, best) ? c : best));
}

export function swatch(fill: string): Swatch {
  return { fill, text: readableText(fill) };
}

/** The colour at `t` in [0, 1] along a ramp, linear between its stops. */
export function rampColour(ramp: readonly string[], t: number): string {
  const clamped = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0;
  const position = clamped * (ramp.length - 1);
  const i = Math.min(ramp.length - 2, Math.floor(position));
  const share = position - i;
  const [a, b] = [hexToRgb(ramp[i]), hexToRgb(ramp[i + 1])];
  return rgbToHex([0, 1, 2].map(k => a[k] + (b[k] - a[k]) * share) as Rgb);
}

/** Signed values: blue below 0, white at 0, red above, saturated at ±limit. */
export function divergingColour(value: number, limit: number): string {
  return rampColour(DIVERGING_RAMP, limit > 0 ? 0.5 + value / (2 * limit) : 0.5);
}

/** Magnitudes (errors): from 0 (dark) to `max` (bright). */
export function magnitudeColour(value: number, max: number): string {
  return rampColour(SEQUENTIAL_RAMP, max > 0 ? Math.abs(value) / max : 0);
}

export interface ScaleStep {
  /** The step holds magnitudes in [low, high) (the last one includes high). */
  low: number;
  high: number;
  swatch: Swatch;
  label: string;
}

export interface StepScale {
  steps: ScaleStep[];
  /** The step of a magnitude: -1 for none (undefined, zero, or not finite). */
  stepOf(magnitude: number | undefined): number;
}

/** Step widths in decades, smallest first: boundaries stay round numbers (1, 1.78, 3.16, 10…). */
const STEP_DECADES = [0.25, 0.5, 1, 2, 3, 5, 10, 20, 50, 100];

/**
 * A log scale over the positive finite magnitudes given, in at most `ramp.length` steps of a round
 * number of decades, the steps' colours spread over the whole ramp so neighbours differ visibly.
 */
export function logStepScale(magnitudes: readonly number[], ramp: readonly string[] = SEQUENTIAL_RAMP): StepScale {
  const logs = magnitudes.filter(m => m > 0 && Number.isFinite(m)).map(Math.log10);
  if (logs.length === 0) {
    return { steps: [], stepOf: () => -1 };
  }
  // reduce, not Math.min(...logs): a 10,000-node graph would overflow the argument list.
  const lowest = logs.reduce((a, b) => Math.min(a, b));
  const highest = logs.reduce((a, b) => Math.max(a, b));
  const width = STEP_DECADES.find(w => Math.floor(highest / w) - Math.floor(lowest / w) + 1 <= ramp.length) ?? STEP_DECADES[STEP_DECADES.length - 1];
  const first = Math.floor(lowest / width);
  const count = Math.floor(highest / width) - first + 1;
  const steps: ScaleStep[] = [];
  for (let i = 0; i < count; i++) {
    const low = 10 ** ((first + i) * width);
    const high = 10 ** ((first + i + 1) * width);
    const colour = ramp[count === 1 ? ramp.length - 1 : Math.round((i * (ramp.length - 1)) / (count - 1))];
    steps.push({ low, high, swatch: swatch(colour), label: `${formatBoundary(low)} – ${formatBoundary(high)}` });
  }
  const stepOf = (magnitude: number | undefined): number => {
    if (magnitude === undefined || !(magnitude > 0) || !Number.isFinite(magnitude)) {
      return -1;
    }
    const i = Math.floor(Math.log10(magnitude) / width) - first;
    return Math.min(count - 1, Math.max(0, i));
  };
  return { steps, stepOf };
}

/** A step boundary as people read it: 0.001, 1.78, 1000, 1e-7, 3.16e+12. */
export function formatBoundary(x: number): string {
  if (x >= 1e-3 && x < 1e4) {
    return String(Number(x.toPrecision(3)));
  }
  const [mantissa, exponent] = x.toExponential(2).split('e');
  return `${String(Number(mantissa))}e${exponent}`;
}

/** A CSS gradient of a ramp, for legends of the continuous scales. */
export function cssGradient(ramp: readonly string[]): string {
  return `linear-gradient(to right, ${ramp.join(', ')})`;
}
