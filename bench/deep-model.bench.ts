// The model of 10⁵ engine nodes (test/support/deep-model.ts: 3,400 pre-norm residual blocks)
// through the pipeline the CLI runs: import, forward and backward; the gradient check, in fast mode
// by its size; the panel's message. One JSON line of times, sizes and resident memory, without a
// peer: it measures that such a model stays usable, not a kernel (those are compared elsewhere).
import { gradcheck } from '../src/engine/gradcheck';
import { inspect } from '../src/inspect';
import { toWireInspection } from '../src/wire';
import { DEEP_MODEL, deepModelBytes } from '../test/support/deep-model';

export async function runDeepModelBenchmark(): Promise<void> {
  const bytes = deepModelBytes(DEEP_MODEL);
  let started = performance.now();
  const inspection = await inspect({ kind: 'onnx', bytes, fileName: 'deep-residual.onnx' }, { check: false });
  const inspectMs = performance.now() - started;
  started = performance.now();
  const check = await gradcheck(inspection.graph, inspection.output, {});
  const checkMs = performance.now() - started;
  inspection.check = check;
  started = performance.now();
  const message = JSON.stringify(toWireInspection(inspection, 'deep-residual.onnx'));
  const wireMs = performance.now() - started;
  process.stdout.write(JSON.stringify({
    name: `onnx_deep_residual_${DEEP_MODEL.blocks}_blocks`,
    engine_nodes: inspection.order.length,
    model_bytes: bytes.length,
    ours_import_forward_backward_ms: Math.round(inspectMs),
    ours_check_ms: Math.round(checkMs),
    check: `${check.mode} mode, ${check.entries.length} of ${check.totalEntries} entries, ${check.evaluations} evaluations, ${check.passed ? 'passed' : 'FAILED'}`,
    ours_wire_ms: Math.round(wireMs),
    wire_mb: Number((message.length / 1e6).toFixed(1)),
    rss_mb: Math.round(process.memoryUsage().rss / 1e6),
    peer: null,
    note: 'no peer: the time to its first drawing in the panel is in npm run bench:webview',
  }) + '\n');
}
