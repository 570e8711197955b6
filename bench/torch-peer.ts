// Runs bench/torch_peer.py (PyTorch CPU, float64, one thread) as a child process on a large model's
// weights, when a Python with torch is installed; the project itself never needs Python.
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LargeModel, RESNET, SIDE_FILE, TRANSFORMER } from './large-models';

export interface TorchResult {
  loss: number;
  forward_ms: number;
  forward_backward_ms: number;
  /** Σg² of each gradient, by tensor name. */
  grad_sumsq: Record<string, number>;
  torch: string;
  threads: number;
}

/** Debian installs python3-torch for /usr/bin/python3, which a pyenv or venv `python3` may shadow. */
const CANDIDATES = ['python3', '/usr/bin/python3'];

/** The first Python that imports torch, or undefined. */
export function findTorchPython(): string | undefined {
  return CANDIDATES.find(python => spawnSync(python, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0);
}

/** Writes the model's side file and manifest into a temporary folder and times PyTorch inside it. */
export function runTorchPeer(python: string, model: LargeModel, runs: number): TorchResult {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'gi-bench-'));
  try {
    fs.writeFileSync(path.join(folder, SIDE_FILE), model.sideFile);
    const config = model.kind === 'transformer' ? TRANSFORMER : RESNET;
    fs.writeFileSync(path.join(folder, 'manifest.json'), JSON.stringify({ kind: model.kind, config, tensors: model.manifest }));
    const script = path.resolve(__dirname, '..', '..', 'bench', 'torch_peer.py');
    const out = execFileSync(python, [script, folder, String(runs)], { encoding: 'utf8', maxBuffer: 1 << 24 });
    return JSON.parse(out) as TorchResult;
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}
