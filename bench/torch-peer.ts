// Runs bench/torch_peer.py (PyTorch CPU, float64, one thread) as a child process on a network's
// weights, when a Python with torch is installed; the project itself never needs Python. The child
// stays up and runs one forward or step per request, timed inside it, so a benchmark can alternate
// its runs with ours: on a shared machine whose load drifts, both then see the same conditions.
import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as readline from 'readline';

export interface TorchResult {
  loss: number;
  /** Σg² of each gradient, by tensor name. */
  grad_sumsq: Record<string, number>;
  torch: string;
  threads: number;
}

/** One run timed inside the peer: wall and CPU milliseconds. */
export interface PeerTiming {
  ms: number;
  cpu_ms: number;
}

/** What the peer builds: the network kind, its configuration, and its weights back to back in one file. */
export interface PeerWeights {
  kind: 'transformer' | 'resnet' | 'mlp';
  config: object;
  /** float32 (the ONNX models' initializers) or float64 (the MLP's). */
  dtype: 'float32' | 'float64';
  /** Every tensor's name, dims and byte offset in `bytes`. */
  tensors: { name: string; dims: number[]; offset: number }[];
  bytes: Uint8Array;
}

/** Debian installs python3-torch for /usr/bin/python3, which a pyenv or venv `python3` may shadow. */
const CANDIDATES = ['python3', '/usr/bin/python3'];

/** The first Python that imports torch, or undefined. */
export function findTorchPython(): string | undefined {
  return CANDIDATES.find(python => spawnSync(python, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0);
}

export class TorchPeer {
  private readonly replies: AsyncIterator<string>;

  private constructor(private readonly child: ChildProcess, private readonly folder: string) {
    if (!child.stdout) { throw new Error('the PyTorch peer has no stdout'); }
    this.replies = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  }

  /** Writes the weights and manifest into a temporary folder and starts the peer on them. */
  static start(python: string, weights: PeerWeights): TorchPeer {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'gi-bench-'));
    fs.writeFileSync(path.join(folder, 'weights.bin'), weights.bytes);
    const { kind, config, dtype, tensors } = weights;
    fs.writeFileSync(path.join(folder, 'manifest.json'), JSON.stringify({ kind, config, dtype, tensors }));
    const script = path.resolve(__dirname, '..', '..', 'bench', 'torch_peer.py');
    const child = spawn(python, [script, folder], { stdio: ['pipe', 'pipe', 'inherit'] });
    return new TorchPeer(child, folder);
  }

  /** The loss and every gradient's Σg², after one step. */
  result(): Promise<TorchResult> {
    return this.ask<TorchResult>('result');
  }

  /** One forward pass, or one forward + backward, timed inside the peer. */
  time(what: 'forward' | 'step'): Promise<PeerTiming> {
    return this.ask<PeerTiming>(what);
  }

  close(): void {
    this.child.stdin?.end();
    fs.rmSync(this.folder, { recursive: true, force: true });
  }

  private async ask<T>(command: string): Promise<T> {
    this.child.stdin?.write(`${command}\n`);
    const reply = await this.replies.next();
    if (reply.done) { throw new Error(`the PyTorch peer exited before answering '${command}'`); }
    return JSON.parse(reply.value) as T;
  }
}
