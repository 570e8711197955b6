// The Graph toolbar's "Colour by" choice and the legend drawn from the same scale as the boxes, so
// the two cannot disagree.
import type { StepScale, Swatch } from '../colour-scale';
import { custom, el } from '../dom';
import { COLOUR_MODE_LEGENDS, COLOUR_MODE_NAMES, COLOUR_MODES, type ColourMode } from '../graph/node-colour';

export function colourModePicker(initial: ColourMode, onChange: (mode: ColourMode) => void): HTMLElement[] {
  const picker = custom('vscode-dropdown', { id: 'graph-colour', 'aria-label': 'Colour the boxes by' },
    ...COLOUR_MODES.map(mode => custom('vscode-option', mode === initial ? { value: mode, selected: '' } : { value: mode }, COLOUR_MODE_NAMES[mode])));
  picker.addEventListener('change', () => {
    const value = (picker as HTMLElement & { value?: string }).value;
    const mode = COLOUR_MODES.find(m => m === value);
    if (mode !== undefined) {
      onChange(mode);
    }
  });
  return [el('label', { for: 'graph-colour', class: 'toolbar-label' }, 'Colour by'), picker];
}

function legendSwatch(colour: Swatch, label: string): HTMLElement {
  const box = el('span', { class: 'swatch' });
  box.style.background = colour.fill;
  return el('span', { class: 'legend-item' }, box, label);
}

/** The legend's items: title, "none" entry, one entry per step of the scale, then the shapes. */
export function colourLegend(mode: ColourMode, scale: Pick<StepScale, 'steps'>, none: Swatch): HTMLElement[] {
  const words = COLOUR_MODE_LEGENDS[mode];
  return [
    el('span', { class: 'legend-title' }, words.title),
    legendSwatch(none, words.none),
    ...scale.steps.map(step => legendSwatch(step.swatch, step.label)),
    el('span', { class: 'legend-item' }, 'Rounded: input · double border: output · ✓ passed / ✗ failed check · ⚠ kink · dotted red: NaN/∞ · ⊞ folded group (×n: bundled edges)'),
  ];
}
