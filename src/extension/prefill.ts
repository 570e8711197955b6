// What the value prompt proposes for unbound variables: seeded, deterministic random values, of the
// form the text suggests (the left operand of @ a 2×2 matrix, the right operand or an indexed name a
// 2-vector, anything else a scalar). The user edits them before the check runs.

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

function hashName(name: string): number {
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) { h = Math.imul(h ^ name.charCodeAt(i), 16777619); }
  return h >>> 0;
}

/** mulberry32: a small seeded generator, so the same names always get the same proposal. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A value in ±[0.1, 1] with two decimals: never 0, so no gradient vanishes by accident. */
function draw(next: () => number): string {
  const magnitude = 0.1 + Math.round(next() * 90) / 100;
  return (next() < 0.5 ? -magnitude : magnitude).toFixed(2).replace(/0$/, '');
}

export function proposedValue(name: string, text: string, seed = 0): string {
  const next = generator(hashName(name) ^ seed);
  const form = guessForm(name, text);
  if (form === 'scalar') { return draw(next); }
  if (form === 'vector') { return `[${draw(next)}, ${draw(next)}]`; }
  return `[[${draw(next)}, ${draw(next)}], [${draw(next)}, ${draw(next)}]]`;
}

/** `x=0.42, W=[[…]]` for the names, in the order given. */
export function proposeValues(names: readonly string[], text: string, seed = 0): string {
  return names.map(name => `${name}=${proposedValue(name, text, seed)}`).join(', ');
}
