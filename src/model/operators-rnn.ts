// ONNX recurrent layers (RNN, GRU, LSTM, opsets 7 and 14) unrolled over the time steps into engine
// nodes (matmul, add, sigmoid, tanh, gather, concat), so gradients flow back through time by the
// engine's own VJPs. The input projection of every step is one matmul up front; each step then adds
// the recurrent projection of the previous hidden state. ONNX packs gates as LSTM i o f c, GRU z r h.
// With sequence_lens (padded batches), a step past a sequence's length leaves its state as it was
// and writes zeros into Y, so Y_h and Y_c hold the last valid state, and the reverse direction
// starts at each sequence's own last step.
import { InspectError } from '../engine/errors';
import { quoted } from '../engine/excerpt';
import { Converter } from './operators';
import { Tensor } from '../engine/tensor';
import { NodeBuilder, Value, constant } from './values';

type Kind = 'RNN' | 'GRU' | 'LSTM';

const GATES: Record<Kind, number> = { RNN: 1, GRU: 3, LSTM: 4 };

/** The activations each kind uses by default, and the only ones this importer composes. */
const DEFAULT_ACTIVATIONS: Record<Kind, string[]> = { RNN: ['Tanh'], GRU: ['Sigmoid', 'Tanh'], LSTM: ['Sigmoid', 'Tanh', 'Tanh'] };

/**
 * Engine nodes one time step of one direction builds (its gathers, matmuls, adds and gates, and the
 * reshapes and concats stacking it into Y), for the node limit checked before unrolling.
 */
const NODES_PER_STEP: Record<Kind, number> = { RNN: 8, GRU: 23, LSTM: 20 };

/** Engine nodes a padded step adds: the kept hidden state, the kept cell state and the zeroed Y entry. */
const NODES_PER_PADDED_STEP = 3;

const ENGINE_ACTIVATIONS: Record<string, string> = { Tanh: 'tanh', Sigmoid: 'sigmoid', Relu: 'relu' };

/** The sizes and settings of one recurrent node, checked against its inputs. */
interface Layer {
  readonly kind: Kind;
  readonly steps: number;
  readonly batch: number;
  readonly hidden: number;
  readonly directions: ('forward' | 'reverse')[];
  /** Engine op names of the activations per direction (f, g, h in ONNX's terms). */
  readonly activations: string[][];
  /** ONNX opset 14's layout=1: X and Y batch-first. */
  readonly batchFirst: boolean;
  /** The length of each batch entry's sequence (sequence_lens, else all `steps`). */
  readonly lengths: readonly number[];
}

function directionsOf(b: NodeBuilder): ('forward' | 'reverse')[] {
  const direction = b.string('direction', 'forward');
  if (direction === 'forward' || direction === 'reverse') { return [direction]; }
  if (direction === 'bidirectional') { return ['forward', 'reverse']; }
  throw b.error(`direction must be 'forward', 'reverse' or 'bidirectional', found ${quoted(direction)}`, 'model');
}

function activationsOf(b: NodeBuilder, kind: Kind, directions: number): string[][] {
  const defaults = DEFAULT_ACTIVATIONS[kind];
  const given = b.attribute('activations')?.strings;
  const names = given && given.length > 0 ? given : Array.from({ length: directions }, () => defaults).flat();
  if (names.length !== defaults.length * directions) {
    throw b.error(`activations lists ${names.length} functions, expected ${defaults.length * directions} (${defaults.length} per direction)`, 'model');
  }
  if (b.attribute('activation_alpha') || b.attribute('activation_beta')) {
    throw b.error('activation_alpha and activation_beta are not supported', 'unsupported');
  }
  return Array.from({ length: directions }, (_, d) => names.slice(d * defaults.length, (d + 1) * defaults.length).map(name => {
    const op = ENGINE_ACTIVATIONS[name];
    if (!op) { throw b.error(`activation ${quoted(name)} is not supported; expected one of ${Object.keys(ENGINE_ACTIVATIONS).join(', ')}`, 'unsupported'); }
    return op;
  }));
}

function requireShape(b: NodeBuilder, what: string, v: Value, expected: number[]): void {
  const shape = v.tensor.shape;
  if (shape.length !== expected.length || shape.some((d, i) => d !== expected[i])) {
    throw b.error(`${what} has shape (${shape.join(', ')}), expected (${expected.join(', ')})`, 'shape');
  }
}

function layerOf(b: NodeBuilder, kind: Kind): Layer {
  const x = b.requiredInput(0);
  const batchFirst = b.opset >= 14 && b.int('layout', 0) === 1;
  if (x.tensor.rank !== 3) { throw b.error(`X has rank ${x.tensor.rank}, expected 3 (${batchFirst ? 'batch, steps' : 'steps, batch'}, input)`, 'shape'); }
  const [steps, batch, inputSize] = batchFirst ? [x.tensor.shape[1], x.tensor.shape[0], x.tensor.shape[2]] : x.tensor.shape;
  const directions = directionsOf(b);
  const w = b.requiredInput(1);
  const gates = GATES[kind];
  const hidden = b.int('hidden_size', w.tensor.shape[1] / gates);
  if (!Number.isInteger(hidden) || hidden < 1) { throw b.error(`hidden_size must be a positive integer, found ${hidden}`, 'model'); }
  requireShape(b, 'W', w, [directions.length, gates * hidden, inputSize]);
  requireShape(b, 'R', b.requiredInput(2), [directions.length, gates * hidden, hidden]);
  const bias = b.input(3);
  if (bias) { requireShape(b, 'B', bias, [directions.length, 2 * gates * hidden]); }
  if (b.attribute('clip')) { throw b.error('the clip attribute is not supported', 'unsupported'); }
  if (kind === 'LSTM' && b.int('input_forget', 0) !== 0) { throw b.error('input_forget=1 is not supported', 'unsupported'); }
  if (kind === 'LSTM' && b.input(7)) { throw b.error('peephole weights (input P) are not supported', 'unsupported'); }
  const lengths = sequenceLengths(b, steps, batch);
  return { kind, steps, batch, hidden, directions, activations: activationsOf(b, kind, directions.length), batchFirst, lengths };
}

/** sequence_lens (batch), each from 1 to the steps of X; all `steps` when omitted. */
function sequenceLengths(b: NodeBuilder, steps: number, batch: number): number[] {
  const given = b.input(4);
  if (!given) { return new Array<number>(batch).fill(steps); }
  const lengths = b.constInts(given, 'sequence_lens');
  if (lengths.length !== batch || lengths.some(v => v < 1 || v > steps)) {
    throw b.error(`sequence_lens (${lengths.join(', ')}) must give each of the ${batch} sequences a length from 1 to ${steps}`, 'shape');
  }
  return lengths;
}

/** Which sequences step t belongs to, as a (batch, 1) condition; undefined when all do. */
function validAt(layer: Layer, t: number): Value | undefined {
  if (layer.lengths.every(length => t < length)) { return undefined; }
  return constant(new Tensor([layer.batch, 1], Float64Array.from(layer.lengths, length => (t < length ? 1 : 0))), true);
}

/** Refuses an unrolling that would cross the node limit before building any of it. */
function requireNodeRoom(b: NodeBuilder, layer: Layer): void {
  const budget = b.graph.budget;
  // Steps from the shortest sequence's length on have padding (validAt gives them a condition).
  const paddedSteps = layer.steps - Math.min(layer.steps, ...layer.lengths);
  const needed = layer.directions.length * (layer.steps * NODES_PER_STEP[layer.kind] + paddedSteps * NODES_PER_PADDED_STEP);
  if (budget.nodeCount + needed > budget.maxNodes) {
    throw new InspectError(`unrolled over ${layer.steps} time steps in ${layer.directions.length} direction(s), ${layer.kind} needs about ${needed} engine nodes, over the node limit of ${budget.maxNodes} (${budget.nodeCount} already built)`, 'limit', undefined, undefined, b.where);
  }
}

/** Row d of a (directions, …) tensor, without its leading axis. */
const directionOf = (b: NodeBuilder, v: Value, d: number): Value => b.apply('gather', [v], { axis: 0, indices: [d], indicesShape: [] });

/** Columns [start, start + count) of the last axis. */
function columns(b: NodeBuilder, v: Value, start: number, count: number): Value {
  return b.apply('gather', [v], { axis: v.tensor.rank - 1, indices: Array.from({ length: count }, (_, i) => start + i), indicesShape: [count] });
}

/** The initial state (input i) of direction d, else zeros (batch, hidden). */
function initialState(b: NodeBuilder, layer: Layer, i: number, d: number): Value {
  const given = b.input(i);
  if (!given) { return b.apply('broadcast_to', [b.scalar(0)], { shape: [layer.batch, layer.hidden] }); }
  const expected = layer.batchFirst ? [layer.batch, layer.directions.length, layer.hidden] : [layer.directions.length, layer.batch, layer.hidden];
  requireShape(b, i === 5 ? 'initial_h' : 'initial_c', given, expected);
  return layer.batchFirst ? b.apply('gather', [given], { axis: 1, indices: [d], indicesShape: [] }) : directionOf(b, given, d);
}

/** The weights of one direction: W and R transposed for x·Wᵀ, and the two bias halves. */
interface DirectionWeights {
  readonly inputWeights: Value;
  readonly recurrentWeights: Value;
  readonly inputBias?: Value;
  readonly recurrentBias?: Value;
}

function weightsOf(b: NodeBuilder, layer: Layer, d: number): DirectionWeights {
  const width = GATES[layer.kind] * layer.hidden;
  const transposed = (v: Value): Value => b.apply('transpose', [directionOf(b, v, d)], { axes: [1, 0] });
  const bias = b.input(3);
  const row = bias ? directionOf(b, bias, d) : undefined;
  return {
    inputWeights: transposed(b.requiredInput(1)),
    recurrentWeights: transposed(b.requiredInput(2)),
    inputBias: row && columns(b, row, 0, width),
    recurrentBias: row && columns(b, row, width, width),
  };
}

const plus = (b: NodeBuilder, x: Value, bias: Value | undefined): Value => (bias ? b.apply('add', [x, bias]) : x);

/** The hidden (and LSTM cell) state after one step, from the step's input projection x·Wᵀ + Wb. */
type Step = (projected: Value, state: { h: Value; c: Value }) => { h: Value; c: Value };

function stepOf(b: NodeBuilder, layer: Layer, w: DirectionWeights, activations: string[]): Step {
  const H = layer.hidden;
  const gate = (v: Value, k: number): Value => columns(b, v, k * H, H);
  const act = (i: number, v: Value): Value => b.apply(activations[i], [v]);
  const recurrent = (h: Value): Value => plus(b, b.apply('matmul', [h, w.recurrentWeights]), w.recurrentBias);
  switch (layer.kind) {
    case 'RNN':
      return (x, { h, c }) => ({ h: act(0, b.apply('add', [x, recurrent(h)])), c });
    case 'LSTM':
      return (x, { h, c }) => {
        const gates = b.apply('add', [x, recurrent(h)]);
        const [i, o, f] = [0, 1, 2].map(k => act(0, gate(gates, k)));
        const cell = b.apply('add', [b.apply('mul', [f, c]), b.apply('mul', [i, act(1, gate(gates, 3))])]);
        return { h: b.apply('mul', [o, act(2, cell)]), c: cell };
      };
    case 'GRU': {
      const linearBeforeReset = b.int('linear_before_reset', 0) !== 0;
      const perGate = [0, 1, 2].map(k => ({ weights: columns(b, w.recurrentWeights, k * H, H), bias: w.recurrentBias && gate(w.recurrentBias, k) }));
      const rWeights = (k: number): Value => perGate[k].weights;
      const rBias = (k: number): Value | undefined => perGate[k].bias;
      return (x, { h, c }) => {
        const [z, r] = [0, 1].map(k => act(0, b.apply('add', [gate(x, k), plus(b, b.apply('matmul', [h, rWeights(k)]), rBias(k))])));
        const candidateRecurrent = linearBeforeReset
          ? b.apply('mul', [r, plus(b, b.apply('matmul', [h, rWeights(2)]), rBias(2))])
          : plus(b, b.apply('matmul', [b.apply('mul', [r, h]), rWeights(2)]), rBias(2));
        const n = act(1, b.apply('add', [gate(x, 2), candidateRecurrent]));
        // (1 − z)·n + z·h, written n + z·(h − n)
        return { h: b.apply('add', [n, b.apply('mul', [z, b.apply('sub', [h, n])])]), c };
      };
    }
  }
}

/** Runs one direction over the sequence: the hidden state of every step (in time order) and the last states. */
function runDirection(b: NodeBuilder, layer: Layer, d: number): { hs: Value[]; h: Value; c: Value } {
  const w = weightsOf(b, layer, d);
  const x = b.requiredInput(0);
  const timeMajor = layer.batchFirst ? b.apply('transpose', [x], { axes: [1, 0, 2] }) : x;
  const projected = plus(b, b.apply('matmul', [timeMajor, w.inputWeights]), w.inputBias);
  const step = stepOf(b, layer, w, layer.activations[d]);
  let state = { h: initialState(b, layer, 5, d), c: initialState(b, layer, 6, d) };
  const hs: Value[] = new Array<Value>(layer.steps);
  const order = Array.from({ length: layer.steps }, (_, t) => (layer.directions[d] === 'reverse' ? layer.steps - 1 - t : t));
  for (const t of order) {
    const next = step(directionOf(b, projected, t), state);
    const valid = validAt(layer, t);
    if (valid) {
      const keep = (updated: Value, previous: Value): Value => (updated === previous ? updated : b.apply('where', [valid, updated, previous]));
      state = { h: keep(next.h, state.h), c: keep(next.c, state.c) };
      hs[t] = b.apply('where', [valid, next.h, b.scalar(0)]);
    } else {
      state = next;
      hs[t] = state.h;
    }
  }
  return { hs, ...state };
}

/** Stacks (batch, hidden) states into the output layout: Y (steps, dirs, batch, hidden) or batch-first (batch, steps, dirs, hidden). */
function stack(b: NodeBuilder, states: Value[], axis: number, shape: number[]): Value {
  return b.apply('concat', states.map(s => b.apply('reshape', [s], { shape })), { axis });
}

function recurrent(kind: Kind): Converter {
  return b => {
    const layer = layerOf(b, kind);
    requireNodeRoom(b, layer);
    const runs = layer.directions.map((_, d) => runDirection(b, layer, d));
    const { batch, hidden, steps } = layer;
    const dirs = layer.directions.length;
    const y = layer.batchFirst
      ? stack(b, Array.from({ length: steps }, (_, t) => stack(b, runs.map(r => r.hs[t]), 2, [batch, 1, 1, hidden])), 1, [batch, 1, dirs, hidden])
      : stack(b, Array.from({ length: steps }, (_, t) => stack(b, runs.map(r => r.hs[t]), 1, [1, 1, batch, hidden])), 0, [1, dirs, batch, hidden]);
    const last = (pick: (r: { h: Value; c: Value }) => Value): Value => (layer.batchFirst
      ? stack(b, runs.map(pick), 1, [batch, 1, hidden])
      : stack(b, runs.map(pick), 0, [1, batch, hidden]));
    return kind === 'LSTM' ? [y, last(r => r.h), last(r => r.c)] : [y, last(r => r.h)];
  };
}

export const rnnConverters: Record<string, Converter> = {
  RNN: recurrent('RNN'),
  GRU: recurrent('GRU'),
  LSTM: recurrent('LSTM'),
};
