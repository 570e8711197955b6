// The fuzz targets: each turns a seeded Random into one request for the sandbox. The same list
// drives the time-boxed runs in `npm test` and the campaigns of `npm run fuzz`.
import * as fs from 'fs';
import * as path from 'path';
import { Nested } from '../../src/engine/tensor';
import { GenerationLimits, DEFAULT_BINDINGS, markdownDocument, programText, rawText, valuesText, damage } from './text-inputs';
import { OnnxFixtureInput, onnxInput } from './onnx-inputs';
import { tracedProgram } from './python-programs';
import { Random } from './random';
import { FuzzRequest } from './requests';
import { FIXTURES } from '../unit/fixtures';

export type TargetName = 'math' | 'python' | 'traced' | 'latex' | 'auto' | 'markdown' | 'values' | 'onnx';

export interface FuzzTarget {
  name: TargetName;
  generate(random: Random, limits: GenerationLimits): FuzzRequest;
}

const FIXTURE_DIR = path.join(FIXTURES, 'onnx');

let fixtures: OnnxFixtureInput[] | undefined;

/** The fixture models and their inputs, read once. */
function onnxFixtures(): OnnxFixtureInput[] {
  fixtures ??= fs.readdirSync(FIXTURE_DIR).filter(f => f.endsWith('.json')).sort().map(f => {
    const spec = JSON.parse(fs.readFileSync(path.join(FIXTURE_DIR, f), 'utf8')) as { model: string; inputs: Record<string, Nested> };
    return { bytes: new Uint8Array(fs.readFileSync(path.join(FIXTURE_DIR, spec.model))), inputs: spec.inputs };
  });
  return fixtures;
}

const text = (value: string, language: 'math' | 'python' | 'latex' | 'auto'): FuzzRequest => ({ target: 'text', text: value, language, bindings: DEFAULT_BINDINGS });

export const TARGETS: readonly FuzzTarget[] = [
  { name: 'math', generate: (r, limits) => text(programText(r, 'math', limits), 'math') },
  { name: 'python', generate: (r, limits) => text(programText(r, 'python', limits), 'python') },
  // Functions, loops, branches, index assignment and hand-written gradients, run by the tracer.
  { name: 'traced', generate: (r, limits) => text(tracedProgram(r, limits), 'python') },
  { name: 'latex', generate: (r, limits) => text(programText(r, 'latex', limits), 'latex') },
  // Auto detection on any dialect's text, and on text that is none of them.
  { name: 'auto', generate: (r, limits) => text(r.chance(0.3) ? rawText(r) : programText(r, r.pick(['math', 'python', 'latex'] as const), limits), 'auto') },
  { name: 'markdown', generate: (r, limits) => ({ target: 'markdown', ...markdownDocument(r, limits) }) },
  { name: 'values', generate: (r, limits) => ({ target: 'values', text: r.chance(0.5) ? damage(r, valuesText(r), limits) : valuesText(r) }) },
  { name: 'onnx', generate: (r, limits) => ({ target: 'onnx', ...onnxInput(r, onnxFixtures(), limits) }) },
];

export function targetNamed(name: string): FuzzTarget {
  const target = TARGETS.find(t => t.name === name);
  if (!target) { throw new Error(`unknown fuzz target '${name}'; the targets are ${TARGETS.map(t => t.name).join(', ')}`); }
  return target;
}
