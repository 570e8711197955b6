// Bad model files: truncations and single-bit flips of the fixtures, and random bytes. importOnnx
// must either succeed or throw an InspectError — never another exception, never take long.
import * as assert from 'assert';
import { InspectError } from '../../../src/engine/errors';
import { Nested } from '../../../src/engine/tensor';
import { importOnnx } from '../../../src/model/import';
import { onnxFixtures } from './onnx-fixtures';

/** Bound on one import of a fixture-sized file: far above the few milliseconds it takes. */
const CASE_LIMIT_MS = 2000;

function seededUniform(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

interface Outcome { ok: number; rejected: number }

async function importCleanly(bytes: Uint8Array, what: string, outcome: Outcome, inputs?: Record<string, Nested>): Promise<void> {
  const start = Date.now();
  try {
    await importOnnx(bytes, 'fuzz.onnx', { inputs });
    outcome.ok++;
  } catch (e) {
    if (!(e instanceof InspectError)) {
      assert.fail(`${what}: threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}, not an InspectError`);
    }
    assert.ok(e.message.length > 0, `${what}: empty message`);
    outcome.rejected++;
  }
  const elapsed = Date.now() - start;
  assert.ok(elapsed < CASE_LIMIT_MS, `${what}: took ${elapsed} ms`);
}

describe('ONNX import of damaged files', function () {
  this.timeout(120_000);
  const fixtures = onnxFixtures();

  for (const { name, bytes, spec } of fixtures) {
    it(`${name}: every truncation is a clean error`, async () => {
      const outcome: Outcome = { ok: 0, rejected: 0 };
      for (let length = 0; length < bytes.length; length++) {
        await importCleanly(bytes.subarray(0, length), `${name} cut at ${length}`, outcome, spec.inputs);
      }
      // A protobuf cut at a field boundary can still parse; most cuts cannot.
      assert.ok(outcome.rejected > bytes.length * 0.9, `${outcome.rejected} of ${bytes.length} truncations rejected`);
    });

    it(`${name}: 400 seeded single-bit flips import or fail cleanly`, async () => {
      const random = seededUniform(name.length * 7919 + bytes.length);
      const outcome: Outcome = { ok: 0, rejected: 0 };
      for (let k = 0; k < 400; k++) {
        const flipped = bytes.slice();
        const position = Math.floor(random() * flipped.length);
        const bit = Math.floor(random() * 8);
        flipped[position] ^= 1 << bit;
        // Half with the fixture's inputs, half with random inputs of the (possibly damaged) declared shape.
        await importCleanly(flipped, `${name} bit ${bit} of byte ${position}`, outcome, k % 2 === 0 ? spec.inputs : undefined);
      }
      assert.strictEqual(outcome.ok + outcome.rejected, 400);
    });
  }

  it('random byte strings, bare and behind a ModelProto header, fail cleanly', async () => {
    const random = seededUniform(12345);
    const outcome: Outcome = { ok: 0, rejected: 0 };
    for (let k = 0; k < 600; k++) {
      const length = Math.floor(random() * 2000);
      const body = Uint8Array.from({ length }, () => Math.floor(random() * 256));
      // ir_version 7, then a graph field (7, length-delimited) whose length is the rest.
      const header = Uint8Array.of(0x08, 0x07, 0x3a, ...lengthVarint(length));
      const bytes = k % 2 === 0 ? body : Uint8Array.from([...header, ...body]);
      await importCleanly(bytes, `random case ${k}`, outcome);
    }
    assert.ok(outcome.rejected > 500, `${outcome.rejected} of 600 rejected`);
  });
});

function lengthVarint(n: number): number[] {
  const out: number[] = [];
  do {
    out.push((n & 0x7f) | (n > 0x7f ? 0x80 : 0));
    n >>>= 7;
  } while (n > 0);
  return out;
}
