// Reads the named variables of a paused frame through an evaluator (the Debug Adapter Protocol's
// `evaluate`, supplied by the extension): numbers and arrays in chunks, and for arrays above the
// size limit a seeded stand-in with the same shape, mean and spread. Plain TypeScript.
import { excerpt } from '../engine/excerpt';
import { normalGenerator, seedFromName } from '../engine/random';
import { shapeToString, sizeOf, Tensor } from '../engine/tensor';
import type { Bindings } from '../lang/bindings';
import { isPlainPythonName, parseValueAnswer, pythonValueExpression, ValueAnswer } from './python-value';

/** Entries per evaluate request: the answer stays under debugpy's 64 KiB limit on a string's repr. */
export const CHUNK_ENTRIES = 2000;
/** A stand-in is never larger than this (32 MiB of float64), whatever the frame's tensor. */
export const MAX_STAND_IN_ENTRIES = 4 * 1024 * 1024;

/** The debugger's messages are shown up to this long. */
const MAX_MESSAGE_CHARACTERS = 200;

/** Evaluates an expression in the paused frame; rejects with the adapter's message. */
export type FrameEvaluator = (expression: string) => Promise<string>;

export interface StandIn {
  name: string;
  shape: number[];
  dtype: string;
  summary: { min: number; max: number; mean: number; std: number };
}

export interface FrameValues {
  bindings: Bindings;
  /** Names read from the frame, stand-ins included. */
  read: string[];
  standIns: StandIn[];
  /** Names that could not be read, with the adapter's (or our) reason. */
  unreadable: { name: string; message: string }[];
}

export async function readFrameValues(names: readonly string[], evaluate: FrameEvaluator, maxEntries: number): Promise<FrameValues> {
  const result: FrameValues = { bindings: new Map(), read: [], standIns: [], unreadable: [] };
  for (const name of names) {
    if (!isPlainPythonName(name)) {
      result.unreadable.push({ name, message: 'not a plain Python name, so it is not looked up in the frame' });
      continue;
    }
    try {
      const value = await readOne(name, evaluate, maxEntries);
      if ('reason' in value) {
        result.unreadable.push({ name, message: value.reason });
        continue;
      }
      result.bindings.set(name, value.tensor);
      result.read.push(name);
      if (value.standIn) { result.standIns.push(value.standIn); }
    } catch (err) {
      result.unreadable.push({ name, message: excerpt(err instanceof Error ? err.message : String(err), MAX_MESSAGE_CHARACTERS) });
    }
  }
  return result;
}

type ReadValue = { tensor: Tensor; standIn?: StandIn } | { reason: string };

async function readOne(name: string, evaluate: FrameEvaluator, maxEntries: number): Promise<ReadValue> {
  const ask = async (start: number): Promise<ValueAnswer> =>
    parseValueAnswer(await evaluate(pythonValueExpression({ name, start, count: CHUNK_ENTRIES, maxEntries })));
  const first = await ask(0);
  switch (first.kind) {
    case 'refused': return { reason: first.reason };
    case 'number': return { tensor: Tensor.scalar(first.value) };
    case 'summary': return standIn(name, first);
    case 'data': break;
  }
  const size = sizeOf(first.shape);
  if (size > maxEntries) { throw new Error(`the debugger sent ${size} entries, above the limit of ${maxEntries}`); }
  const data = new Float64Array(size);
  let filled = 0;
  for (let answer: ValueAnswer = first; ;) {
    if (answer.kind !== 'data' || shapeToString(answer.shape) !== shapeToString(first.shape)) {
      throw new Error('the value changed while it was read');
    }
    const expected = Math.min(CHUNK_ENTRIES, size - filled);
    if (answer.entries.length !== expected) { throw new Error(`the debugger sent ${answer.entries.length} entries where ${expected} were expected`); }
    data.set(answer.entries, filled);
    filled += expected;
    if (filled === size) { break; }
    answer = await ask(filled);
  }
  return { tensor: new Tensor(first.shape, data) };
}

/** Same shape; entries drawn from N(mean, std²) by a generator seeded with the name, kept in [min, max]. */
function standIn(name: string, summary: Extract<ValueAnswer, { kind: 'summary' }>): ReadValue {
  const size = sizeOf(summary.shape);
  if (size > MAX_STAND_IN_ENTRIES) {
    return { reason: `it has ${size} entries (shape ${shapeToString(summary.shape)}); even a stand-in is limited to ${MAX_STAND_IN_ENTRIES}` };
  }
  const { min, max, mean, std } = summary;
  if (![min, max, mean, std].every(Number.isFinite)) {
    return { reason: `it is above the size limit and holds non-finite values (min ${min}, max ${max}), so no stand-in can stand for it` };
  }
  const tensor = new Tensor(summary.shape);
  const draw = normalGenerator(seedFromName(name));
  for (let i = 0; i < size; i++) {
    tensor.data[i] = Math.min(max, Math.max(min, mean + std * draw()));
  }
  return {
    tensor,
    standIn: { name, shape: summary.shape, dtype: summary.dtype, summary: { min, max, mean, std } },
  };
}
