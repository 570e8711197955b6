// `npm run bench`: every benchmark, one JSON line per measurement ({name, ours_ms, peer_ms, ratio, …}).
import { runEngineBenchmarks } from './engine.bench';
import { runLargeBenchmarks } from './large.bench';
import { runOnnxBenchmarks } from './onnx.bench';

async function main(): Promise<void> {
  await runEngineBenchmarks();
  await runOnnxBenchmarks();
  await runLargeBenchmarks();
}

main().catch(e => {
  process.stderr.write(`benchmark failed: ${(e as Error).stack ?? e}\n`);
  process.exitCode = 1;
});
