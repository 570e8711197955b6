// What one inspection may build: a node count and a memory budget, checked while building and
// before allocating, so a hostile or oversized input is refused in milliseconds instead of
// exhausting the process. One Budget per inspect(); every place that reads text, adds a node or
// allocates a tensor asks it first. Estimates are from sizes and shapes, never from allocations.
import { InspectError, SourceRange } from './errors';
import { Shape } from './tensor';

export const DEFAULT_MAX_NODES = 1_000_000;
/** Keeps the process under about 2 GB resident: the estimates below are upper bounds (measured). */
export const DEFAULT_MEMORY_MIB = 1024;

/**
 * Bytes one tensor entry may cost over a whole inspection, 6 × 8 (float64): its value, its adjoint,
 * a private copy when fan-out accumulates into that adjoint, the gradient check's re-evaluated
 * copy, and the branch signatures the check keeps of both the + and − evaluations (kinked ops).
 */
export const BYTES_PER_ENTRY = 48;
/**
 * Bytes one graph node costs beyond its entries: the node object, a scalar tensor's own buffers,
 * symbolic derivatives and the check's bookkeeping. Measured: a 1,000,000-node scalar chain peaks
 * 1.3 GB above what its text took to parse (1.78 GB resident in all).
 */
export const BYTES_PER_NODE = 1536;
/**
 * Bytes one character of source text may cost while it is read: tokens and the syntax tree
 * (measured about 220) and, as a margin, the graph those tokens are about to become. Charged before
 * lexing, so a 16 MB file is refused before a single token exists.
 */
export const BYTES_PER_TEXT_CHARACTER = 512;

/**
 * Bytes one byte of a model file may cost while it is decoded: packed repeated fields become arrays
 * of 8-byte numbers, and a one-byte varint is the worst case. Charged before decoding.
 */
export const BYTES_PER_MODEL_BYTE = 8;

const MAX_NODES_SETTING = 'gradientInspector.limits.maxNodes (CLI: --max-nodes)';
const MEMORY_SETTING = 'gradientInspector.limits.memoryMiB (CLI: --memory-mib)';

export interface LimitSettings {
  /** Refuse the node that would make the graph larger than this. */
  maxNodes?: number;
  /** Memory budget in MiB for values, adjoints, the check's copies, nodes and text. */
  memoryMiB?: number;
}

/** Where a charge applies, for the refusal: a range in the text, or a model node. */
export interface Place {
  range?: SourceRange;
  node?: string;
}

export class Budget {
  readonly maxNodes: number;
  readonly memoryBytes: number;
  private nodes = 0;
  private reserved = 0;

  constructor(settings: LimitSettings = {}) {
    this.maxNodes = settings.maxNodes ?? DEFAULT_MAX_NODES;
    this.memoryBytes = (settings.memoryMiB ?? DEFAULT_MEMORY_MIB) * 1024 * 1024;
  }

  /** No limits: for engine code and tests that build graphs directly. */
  static unlimited(): Budget {
    return new Budget({ maxNodes: Infinity, memoryMiB: Infinity });
  }

  get reservedBytes(): number { return this.reserved; }
  get nodeCount(): number { return this.nodes; }

  /** Source text, before it is lexed. */
  chargeText(length: number): void {
    const estimate = length * BYTES_PER_TEXT_CHARACTER;
    if (this.reserved + estimate > this.memoryBytes) {
      throw new InspectError(
        `the text has ${grouped(length)} characters; reading it needs an estimated ${formatBytes(estimate)} ` +
        `(${BYTES_PER_TEXT_CHARACTER} bytes per character for tokens, syntax tree and graph), ${this.overWhat()}`,
        'limit', { start: 0, end: 0 });
    }
    this.reserved += estimate;
  }

  /** A model file, before it is decoded. */
  chargeModelFile(byteLength: number): void {
    const estimate = byteLength * BYTES_PER_MODEL_BYTE;
    if (this.reserved + estimate > this.memoryBytes) {
      throw new InspectError(
        `the model file has ${grouped(byteLength)} bytes; decoding it needs an estimated ${formatBytes(estimate)} ` +
        `(${BYTES_PER_MODEL_BYTE} bytes per byte of packed numbers), ${this.overWhat()}`, 'limit');
    }
    this.reserved += estimate;
  }

  /** One more graph node, refused the moment it would cross the node limit. */
  chargeNode(place: Place = {}): void {
    if (this.nodes + 1 > this.maxNodes) {
      throw refusal(`the graph needs more than ${grouped(this.maxNodes)} nodes, over the limit; raise it with ${MAX_NODES_SETTING}`, place);
    }
    this.requireBytes(BYTES_PER_NODE, `graph node ${grouped(this.nodes + 1)} needs an estimated ${formatBytes(BYTES_PER_NODE)} (node, value, adjoint, check)`, place);
    this.nodes++;
    this.reserved += BYTES_PER_NODE;
  }

  /** Refuses a tensor of `entries` entries that would not fit, without reserving it (the caller keeps it elsewhere). */
  requireEntries(entries: number, what: string, place: Place = {}): void {
    const bytes = entries * BYTES_PER_ENTRY;
    this.requireBytes(bytes, `${what} (${grouped(entries)} entries) needs an estimated ${formatBytes(bytes)} for its values, adjoints and the gradient check's copies`, place);
  }

  /** Reserves a tensor of `entries` entries that is about to be allocated and kept. */
  chargeEntries(entries: number, what: string, place: Place = {}): void {
    this.requireEntries(entries, what, place);
    this.reserved += entries * BYTES_PER_ENTRY;
  }

  /** `need` says what needs how much, e.g. "np.ones of shape (8192, 8192) (…) needs an estimated 3 GiB". */
  private requireBytes(bytes: number, need: string, place: Place): void {
    if (this.reserved + bytes <= this.memoryBytes) { return; }
    throw refusal(`${need}, ${this.overWhat()}`, place);
  }

  private overWhat(): string {
    const already = this.reserved > 0 ? ` with ${formatBytes(this.reserved)} already reserved` : '';
    return `over the memory budget of ${formatBytes(this.memoryBytes)}${already}; raise it with ${MEMORY_SETTING}`;
  }
}

/** Entries of a shape, as a float: an overflowing product is Infinity, which any budget refuses. */
export function entriesOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) { n *= Math.max(0, d); }
  return n;
}

/** The place goes into the error's fields; formatError puts it in front of the message. */
function refusal(message: string, place: Place): InspectError {
  return new InspectError(message, 'limit', place.range, undefined, place.node);
}

/** 67,108,864; beyond a quadrillion in exponent form (1.33e+36), so a hostile shape stays readable. */
function grouped(n: number): string {
  if (!Number.isFinite(n)) { return String(n); }
  return n < 1e15 ? Math.round(n).toLocaleString('en-US') : n.toExponential(2);
}

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) { return 'an unbounded amount'; }
  if (bytes >= 1024 ** 7) { return 'more than 1,024 EiB'; }
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
  let value = bytes, unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
  return unit === 0 ? `${value} bytes` : `${Number(value.toPrecision(3))} ${units[unit]}`;
}
