// `npm run fuzz`: a longer campaign than the suite's (minutes, not in CI). Every target runs for its
// share of --seconds from --seed; every failure is printed with its seed and written as a reproducer
// under test-results/fuzz/ (shrunk for the first few of each kind). `--replay target:seed` runs one
// input again.
//   npm run fuzz -- [--seconds N] [--seed S] [--target NAME]... [--replay TARGET:SEED]
import * as fs from 'fs';
import * as path from 'path';
import { violations } from './properties';
import { Random } from './random';
import { FuzzRequest } from './requests';
import { Sandbox, SandboxLimits } from './sandbox';
import { shrink } from './shrink';
import { FuzzTarget, TARGETS, targetNamed } from './targets';
import { CAMPAIGN_LIMITS } from './text-inputs';
import { Failure, runTimeBoxed } from './time-boxed';

const REPORT_DIR = path.resolve(__dirname, '../../../test-results/fuzz');
const CAMPAIGN_SANDBOX: SandboxLimits = { timeoutMs: 5000, memoryBytes: 2 * 1024 ** 3 };
/** Shrinking one failure stops after this long (a timeout costs a full time bound per attempt). */
const SHRINK_BUDGET_MS = 60_000;
/** Failures of one class and target that are shrunk; the others are written as found. */
const SHRUNK_PER_CLASS = 3;

interface CampaignArgs { seconds: number; seed: number; targets: FuzzTarget[]; replay?: { target: FuzzTarget; seed: number } }

function parseArgs(argv: readonly string[]): CampaignArgs {
  const args: CampaignArgs = { seconds: 120, seed: Date.now() % 2 ** 31, targets: [] };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    const needValue = (): string => {
      if (value === undefined) { throw new Error(`${argv[i]} needs a value`); }
      i++;
      return value;
    };
    switch (argv[i]) {
      case '--seconds': args.seconds = positive(argv[i], needValue()); break;
      case '--seed': args.seed = positive(argv[i], needValue(), true); break;
      case '--target': args.targets.push(targetNamed(needValue())); break;
      case '--replay': {
        const [name, seed] = needValue().split(':');
        args.replay = { target: targetNamed(name), seed: positive('--replay', seed ?? '', true) };
        break;
      }
      default: throw new Error(`unknown option '${argv[i]}'`);
    }
  }
  if (args.targets.length === 0) { args.targets = [...TARGETS]; }
  return args;
}

function positive(flag: string, value: string, allowZero = false): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < (allowZero ? 0 : 1)) { throw new Error(`${flag} needs a ${allowZero ? 'non-negative' : 'positive'} integer (got '${value}')`); }
  return n;
}

async function campaign(args: CampaignArgs): Promise<number> {
  const sandbox = new Sandbox(CAMPAIGN_SANDBOX);
  const failures: Failure[] = [];
  console.log(`fuzz campaign: seed ${args.seed}, ${args.seconds} s over ${args.targets.length} targets`);
  try {
    for (const target of args.targets) {
      const summary = await runTimeBoxed(sandbox, target, args.seed, (args.seconds * 1000) / args.targets.length, CAMPAIGN_LIMITS);
      console.log(`${target.name.padEnd(9)} ${String(summary.tried).padStart(7)} inputs: ${summary.accepted} inspected, ${summary.rejected} rejected, ${summary.failures.length} failed`);
      failures.push(...summary.failures);
    }
    await report(sandbox, failures);
  } finally {
    await sandbox.close();
  }
  return failures.length > 0 ? 1 : 0;
}

async function report(sandbox: Sandbox, failures: readonly Failure[]): Promise<void> {
  const seen = new Map<string, number>();
  for (const failure of failures) {
    const failureClass = failure.violations[0].class;
    const key = `${failure.target} ${failureClass}`;
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    const shrunk = count <= SHRUNK_PER_CLASS;
    const input = shrunk ? await shrink(sandbox, failure.request, failureClass, SHRINK_BUDGET_MS) : failure.request;
    const file = writeReproducer(failure, input);
    console.log(`FAIL ${failure.target} seed ${failure.seed}: ${failure.violations.map(v => v.class).join(', ')}`);
    if (shrunk) { console.log(`  ${failure.violations[0].detail.split('\n').slice(0, 4).join('\n  ')}`); }
    console.log(`  ${shrunk ? 'shrunk' : 'as found'}: ${path.relative(process.cwd(), file)} (replay: npm run fuzz -- --replay ${failure.target}:${failure.seed})`);
  }
}

/** The input as the file a user would open (.txt, .md, .onnx), and the request as JSON. */
function writeReproducer(failure: Failure, request: FuzzRequest): string {
  fs.mkdirSync(REPORT_DIR, { recursive: true });
  const base = path.join(REPORT_DIR, `${failure.target}-${failure.seed}`);
  const input = request.target === 'onnx' ? { file: `${base}.onnx`, data: request.bytes }
    : request.target === 'markdown' ? { file: `${base}.md`, data: request.document }
      : { file: `${base}.txt`, data: request.text };
  fs.writeFileSync(input.file, input.data);
  const json = request.target === 'onnx' ? { ...request, bytes: Buffer.from(request.bytes).toString('base64') } : request;
  fs.writeFileSync(`${base}.json`, JSON.stringify({ seed: failure.seed, violations: failure.violations, request: json }, null, 1));
  return input.file;
}

async function replay(target: FuzzTarget, seed: number): Promise<number> {
  const sandbox = new Sandbox(CAMPAIGN_SANDBOX);
  try {
    const request = target.generate(new Random(seed), CAMPAIGN_LIMITS);
    const outcome = await sandbox.run(request);
    console.log(JSON.stringify({ request: request.target === 'onnx' ? { ...request, bytes: `${request.bytes.length} bytes` } : request, outcome }, null, 1));
    const found = violations(request, outcome);
    for (const v of found) { console.log(`FAIL ${v.class}: ${v.detail}`); }
    return found.length > 0 ? 1 : 0;
  } finally {
    await sandbox.close();
  }
}

async function main(): Promise<void> {
  let args: CampaignArgs;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`fuzz: ${(e as Error).message}`);
    process.exitCode = 2;
    return;
  }
  process.exitCode = args.replay ? await replay(args.replay.target, args.replay.seed) : await campaign(args);
}

void main();
