// The CLI's "Gradient flow" table: one row per layer in depth order, all of them for a small model,
// else a sample through depth (first and last included) and every flagged layer; then the rules of
// the flags that were raised. Every cell goes through visibleLine (names come from the file).
import { LayerFlow } from './engine/gradient-flow';
import { FLAG_RULES, LayerFlag } from './engine/gradient-flow-rules';
import { formatNumber } from './format';
import { Inspection } from './inspect';
import { visibleLine } from './visible-text';

/** Rows shown when nothing is flagged; flagged layers are added to them. */
export const FLOW_SAMPLE_ROWS = 12;
/** Flagged rows shown at most; --json has them all. */
export const FLOW_FLAGGED_ROWS = 40;

export function gradientFlowLines(inspection: Inspection, digits: number, table: (rows: string[][]) => string[]): string[] {
  const layers = inspection.layers;
  if (!layers || layers.length === 0) { return []; }
  const fmt = (x: number | undefined): string => (x === undefined ? '-' : formatNumber(x, digits));
  const shown = shownLayers(layers);
  const rows = [['layer', 'depth', 'activation', 'gradient', 'max |g|/|w|', 'dead ReLU', 'saturated', 'flags']];
  for (const layer of shown) {
    const ratios = layer.parameters.map(p => p.ratio).filter(r => !Number.isNaN(r));
    rows.push([visibleLine(layer.name), String(layer.depth), fmt(layer.activationNorm), fmt(layer.gradientNorm),
      ratios.length > 0 ? fmt(Math.max(...ratios)) : '-', fmt(layer.deadReluFraction), fmt(layer.saturatedFraction), layer.flags.join(', ')]);
  }
  const flagged = layers.filter(l => l.flags.length > 0).length;
  const count = shown.length === layers.length ? `${layers.length} layers` : `${shown.length} of ${layers.length} layers (a sample through depth and the flagged ones; --json has all)`;
  const out = [`Gradient flow: ${count}, ${flagged} flagged; norms are Euclidean, gradients of the loss with respect to each layer's output`];
  out.push(...table(rows));
  const basis = deadReluBasis(inspection, layers);
  if (basis) { out.push(basis); }
  const raised = new Set(layers.flatMap(l => l.flags));
  for (const flag of Object.keys(FLAG_RULES) as LayerFlag[]) {
    if (raised.has(flag)) { out.push(`${flag}: ${FLAG_RULES[flag]}`); }
  }
  return out;
}

function shownLayers(layers: readonly LayerFlow[]): LayerFlow[] {
  if (layers.length <= FLOW_SAMPLE_ROWS) { return [...layers]; }
  const picked = new Set<number>();
  for (let k = 0; k < FLOW_SAMPLE_ROWS; k++) { picked.add(Math.round((k * (layers.length - 1)) / (FLOW_SAMPLE_ROWS - 1))); }
  let flagged = 0;
  layers.forEach((layer, i) => {
    if (layer.flags.length > 0 && flagged < FLOW_FLAGGED_ROWS) {
      flagged++;
      picked.add(i);
    }
  });
  return [...picked].sort((a, b) => a - b).map(i => layers[i]);
}

function deadReluBasis(inspection: Inspection, layers: readonly LayerFlow[]): string | undefined {
  const bases = new Set(layers.map(l => l.deadReluBasis).filter(b => b !== undefined));
  if (bases.size === 0) { return undefined; }
  const axis = inspection.batchAxis;
  const perUnit = axis ? `dead ReLU: per unit, zero on all ${axis.size} samples of the batch axis ${visibleLine(axis.name)}` : undefined;
  if (bases.size === 1 && bases.has('unit')) { return perUnit; }
  const perEntry = axis ? 'per entry where the output\'s axis 0 is not the batch' : 'per entry (the model declares no batch axis)';
  return bases.has('unit') ? `${perUnit}; ${perEntry}` : `dead ReLU: ${perEntry}`;
}
