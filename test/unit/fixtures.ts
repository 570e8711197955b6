// Paths and loaders for test/fixtures (copied from the shared PyTorch references, so a fresh clone
// tests on its own). Compiled tests run from out/test/unit.
import * as fs from 'fs';
import * as path from 'path';

export const FIXTURES = path.resolve(__dirname, '../../../test/fixtures');

export interface ExpressionCase {
  id: string;
  language: 'math' | 'python' | 'latex';
  source: string;
  at: Record<string, number>;
  expected: { value: unknown; grads: Record<string, unknown> };
}

export function expressionCases(): ExpressionCase[] {
  const file = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'expressions.json'), 'utf8')) as { cases: ExpressionCase[] };
  return file.cases;
}

/** Asserts |actual − expected| ≤ max(rel·|expected|, abs) entry by entry over nested arrays. */
export function assertClose(actual: unknown, expected: unknown, what: string, rel = 1e-9, abs = 1e-12): void {
  const a = flatten(actual), e = flatten(expected);
  if (a.length !== e.length) { throw new Error(`${what}: ${a.length} entries, expected ${e.length}`); }
  for (let i = 0; i < a.length; i++) {
    const tol = Math.max(rel * Math.abs(e[i]), abs);
    if (!(Math.abs(a[i] - e[i]) <= tol)) {
      throw new Error(`${what}[${i}]: ${a[i]} vs expected ${e[i]} (|diff| ${Math.abs(a[i] - e[i])} > ${tol})`);
    }
  }
}

function flatten(v: unknown): number[] {
  if (typeof v === 'number') { return [v]; }
  if (Array.isArray(v)) { return v.flatMap(flatten); }
  throw new Error(`not a number or nested array: ${JSON.stringify(v)}`);
}
