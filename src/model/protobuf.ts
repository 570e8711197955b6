// A minimal reader of the protobuf wire format over a Uint8Array (no Node Buffer: it runs in a web
// worker too). Every read is bounds-checked against the end of the enclosing message, so truncated
// or garbage input ends in an InspectError naming the field and byte offset, never a hang, and no
// allocation is ever larger than the bytes actually present.
import { InspectError } from '../engine/errors';

export const enum WireType {
  Varint = 0,
  Fixed64 = 1,
  LengthDelimited = 2,
  StartGroup = 3,
  EndGroup = 4,
  Fixed32 = 5,
}

export interface Tag {
  readonly field: number;
  readonly wire: WireType;
  /** Byte offset of the tag, for error messages. */
  readonly offset: number;
}

/** Nesting deeper than this is refused: ONNX messages nest a handful of levels. */
export const MAX_MESSAGE_DEPTH = 32;

const TWO_POW_32 = 4294967296;

export class ProtoReader {
  private pos: number;
  private readonly view: DataView;

  constructor(
    private readonly bytes: Uint8Array,
    start = 0,
    private readonly end = bytes.length,
    /** Message path for errors, e.g. "ModelProto.graph.node[3]". */
    readonly path = 'message',
    readonly depth = 0,
  ) {
    if (depth > MAX_MESSAGE_DEPTH) { throw malformed(`messages nested deeper than ${MAX_MESSAGE_DEPTH} levels at ${path}`); }
    this.pos = start;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  done(): boolean { return this.pos >= this.end; }

  readTag(): Tag {
    const offset = this.pos;
    const key = this.readVarint('field key');
    const field = Math.floor(key / 8);
    const wire = key % 8;
    if (field < 1 || field > 536870911 || wire > 5) {
      throw malformed(`invalid field key ${key} in ${this.path} at byte ${offset}`);
    }
    return { field, wire: wire as WireType, offset };
  }

  /**
   * An int64/uint64 varint as a number: exact within ±2^53; beyond, the nearest double (callers that
   * need exactness — dimensions, counts — range-check the result).
   */
  readVarint(what: string): number {
    let lo = 0;
    let hi = 0;
    const start = this.pos;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) { throw this.truncated(what, start); }
      const b = this.bytes[this.pos++];
      const bits = b & 0x7f;
      if (i < 4) {
        lo |= bits << (7 * i);
      } else if (i === 4) {
        lo |= (bits & 0x0f) << 28;
        hi |= bits >>> 4;
      } else {
        hi |= bits << (7 * i - 32);
      }
      if (b < 0x80) { return (hi | 0) * TWO_POW_32 + (lo >>> 0); }
    }
    throw malformed(`varint longer than 10 bytes for ${what} in ${this.path} at byte ${start}`);
  }

  /** The length prefix of a length-delimited field: a varint no larger than the bytes that follow. */
  readLength(what: string): number {
    const start = this.pos;
    const n = this.readVarint(`length of ${what}`);
    if (n < 0 || n > this.end - this.pos) {
      throw malformed(`length ${n} of ${what} in ${this.path} at byte ${start} exceeds the ${this.end - this.pos} bytes left`);
    }
    return n;
  }

  readFixed32Float(what: string): number {
    this.need(4, what);
    const v = this.view.getFloat32(this.pos, true);
    this.pos += 4;
    return v;
  }

  readFixed64Double(what: string): number {
    this.need(8, what);
    const v = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }

  /** The bytes of a length-delimited field, as a view (no copy). */
  readBytes(what: string): Uint8Array {
    const len = this.readLength(what);
    const out = this.bytes.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }

  readString(what: string): string {
    return utf8.decode(this.readBytes(what));
  }

  /** A reader over an embedded message. */
  readMessage(what: string): ProtoReader {
    const len = this.readLength(what);
    const sub = new ProtoReader(this.bytes, this.pos, this.pos + len, `${this.path}.${what}`, this.depth + 1);
    this.pos += len;
    return sub;
  }

  /** Repeated varints: one unpacked entry, or a packed run. */
  readVarints(tag: Tag, what: string, into: number[]): void {
    if (tag.wire === WireType.Varint) {
      into.push(this.readVarint(what));
      return;
    }
    this.expect(tag, WireType.LengthDelimited, what);
    const len = this.readLength(what);
    const stop = this.pos + len;
    const packed = new ProtoReader(this.bytes, this.pos, stop, `${this.path}.${what}`, this.depth + 1);
    while (!packed.done()) { into.push(packed.readVarint(what)); }
    this.pos = stop;
  }

  /** Repeated float (fixed32) or double (fixed64): unpacked entry or packed run. */
  readFloats(tag: Tag, what: string, into: number[], width: 4 | 8): void {
    const single = width === 4 ? WireType.Fixed32 : WireType.Fixed64;
    const readOne = (r: ProtoReader): number => width === 4 ? r.readFixed32Float(what) : r.readFixed64Double(what);
    if (tag.wire === single) {
      into.push(readOne(this));
      return;
    }
    this.expect(tag, WireType.LengthDelimited, what);
    const len = this.readLength(what);
    if (len % width !== 0) {
      throw malformed(`packed ${what} in ${this.path} at byte ${tag.offset} has ${len} bytes, not a multiple of ${width}`);
    }
    const stop = this.pos + len;
    const packed = new ProtoReader(this.bytes, this.pos, stop, `${this.path}.${what}`, this.depth + 1);
    while (!packed.done()) { into.push(readOne(packed)); }
    this.pos = stop;
  }

  /** Throws unless the field has the wire type the schema says. */
  expect(tag: Tag, wire: WireType, what: string): void {
    if (tag.wire !== wire) {
      throw malformed(`${this.path}.${what} (field ${tag.field}) at byte ${tag.offset} has wire type ${tag.wire}, expected ${wire}`);
    }
  }

  /** Skips a field this reader does not use. Groups (deprecated) are refused. */
  skip(tag: Tag): void {
    switch (tag.wire) {
      case WireType.Varint: this.readVarint(`field ${tag.field}`); return;
      case WireType.Fixed64: this.need(8, `field ${tag.field}`); this.pos += 8; return;
      case WireType.Fixed32: this.need(4, `field ${tag.field}`); this.pos += 4; return;
      case WireType.LengthDelimited: this.readBytes(`field ${tag.field}`); return;
      default:
        throw malformed(`unsupported wire type ${tag.wire} (group) for field ${tag.field} in ${this.path} at byte ${tag.offset}`);
    }
  }

  private need(n: number, what: string): void {
    if (this.end - this.pos < n) { throw this.truncated(what, this.pos); }
  }

  private truncated(what: string, at: number): InspectError {
    return malformed(`truncated ${what} in ${this.path} at byte ${at}`);
  }
}

const utf8 = new TextDecoder('utf-8');

export function malformed(message: string): InspectError {
  return new InspectError(`malformed ONNX file: ${message}`, 'model');
}
