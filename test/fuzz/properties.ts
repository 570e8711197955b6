// What must hold for every input, text or bytes (issue 9): an Inspection or an InspectError with a
// message, never another exception, a hang or a runaway allocation; an error's range inside the
// analysed text; messages without raw control characters and quoting a bounded length of input.
import { FuzzRequest, Outcome } from './requests';

/** A message longer than this quotes too much of its input (the longest fixed texts are far shorter). */
export const MAX_MESSAGE_CHARS = 1000;

/** C0 and C1 controls, lone surrogates (in u mode a pair is one character), bidi overrides and isolates. */
const UNSAFE_CHARACTER = /[\p{Cc}\p{Cs}\u202a-\u202e\u2066-\u2069]/u;

/** Errors of these kinds point into the text; a text error without a place cannot be shown in the editor. */
const LOCATED_KINDS = new Set(['syntax', 'unsupported', 'unbound']);

/** A short name for the kind of failure, the same for an input and its shrunk reproducer. */
export type Violation = { class: string; detail: string };

export function violations(request: FuzzRequest, outcome: Outcome): Violation[] {
  switch (outcome.kind) {
    case 'crashed': return [{ class: `threw ${outcome.name}`, detail: `${outcome.name}: ${outcome.message}\n${outcome.stack}` }];
    case 'timeout': return [{ class: 'timeout', detail: `no answer within ${outcome.ms} ms` }];
    case 'died': return [{ class: 'died', detail: outcome.reason }];
    case 'ok': return [...spanViolations(request, outcome.span), ...outcome.notes.flatMap(note => textViolations('note', note))];
    case 'rejected': {
      const { error, textLength } = outcome;
      const found = [...spanViolations(request, outcome.span), ...textViolations('message', error.message)];
      if (error.expected !== undefined) { found.push(...textViolations('expected', error.expected)); }
      if (error.message.trim() === '') { found.push({ class: 'empty message', detail: `an ${error.kind} error without a message` }); }
      if (error.range && !(error.range.start >= 0 && error.range.start <= error.range.end && error.range.end <= textLength)) {
        found.push({ class: 'range outside the text', detail: `range ${error.range.start}-${error.range.end} in a text of ${textLength}: ${error.message}` });
      }
      if (request.target !== 'onnx' && request.target !== 'values' && !error.range && LOCATED_KINDS.has(error.kind)) {
        found.push({ class: 'error without a place', detail: `${error.kind}: ${error.message}` });
      }
      return found;
    }
  }
}

function textViolations(what: string, text: string): Violation[] {
  const found: Violation[] = [];
  const unsafe = UNSAFE_CHARACTER.exec(text);
  if (unsafe) {
    const code = `U+${unsafe[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    found.push({ class: `raw ${code} in a ${what}`, detail: JSON.stringify(text.slice(Math.max(0, unsafe.index - 60), unsafe.index + 60)) });
  }
  if (text.length > MAX_MESSAGE_CHARS) {
    found.push({ class: `${what} too long`, detail: `${text.length} characters: ${JSON.stringify(text.slice(0, 160))}…` });
  }
  return found;
}

/** findMathSpan's span holds the cursor and nests its delimiters inside the document. */
function spanViolations(request: FuzzRequest, span: { start: number; end: number; innerStart: number; innerEnd: number } | undefined): Violation[] {
  if (request.target !== 'markdown' || !span) { return []; }
  const { cursor, document } = request;
  const wellFormed = span.start <= cursor && cursor <= span.end && span.start < span.innerStart && span.innerStart <= span.innerEnd &&
    span.innerEnd < span.end && span.end <= document.length;
  return wellFormed ? [] : [{ class: 'malformed math span', detail: `${JSON.stringify(span)} around ${cursor} in a document of ${document.length}` }];
}
