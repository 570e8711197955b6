// What the value prompt proposes for unbound variables: seeded, deterministic random values, of the
// form the text suggests (the left operand of @ a 2×2 matrix, the right operand or an indexed name a
// 2-vector, anything else a scalar). The user edits them before the check runs.
import { seedFromName, uniformGenerator } from '../engine/random';

type Form = 'scalar' | 'vector' | 'matrix';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function guessForm(name: string, text: string): Form {
  const n = escapeRegExp(name);
  if (new RegExp(`(?<![\\w.])${n}\\s*@`).test(text)) { return 'matrix'; }
  if (new RegExp(`@\\s*${n}(?![\\w.])`).test(text) || new RegExp(`(?<![\\w.])${n}\\s*\\[`).test(text)) { return 'vector'; }
  return 'scalar';
}

/** A value in ±[0.1, 1] with two decimals: never 0, so no gradient vanishes by accident. */
function draw(next: () => number): string {
  const magnitude = 0.1 + Math.round(next() * 90) / 100;
  return (next() < 0.5 ? -magnitude : magnitude).toFixed(2).replace(/0$/, '');
}

export function proposedValue(name: string, text: string, seed = 0): string {
  const next = uniformGenerator(seedFromName(name) ^ seed);
  const form = guessForm(name, text);
  if (form === 'scalar') { return draw(next); }
  if (form === 'vector') { return `[${draw(next)}, ${draw(next)}]`; }
  return `[[${draw(next)}, ${draw(next)}], [${draw(next)}, ${draw(next)}]]`;
}

/** `x=0.42, W=[[…]]` for the names, in the order given. */
export function proposeValues(names: readonly string[], text: string, seed = 0): string {
  return names.map(name => `${name}=${proposedValue(name, text, seed)}`).join(', ');
}
