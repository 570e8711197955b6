// One fuzz run of a target: inputs from consecutive seeds until the time is up, each through the
// sandbox and checked against the properties. Shared by `npm test` and `npm run fuzz`.
import { violations, Violation } from './properties';
import { inputSeed, Random } from './random';
import { FuzzRequest } from './requests';
import { Sandbox } from './sandbox';
import { FuzzTarget } from './targets';
import { GenerationLimits } from './text-inputs';

export interface Failure {
  target: string;
  /** Regenerates the input alone: `npm run fuzz -- --replay target:seed`. */
  seed: number;
  request: FuzzRequest;
  violations: Violation[];
}

export interface RunSummary {
  target: string;
  tried: number;
  accepted: number;
  rejected: number;
  failures: Failure[];
}

export async function runTimeBoxed(sandbox: Sandbox, target: FuzzTarget, seed: number, ms: number, limits: GenerationLimits, maxInputs = Infinity): Promise<RunSummary> {
  const summary: RunSummary = { target: target.name, tried: 0, accepted: 0, rejected: 0, failures: [] };
  const deadline = Date.now() + ms;
  while (Date.now() < deadline && summary.tried < maxInputs) {
    const caseSeed = inputSeed(seed, summary.tried);
    const request = target.generate(new Random(caseSeed), limits);
    const outcome = await sandbox.run(request);
    summary.tried++;
    if (outcome.kind === 'ok') { summary.accepted++; }
    if (outcome.kind === 'rejected') { summary.rejected++; }
    const found = violations(request, outcome);
    if (found.length > 0) { summary.failures.push({ target: target.name, seed: caseSeed, request, violations: found }); }
  }
  return summary;
}

/** A failure as a test message: the seed to replay it and the start of the input. */
export function describeFailure(failure: Failure): string {
  const input = failure.request.target === 'onnx' ? `${failure.request.bytes.length} bytes`
    : JSON.stringify(failure.request.target === 'markdown' ? failure.request.document : failure.request.text).slice(0, 200);
  return `${failure.target} seed ${failure.seed} (npm run fuzz -- --replay ${failure.target}:${failure.seed}): ` +
    `${failure.violations.map(v => `${v.class}: ${v.detail.split('\n')[0].slice(0, 300)}`).join('; ')}\n  input: ${input}`;
}

/** One line per kind of failure, with its count and the first input that showed it. */
export function summarizeFailures(failures: readonly Failure[]): string[] {
  const byClass = new Map<string, Failure[]>();
  for (const failure of failures) {
    const key = `${failure.target}: ${failure.violations[0].class}`;
    byClass.set(key, [...(byClass.get(key) ?? []), failure]);
  }
  return [...byClass].map(([key, found]) => `${key} ×${found.length}, first: ${describeFailure(found[0])}`);
}
