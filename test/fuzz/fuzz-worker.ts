// The sandbox side: runs one request at a time through the real entry points and posts back what
// happened. It runs in a worker thread so that a hang or a runaway allocation is stopped by the
// parent (terminate) instead of stalling the test run.
import { parentPort } from 'worker_threads';
import { InspectError } from '../../src/engine/errors';
import { Nested, Tensor } from '../../src/engine/tensor';
import { analysedBlock } from '../../src/io/block';
import { markdownDocument, scopeOf } from '../../src/io/latex-scope';
import { inspect, InspectInput, InspectOptions } from '../../src/inspect';
import { Bindings, parseBindings } from '../../src/lang/bindings';
import { findMathSpan } from '../../src/lang/latex-span';
import { FoundSpan, MisbehaveRequest, Outcome, SandboxRequest } from './requests';
import { recursionDepth } from './stack-depth';
import { DEFAULT_BINDINGS } from './text-inputs';
import { textLines } from '../../src/io/source-lines';

/**
 * The memory budget of damaged models: every fixture checks within 16 MiB, and a flipped size or
 * scale (a Resize's 4 becoming 32772) can ask for a model that is valid but too big to check within
 * the sandbox's time bound; the budget refuses it before the work, as it would a real one over
 * the user's limit.
 */
const DAMAGED_MODEL_MEMORY_MIB = 64;

/**
 * The memory budget of generated text: the traced programs' loops can build arrays close to the
 * default 1 GiB budget input after input, and the worker's heap (bounded at 2 GB resident) does not
 * shrink as fast as it grows. Every generated program that stays small checks well within this.
 */
const TEXT_MEMORY_MIB = 128;

/** Stack lines kept in a crash report: enough to see the stage. */
const STACK_LINES = 8;

async function run(request: SandboxRequest): Promise<Outcome> {
  let textLength = 0;
  let span: FoundSpan | undefined;
  try {
    switch (request.target) {
      case 'text':
        textLength = request.text.length;
        return ok(await inspect({ kind: 'text', text: request.text, language: request.language }, { bindings: toBindings(request.bindings), memoryMiB: TEXT_MEMORY_MIB }));
      case 'markdown': {
        textLength = request.document.length;
        span = mathSpan(request.document, request.cursor);
        const lines = textLines(request.document);
        const block = analysedBlock(lines, 'markdown', request.cursor, request.cursor);
        if (!block) { return { kind: 'ok', notes: [], span }; }
        // The document's definitions are in scope, as in the CLI and the extension.
        const latex = scopeOf(block, markdownDocument(lines));
        const bindings = toBindings(DEFAULT_BINDINGS);
        // A values line's errors point into the values text; the block's, into the block's text.
        textLength = block.valuesText?.length ?? 0;
        for (const [name, value] of block.valuesText ? parseBindings(block.valuesText) : []) { bindings.set(name, value); }
        textLength = block.text.length;
        const inspection = await inspect({ kind: 'text', text: block.text, language: block.language }, { bindings, latex });
        return { kind: 'ok', notes: inspection.notes, span };
      }
      case 'values':
        textLength = request.text.length;
        parseBindings(request.text);
        return { kind: 'ok', notes: [] };
      case 'onnx': {
        const input: InspectInput = { kind: 'onnx', bytes: request.bytes, fileName: 'fuzz.onnx' };
        const options: InspectOptions = { model: { inputs: request.inputs }, check: { mode: 'fast' }, memoryMiB: DAMAGED_MODEL_MEMORY_MIB };
        return ok(await inspect(input, options));
      }
      case 'misbehave':
        return misbehave(request.how);
    }
  } catch (err) {
    if (err instanceof InspectError) {
      const { kind, message, expected, range, node } = err;
      return { kind: 'rejected', error: { kind, message, expected, range: range && { start: range.start, end: range.end }, node }, textLength, span };
    }
    const e = err instanceof Error ? err : new Error(String(err));
    return { kind: 'crashed', name: e.name, message: e.message.slice(0, 500), stack: (e.stack ?? '').split('\n').slice(0, STACK_LINES).join('\n') };
  }
}

/** What the sandbox must survive, on demand, so that its tests need no real bug. */
function misbehave(how: MisbehaveRequest['how']): Outcome {
  if (how === 'throw') { throw new TypeError('misbehaving on purpose'); }
  if (how === 'recurse') {
    const recurse = (n: number): number => recurse(n + 1) + 1;
    return { kind: 'ok', notes: [String(recurse(0))] };
  }
  if (how === 'measure-stack') { return { kind: 'ok', notes: [String(recursionDepth())] }; }
  if (how === 'hoard') {
    // Keeps 64 MiB after 64 MiB, touched so it is resident, until the sandbox stops the worker.
    const hoard: Float64Array[] = [];
    for (;;) { hoard.push(new Float64Array(8 * 1024 ** 2).fill(hoard.length + 1)); }
  }
  for (;;) { /* spins until the sandbox terminates the worker */ }
}

function ok(inspection: { notes: string[] }): Outcome {
  return { kind: 'ok', notes: inspection.notes };
}

function mathSpan(document: string, cursor: number): FoundSpan | undefined {
  const found = findMathSpan(document, cursor);
  return found && { start: found.start, end: found.end, innerStart: found.inner.start, innerEnd: found.inner.end };
}

function toBindings(values: Record<string, Nested>): Bindings {
  return new Map(Object.entries(values).map(([name, value]) => [name, Tensor.fromNested(value)]));
}

const port = parentPort;
if (port) {
  port.on('message', (request: SandboxRequest) => { void run(request).then(outcome => port.postMessage(outcome)); });
  port.postMessage('ready');
}
