// inspect() on a block taken from a file or a document, as the CLI and the extension both run it:
// names the block uses without defining them are looked up in the source's literal assignments
// (a selection of `(x + y) * z` in a file that sets x, y, z) before they are reported unbound.
import { InspectError } from './engine/errors';
import { inspect, Inspection, InspectOptions } from './inspect';
import { assignedValues } from './io/assignments';
import type { AnalysedBlock } from './io/block';
import type { SourceLines } from './io/source-lines';
import { Bindings, parseBindings } from './lang/bindings';

/** Values for names a block leaves unbound (a paused debug frame, the values the user gave…). */
export type UnboundLookup = (names: readonly string[]) => Bindings | Promise<Bindings>;

/**
 * inspect() on `block` of `source`; `bindings` receives the values found. Names left unbound are
 * looked up in `lookups` in order (each asked once, for the names still unbound when its turn
 * comes), then in the source's literal assignments.
 */
export async function inspectAnalysedBlock(source: SourceLines, block: AnalysedBlock, bindings: Bindings, options: Omit<InspectOptions, 'bindings'>, lookups: readonly UnboundLookup[] = []): Promise<Inspection> {
  const input = { kind: 'text', text: block.text, language: block.language } as const;
  const pending: UnboundLookup[] = [...lookups, names => assignedBindings(source, block, names)];
  for (;;) {
    try {
      return await inspect(input, { ...options, bindings });
    } catch (err) {
      if (!(err instanceof InspectError && err.kind === 'unbound')) { throw err; }
      const found = await firstFound(pending, (err.detail ?? []).filter(name => !bindings.has(name)));
      if (found.size === 0) { throw err; }
      for (const [name, value] of found) { bindings.set(name, value); }
    }
  }
}

/** Asks the pending lookups in turn (removing each) until one finds some of the names. */
async function firstFound(pending: UnboundLookup[], names: readonly string[]): Promise<Bindings> {
  for (let lookup = pending.shift(); lookup !== undefined && names.length > 0; lookup = pending.shift()) {
    const found = await lookup(names);
    if (found.size > 0) { return found; }
  }
  return new Map();
}

function assignedBindings(source: SourceLines, block: AnalysedBlock, names: readonly string[]): Bindings {
  const bindings: Bindings = new Map();
  if (names.length === 0) { return bindings; }
  for (const [name, value] of assignedValues(source, names, source.lineOf(block.docStart))) {
    try {
      for (const [bound, tensor] of parseBindings(`${name}=${value}`)) { bindings.set(bound, tensor); }
    } catch {
      // Not a value parseBindings reads after all: the caller asks for it or reports it unbound.
    }
  }
  return bindings;
}
