// `npm run bench`: every benchmark, one JSON line per measurement ({name, ours_ms, peer_ms, ratio, …}).
import { runDeepModelBenchmark } from './deep-model.bench';
import { runEngineBenchmarks } from './engine.bench';
import { runLargeBenchmarks } from './large.bench';
import { runOnnxBenchmarks } from './onnx.bench';

// The large models first: they compare against PyTorch, before the other benchmarks fill the
// process with tfjs's heap (see large.bench.ts).
async function main(): Promise<void> {
  await runLargeBenchmarks();
  await runEngineBenchmarks();
  await runOnnxBenchmarks();
  await runDeepModelBenchmark();
}

main().catch(e => {
  process.stderr.write(`benchmark failed: ${(e as Error).stack ?? e}\n`);
  process.exitCode = 1;
});
