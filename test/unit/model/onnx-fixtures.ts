// Loader of the PyTorch-exported models in test/fixtures/onnx and their JSON references.
import * as fs from 'fs';
import * as path from 'path';
import { Nested } from '../../../src/engine/tensor';
import { FIXTURES } from '../fixtures';

export interface OnnxFixture {
  model: string;
  opset: number;
  ops: string[];
  inputs: Record<string, Nested>;
  loss: 'l2';
  expected: { output: Nested; loss: number; grads: Record<string, Nested> };
  /** How the reference was made (e.g. float32 weights widened to float64). */
  note: string;
}

const DIR = path.join(FIXTURES, 'onnx');

export function onnxFixtures(): { name: string; bytes: Uint8Array; spec: OnnxFixture }[] {
  return fs.readdirSync(DIR).filter(f => f.endsWith('.json')).sort().map(f => {
    const spec = JSON.parse(fs.readFileSync(path.join(DIR, f), 'utf8')) as OnnxFixture;
    return { name: spec.model, bytes: new Uint8Array(fs.readFileSync(path.join(DIR, spec.model))), spec };
  });
}
