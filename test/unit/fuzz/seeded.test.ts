// Seeded, time-boxed fuzzing of every input path (issue 9): math, Python and LaTeX text through
// inspect(), auto detection, Markdown formulas as the extension finds them, values lines, and
// damaged ONNX files. Each input runs in a worker with a time and memory bound; every outcome must
// be an Inspection or an InspectError with a located, printable, bounded message.
// A failure prints its seed; `npm run fuzz -- --replay TARGET:SEED` runs that input alone.
import * as assert from 'assert';
import { Sandbox, SUITE_SANDBOX } from '../../fuzz/sandbox';
import { TARGETS } from '../../fuzz/targets';
import { SUITE_LIMITS } from '../../fuzz/text-inputs';
import { runTimeBoxed, summarizeFailures } from '../../fuzz/time-boxed';

/** Fixed, so that the suite tries the same inputs on every run (how many depends on the machine). */
const SUITE_SEED = 20_261_201;
const MS_PER_TARGET = 2500;
/** Far below what even a slow machine runs in the time box: a run that tries fewer is broken. */
const MIN_INPUTS = 20;

describe('fuzzing: seeded and time-boxed, in a sandboxed worker', function () {
  this.timeout(60_000);
  const sandbox = new Sandbox(SUITE_SANDBOX);
  after(() => sandbox.close());

  for (const target of TARGETS) {
    it(`${target.name}: every input is inspected or refused cleanly`, async () => {
      const summary = await runTimeBoxed(sandbox, target, SUITE_SEED, MS_PER_TARGET, SUITE_LIMITS);
      assert.ok(summary.tried >= MIN_INPUTS, `only ${summary.tried} inputs in ${MS_PER_TARGET} ms`);
      assert.deepStrictEqual(summarizeFailures(summary.failures), []);
      // Both outcomes occur: the generators reach past the parser, and the damage is noticed.
      assert.ok(summary.accepted > 0 && summary.rejected > 0, `${summary.accepted} inspected, ${summary.rejected} rejected`);
    });
  }
});
