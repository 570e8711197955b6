// The Memory tab: what backpropagation keeps, against the rule of thumb, and what √n gradient
// checkpointing would change.
import type { WireMemory } from '../../src/protocol';
import { clear, el } from '../dom';
import { formatBytes, formatPercent } from '../format';

interface Bar {
  label: string;
  bytes: number;
  kind: string;
  note: string;
}

export class MemoryView {
  readonly element = el('section', { class: 'memory-view' });

  show(memory: WireMemory): void {
    clear(this.element);
    const used = memory.parameterBytes + memory.intermediateBytes + memory.gradientBytes;
    const bars: Bar[] = [
      { label: 'Parameters', bytes: memory.parameterBytes, kind: 'parameters', note: `${memory.parameterCount} values (the model)` },
      { label: 'Gradients', bytes: memory.gradientBytes, kind: 'gradients', note: 'one per parameter' },
      { label: 'Stored intermediates', bytes: memory.intermediateBytes, kind: 'intermediates', note: `kept by ${memory.opNodes} op nodes for the backward pass` },
      { label: 'Total for training', bytes: used, kind: 'total', note: 'parameters + gradients + intermediates' },
      { label: 'Rule of thumb', bytes: memory.ruleOfThumbBytes, kind: 'rule', note: 'model + 2 × model = 3 × parameters' },
    ];
    const largest = Math.max(1, ...bars.map(b => b.bytes));
    const chart = el('div', { class: 'bar-chart', role: 'list', 'aria-label': 'Memory by kind' },
      ...bars.map(bar => barRow(bar, largest)));
    const ratio = memory.ruleOfThumbBytes > 0 ? used / memory.ruleOfThumbBytes : NaN;
    const comparison = Number.isFinite(ratio)
      ? `Training needs ${formatBytes(used)}, ${ratio.toFixed(2)}× the rule of thumb (training ≈ model + 2× model). `
        + (ratio > 1 ? 'Activations dominate: the intermediates outweigh the parameters.' : 'The parameters dominate, as the rule of thumb assumes.')
      : `Training needs ${formatBytes(used)}; with no parameters the rule of thumb says nothing.`;
    const c = memory.checkpointing;
    const checkpointing = el('div', { class: 'checkpointing' },
      el('h3', {}, 'Gradient checkpointing (√n)'),
      el('p', {}, `Keeping one intermediate in every ${c.every} (√${memory.opNodes} op nodes ≈ ${c.every}) and recomputing the others during the backward pass `
        + `stores ${formatBytes(c.storedBytes)} instead of ${formatBytes(memory.intermediateBytes)}: `
        + `it saves ${formatBytes(c.savedBytes)} (${formatPercent(memory.intermediateBytes > 0 ? c.savedBytes / memory.intermediateBytes : 0)} of the intermediates).`),
      el('p', {}, `The cost: ${c.extraForwardOps} extra op evaluations, about ${formatPercent(c.extraForwardFraction)} more forward work.`),
    );
    const details = el('p', { class: 'caption' },
      `Adjoints of every node during backward: ${formatBytes(memory.allAdjointBytes)} · constants: ${formatBytes(memory.constantBytes)} · `
      + `everything: ${formatBytes(memory.totalBytes)}. Sizes are float64 (8 bytes per entry).`);
    this.element.append(el('p', {}, comparison), chart, checkpointing, details);
  }

  text(): string {
    return Array.from(this.element.querySelectorAll('p, h3, .bar-row')).map(e => (e.textContent ?? '').replace(/\s+/g, ' ').trim()).join('\n');
  }
}

function barRow(bar: Bar, largest: number): HTMLElement {
  const fill = el('div', { class: `bar-fill bar-${bar.kind}` });
  fill.style.width = `${Math.max(bar.bytes > 0 ? 0.5 : 0, (bar.bytes / largest) * 100)}%`;
  return el('div', { class: 'bar-row', role: 'listitem' },
    el('span', { class: 'bar-label' }, bar.label),
    el('div', { class: 'bar-track', 'aria-hidden': 'true' }, fill),
    el('span', { class: 'bar-value' }, ` ${formatBytes(bar.bytes)} `),
    el('span', { class: 'bar-note' }, bar.note));
}
