"""The PyTorch peer of `npm run bench`: the MLP (bench/engine.bench.ts) and the large ONNX models
(bench/large-models.ts).

Run by the benchmark as a child process:  python3 bench/torch_peer.py FOLDER
FOLDER holds manifest.json ({kind, config, dtype, tensors: [{name, dims, offset}]}) and weights.bin
(little-endian float32, or float64 when dtype says so). The same network is built functionally on those
weights as float64, on one thread. The process then answers one command per line on stdin, so the
benchmark can alternate its own runs with ours on a machine whose load drifts:
  forward | step   runs it once (step: forward + backward of ½·Σy² with respect to every weight and
                   the input) and prints {"ms", "cpu_ms"}, timed here;
  result           prints the loss and Σg² of each gradient, so the benchmark can check both computed
                   the same thing before comparing times, with the torch version and thread count.
"""
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F


def load(folder):
    with open(os.path.join(folder, 'manifest.json')) as f:
        manifest = json.load(f)
    dtype = np.dtype('<f8' if manifest.get('dtype') == 'float64' else '<f4')
    raw = np.fromfile(os.path.join(folder, 'weights.bin'), dtype=dtype)
    tensors = {}
    for t in manifest['tensors']:
        size = int(np.prod(t['dims'])) if t['dims'] else 1
        start = t['offset'] // dtype.itemsize
        values = raw[start:start + size].astype(np.float64).reshape(t['dims'])
        # Scalar constants (ε, 2 of Pow, √2 of GELU) get no gradient (Pow's exponent's would be NaN), nor
        # BatchNorm's running statistics (torch refuses one).
        trainable = len(t['dims']) > 0 and 'running_' not in t['name']
        tensors[t['name']] = torch.tensor(values, dtype=torch.float64, requires_grad=trainable)
    return manifest, tensors


def layer_norm(w, x, p):
    mean = x.mean(-1, keepdim=True)
    centered = x - mean
    variance = centered.pow(w[p + '.two']).mean(-1, keepdim=True)
    return centered / torch.sqrt(variance + w[p + '.eps']) * w[p + '.weight'] + w[p + '.bias']


def linear(w, x, p):
    return x @ w[p + '.weight'] + w[p + '.bias']


def transformer(w, config):
    d, heads, tokens = config['d'], config['heads'], config['tokens']
    head = d // heads
    x = w['input']
    for layer in range(config['layers']):
        p = 'layers.%d' % layer
        h = layer_norm(w, x, p + '.ln1')
        q = linear(w, h, p + '.attn.q').reshape(1, tokens, heads, head).permute(0, 2, 1, 3)
        k = linear(w, h, p + '.attn.k').reshape(1, tokens, heads, head).permute(0, 2, 3, 1)
        v = linear(w, h, p + '.attn.v').reshape(1, tokens, heads, head).permute(0, 2, 1, 3)
        probs = torch.softmax((q @ k) / w[p + '.attn.scale'], dim=-1)
        context = (probs @ v).permute(0, 2, 1, 3).reshape(1, tokens, d)
        x = x + linear(w, context, p + '.attn.proj')
        h = linear(w, layer_norm(w, x, p + '.ln2'), p + '.fc1')
        g = p + '.gelu'
        h = h * (torch.erf(h / w[g + '.sqrt2']) + w[g + '.one']) * w[g + '.half']
        x = x + linear(w, h, p + '.fc2')
    return layer_norm(w, x, 'ln_f')


def conv_bn(w, x, p, stride):
    kernel = w[p + '.conv.weight'].shape[-1]
    y = F.conv2d(x, w[p + '.conv.weight'], stride=stride, padding=kernel // 2)
    return F.batch_norm(y, w[p + '.bn.running_mean'], w[p + '.bn.running_var'], w[p + '.bn.weight'], w[p + '.bn.bias'],
                        training=False, eps=1e-5)


def resnet(w, config):
    x = F.max_pool2d(F.relu(conv_bn(w, w['input'], 'stem', 2)), 3, 2, 1)
    channels = config['widths'][0]
    for stage, width in enumerate(config['widths']):
        for block in range(2):
            p = 'layer%d.%d' % (stage + 1, block)
            stride = 2 if block == 0 and stage > 0 else 1
            h = F.relu(conv_bn(w, x, p + '.1', stride))
            y = conv_bn(w, h, p + '.2', 1)
            shortcut = conv_bn(w, x, p + '.down', stride) if stride != 1 or channels != width else x
            x = F.relu(y + shortcut)
            channels = width
    flat = x.mean(dim=(2, 3))
    return flat @ w['fc.weight'].t() + w['fc.bias']


def mlp(w, _config):
    return torch.relu(w['X'] @ w['W1'] + w['b1']) @ w['W2'] + w['b2']


NETWORKS = {'transformer': transformer, 'resnet': resnet, 'mlp': mlp}


def timed(fn):
    """Wall and CPU milliseconds of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return {'ms': (time.perf_counter() - wall) * 1000, 'cpu_ms': (time.process_time() - cpu) * 1000}


def main():
    folder = sys.argv[1]
    torch.set_num_threads(1)
    manifest, w = load(folder)
    network = NETWORKS[manifest['kind']]
    loss_of = lambda: 0.5 * (network(w, manifest['config']) ** 2).sum()

    def forward():
        with torch.no_grad():
            return loss_of().item()

    def step():
        for t in w.values():
            t.grad = None
        loss_of().backward()

    def result():
        step()
        grads = {name: float((t.grad ** 2).sum()) for name, t in w.items() if t.grad is not None}
        return {'loss': forward(), 'grad_sumsq': grads, 'torch': torch.__version__, 'threads': torch.get_num_threads()}

    commands = {'forward': lambda: timed(forward), 'step': lambda: timed(step), 'result': result}
    for line in sys.stdin:
        print(json.dumps(commands[line.strip()]()), flush=True)


if __name__ == '__main__':
    main()
