// Shrinks a failing input to a small one that fails the same way (delta debugging by removal: drop
// halves, then quarters, … then single characters or bytes, keeping each removal that still fails).
import { violations } from './properties';
import { FuzzRequest } from './requests';
import { Sandbox } from './sandbox';

/** The part of a request that shrinks: its text, document or bytes. */
function payload(request: FuzzRequest): string | Uint8Array {
  switch (request.target) {
    case 'text': case 'values': return request.text;
    case 'markdown': return request.document;
    case 'onnx': return request.bytes;
  }
}

/** The request with `count` units removed from its payload at `at` (a Markdown cursor moves with the text). */
function without(request: FuzzRequest, at: number, count: number): FuzzRequest {
  const whole = payload(request);
  const removed = Math.min(count, whole.length - at);
  switch (request.target) {
    case 'text': case 'values': return { ...request, text: request.text.slice(0, at) + request.text.slice(at + removed) };
    case 'markdown': return {
      ...request,
      document: request.document.slice(0, at) + request.document.slice(at + removed),
      cursor: request.cursor < at ? request.cursor : Math.max(at, request.cursor - removed),
    };
    case 'onnx': {
      const bytes = new Uint8Array(request.bytes.length - removed);
      bytes.set(request.bytes.subarray(0, at), 0);
      bytes.set(request.bytes.subarray(at + removed), at);
      return { ...request, bytes };
    }
  }
}

export async function shrink(sandbox: Sandbox, request: FuzzRequest, failureClass: string, budgetMs: number): Promise<FuzzRequest> {
  const deadline = Date.now() + budgetMs;
  const stillFails = async (candidate: FuzzRequest): Promise<boolean> =>
    violations(candidate, await sandbox.run(candidate)).some(v => v.class === failureClass);
  let best = request;
  for (let chunk = Math.ceil(lengthOf(best) / 2); chunk >= 1 && Date.now() < deadline; chunk = chunk === 1 ? 0 : Math.ceil(chunk / 2)) {
    for (let at = 0; at < lengthOf(best) && Date.now() < deadline;) {
      const candidate = without(best, at, chunk);
      if (await stillFails(candidate)) { best = candidate; } else { at += chunk; }
    }
  }
  return best;
}

function lengthOf(request: FuzzRequest): number {
  return payload(request).length;
}
