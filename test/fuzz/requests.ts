// What the fuzzer asks the sandboxed worker to run, and what comes back. Plain data: it crosses
// the worker boundary by structured clone and is written to disk as a reproducer.
import type { Nested } from '../../src/engine/tensor';
import type { LanguageChoice } from '../../src/inspect';

export type FuzzRequest =
  /** inspect() on text, with values for the names the generators use. */
  | { target: 'text'; text: string; language: LanguageChoice; bindings: Record<string, Nested> }
  /** The block around a cursor in a Markdown document, as the extension finds it, then inspect(). */
  | { target: 'markdown'; document: string; cursor: number }
  /** A `values:` line or comment, as the extension and the CLI read it. */
  | { target: 'values'; text: string }
  /** inspect() on model bytes. */
  | { target: 'onnx'; bytes: Uint8Array; inputs?: Record<string, Nested> };

/**
 * For the sandbox's own tests: a worker that spins forever, throws a TypeError, recurses without
 * end, or reports how deep a recursion gets before its stack overflows.
 */
export interface MisbehaveRequest { target: 'misbehave'; how: 'spin' | 'throw' | 'recurse' | 'measure-stack' | 'hoard' }

export type SandboxRequest = FuzzRequest | MisbehaveRequest;

export interface ReportedError {
  kind: string;
  message: string;
  expected?: string;
  range?: { start: number; end: number };
  node?: string;
}

/** The math span findMathSpan gave around the cursor (Markdown requests). */
export interface FoundSpan { start: number; end: number; innerStart: number; innerEnd: number }

export type Outcome =
  | { kind: 'ok'; notes: string[]; span?: FoundSpan }
  /** An InspectError; textLength is the analysed text's, which its range must lie in. */
  | { kind: 'rejected'; error: ReportedError; textLength: number; span?: FoundSpan }
  /** Any other exception. */
  | { kind: 'crashed'; name: string; message: string; stack: string }
  | { kind: 'timeout'; ms: number }
  /** The worker ended: out of memory, or killed past the memory bound. */
  | { kind: 'died'; reason: string };
