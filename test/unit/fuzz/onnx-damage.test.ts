// Every truncation and seeded bit flips of each fixture model, through inspect() in the sandbox:
// an Inspection or an InspectError, never another exception, never past the time bound.
import * as assert from 'assert';
import { violations } from '../../fuzz/properties';
import { inputSeed, Random } from '../../fuzz/random';
import { FuzzRequest } from '../../fuzz/requests';
import { Sandbox, SUITE_SANDBOX } from '../../fuzz/sandbox';
import { onnxFixtures } from '../model/onnx-fixtures';

const BIT_FLIPS = 300;

describe('fuzzing: damaged ONNX fixtures', function () {
  this.timeout(120_000);
  const sandbox = new Sandbox(SUITE_SANDBOX);
  after(() => sandbox.close());

  async function problems(requests: Iterable<{ what: string; request: FuzzRequest }>): Promise<{ problems: string[]; rejected: number }> {
    const found: string[] = [];
    let rejected = 0;
    for (const { what, request } of requests) {
      const outcome = await sandbox.run(request);
      if (outcome.kind === 'rejected') { rejected++; }
      for (const v of violations(request, outcome)) { found.push(`${what}: ${v.class}: ${v.detail.split('\n')[0]}`); }
    }
    return { problems: found, rejected };
  }

  for (const { name, bytes, spec } of onnxFixtures()) {
    it(`${name}: every truncation`, async () => {
      const cuts = Array.from({ length: bytes.length }, (_, length) => ({
        what: `cut at ${length}`, request: { target: 'onnx', bytes: bytes.subarray(0, length), inputs: spec.inputs } as FuzzRequest,
      }));
      const result = await problems(cuts);
      assert.deepStrictEqual(result.problems, []);
      // A protobuf cut at a field boundary can still parse; most cuts cannot.
      assert.ok(result.rejected > bytes.length * 0.9, `${result.rejected} of ${bytes.length} truncations rejected`);
    });

    it(`${name}: ${BIT_FLIPS} seeded single-bit flips`, async () => {
      const flips = Array.from({ length: BIT_FLIPS }, (_, k) => {
        const random = new Random(inputSeed(bytes.length, k));
        const flipped = bytes.slice();
        const position = random.below(flipped.length);
        const bit = random.below(8);
        flipped[position] ^= 1 << bit;
        // Half with the fixture's inputs, half with random inputs of the (possibly damaged) declared shape.
        return { what: `bit ${bit} of byte ${position}`, request: { target: 'onnx', bytes: flipped, inputs: k % 2 === 0 ? spec.inputs : undefined } as FuzzRequest };
      });
      assert.deepStrictEqual((await problems(flips)).problems, []);
    });
  }
});
