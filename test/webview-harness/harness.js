// Dev harness for the panel's webview: fakes acquireVsCodeApi, answers the panel like the host does,
// and exposes window.harness for the screenshot script. Query: ?theme=light|dark&sample=small|big|layers|failing|onnx&tab=graph
'use strict';
/* global window, document, location, URLSearchParams, sessionStorage -- runs in the harness page */
(function () {
  const params = new URLSearchParams(location.search);
  document.body.className = `vscode-${params.get('theme') || 'dark'}`;

  const posted = [];
  const violations = [];
  document.addEventListener('securitypolicyviolation', event => violations.push(`${event.violatedDirective} ${event.blockedURI}`));
  let state = params.get('restore') ? JSON.parse(sessionStorage.getItem('panelState') || 'null') : undefined;
  const listeners = [];

  function send(message) {
    window.postMessage(message, '*');
  }

  function scalar(x) {
    return { shape: [], size: 1, data: [x], min: x, max: x, mean: x, norm: Math.abs(x), nonFinite: 0 };
  }

  function tensor(shape, data) {
    const sum = data.reduce((a, b) => a + b, 0);
    return { shape, size: data.length, data, min: Math.min(...data), max: Math.max(...data), mean: sum / data.length,
      norm: Math.sqrt(data.reduce((a, b) => a + b * b, 0)), nonFinite: 0 };
  }

  function memory(parameters, intermediates, opNodes) {
    const p = parameters * 8;
    const every = Math.max(1, Math.round(Math.sqrt(opNodes)));
    const stored = Math.ceil(intermediates / every);
    return {
      parameterBytes: p, parameterCount: parameters, intermediateBytes: intermediates, gradientBytes: p,
      allAdjointBytes: intermediates + p, constantBytes: 0, totalBytes: 2 * p + intermediates, ruleOfThumbBytes: 3 * p, opNodes,
      checkpointing: { every, storedBytes: stored, savedBytes: intermediates - stored, extraForwardOps: opNodes - every, extraForwardFraction: (opNodes - every) / opNodes },
    };
  }

  function entry(leaf, leafId, analytic, numericError, status) {
    const numeric = analytic + numericError;
    const absError = Math.abs(numericError);
    return { leaf, leafId, index: [], flat: 0, analytic, numeric, absError, relError: absError / Math.max(Math.abs(analytic), 1e-300), status };
  }

  function smallInspection(failing) {
    const text = '(x + y) * z';
    const nodes = [
      { id: 0, kind: 'leaf', op: 'leaf', label: 'x', name: 'x', inputs: [], value: scalar(-2), grad: scalar(-4), range: { start: 1, end: 2 }, source: 'x', checkStatus: 'pass' },
      { id: 1, kind: 'leaf', op: 'leaf', label: 'y', name: 'y', inputs: [], value: scalar(5), grad: scalar(-4), range: { start: 5, end: 6 }, source: 'y', checkStatus: failing ? 'fail' : 'pass' },
      { id: 2, kind: 'op', op: 'add', label: '+', inputs: [0, 1], value: scalar(3), grad: scalar(-4), range: { start: 0, end: 7 }, source: '(x + y)' },
      { id: 3, kind: 'leaf', op: 'leaf', label: 'z', name: 'z', inputs: [], value: scalar(-4), grad: scalar(3), range: { start: 10, end: 11 }, source: 'z', checkStatus: failing ? 'kink' : 'pass' },
      { id: 4, kind: 'op', op: 'mul', label: '*', inputs: [2, 3], value: scalar(-12), grad: scalar(1), range: { start: 0, end: 11 }, source: text },
    ];
    const entries = failing
      ? [entry('y', 1, -4, 0.75, 'fail'), entry('z', 3, 3, 2e-4, 'kink'), entry('x', 0, -4, 3.1e-10, 'pass')]
      // The errors the engine's full check reports for this example.
      : [entry('z', 3, 3, -8.881784197001252e-10, 'pass'), entry('x', 0, -4, -4.440892098500626e-10, 'pass'), entry('y', 1, -4, 0, 'pass')];
    if (failing) { entries[1].kinkNode = 2; }
    const maxAbs = Math.max(...entries.map(e => e.absError));
    const maxRel = Math.max(...entries.map(e => e.relError));
    return {
      title: 'lecture.py:3', language: 'python', text, value: scalar(-12), summedOutput: false, output: 4, nodes,
      check: { passed: !failing, mode: 'full', eps: 1e-6, atol: 1e-5, rtol: 1e-3, maxAbsError: maxAbs, maxRelError: maxRel, totalEntries: 3,
        counts: failing ? { pass: 1, fail: 1, kink: 1 } : { pass: 3, fail: 0, kink: 0 }, entries, entriesOmitted: 0, evaluations: 6, cancelled: false },
      memory: { ...memory(3, 16, 2), allAdjointBytes: 24, checkpointing: { every: 2, storedBytes: 16, savedBytes: 0, extraForwardOps: 1, extraForwardFraction: 0.5 } },
      derivatives: [
        { leaf: 'x', text: 'z', latex: 'z', value: -4 },
        { leaf: 'y', text: 'z', latex: 'z', value: -4 },
        { leaf: 'z', text: 'x + y', latex: 'x + y', value: 3 },
      ],
      notes: ['values from the document: x=-2, y=5, z=-4'],
    };
  }

  // Σ_i tanh(w_i·x_i + b_i), built term by term: six nodes a term plus the adds of the sum.
  function bigInspection(terms) {
    const nodes = [];
    let next = 0;
    const push = node => { node.id = next++; nodes.push(node); return node; };
    let total;
    const entries = [];
    let seed = 7;
    const random = () => { seed = (seed * 16807) % 2147483647; return seed / 2147483647 * 2 - 1; };
    for (let i = 0; i < terms; i++) {
      const w = random(), x = random(), b = random();
      const u = w * x + b, t = Math.tanh(u), dt = 1 - t * t;
      const wn = push({ kind: 'leaf', op: 'leaf', label: `w${i}`, name: `w${i}`, inputs: [], value: scalar(w), grad: scalar(dt * x), checkStatus: 'pass' });
      const xn = push({ kind: 'leaf', op: 'leaf', label: `x${i}`, name: `x${i}`, inputs: [], value: scalar(x), grad: scalar(dt * w), checkStatus: 'pass' });
      const mul = push({ kind: 'op', op: 'mul', label: '*', inputs: [wn.id, xn.id], value: scalar(w * x), grad: scalar(dt) });
      const bn = push({ kind: 'leaf', op: 'leaf', label: `b${i}`, name: `b${i}`, inputs: [], value: scalar(b), grad: scalar(dt), checkStatus: 'pass' });
      const add = push({ kind: 'op', op: 'add', label: '+', inputs: [mul.id, bn.id], value: scalar(u), grad: scalar(dt) });
      const th = push({ kind: 'op', op: 'tanh', label: 'tanh', inputs: [add.id], value: scalar(t), grad: scalar(1) });
      entries.push(entry(`w${i}`, wn.id, dt * x, 1e-10 * random(), 'pass'));
      total = total === undefined ? th : push({ kind: 'op', op: 'add', label: '+', inputs: [total.id, th.id], value: scalar(total.value.data[0] + t), grad: scalar(1) });
    }
    return {
      title: `big.py (${nodes.length} nodes)`, language: 'python', text: '', value: total.value, summedOutput: false, output: total.id, nodes,
      check: { passed: true, mode: 'fast', eps: 1e-6, atol: 1e-5, rtol: 1e-3, maxAbsError: 1e-10, maxRelError: 3e-10, totalEntries: 3 * terms,
        counts: { pass: 3 * terms, fail: 0, kink: 0 }, entries: entries.slice(0, 50), entriesOmitted: 3 * terms - 50,
        directional: { analytic: 1.2345, numeric: 1.2345000001, absError: 1e-10, relError: 8e-11, status: 'pass' }, evaluations: 40, cancelled: false },
      memory: memory(3 * terms, nodes.length * 8, nodes.length - 3 * terms),
      derivativesUnavailable: 'symbolic derivatives are shown for expressions up to 200 nodes',
      notes: [],
    };
  }

  // An ONNX-like model: layers named by prefix, tensors as values.
  function layersInspection(layers, width) {
    const nodes = [];
    let next = 0;
    const push = node => { node.id = next++; nodes.push(node); return node; };
    const vec = n => tensor([1, n], Array.from({ length: n }, (_, k) => Math.sin(k + next)));
    let h = push({ kind: 'leaf', op: 'leaf', label: 'input', name: 'input', inputs: [], value: vec(width), grad: vec(width) });
    for (let l = 0; l < layers; l++) {
      const group = `/layer${l}`;
      const W = push({ kind: 'leaf', op: 'leaf', label: `layer${l}.weight`, name: `layer${l}.weight`, inputs: [], value: tensor([width, width], Array.from({ length: width * width }, (_, k) => Math.cos(k))), grad: tensor([width, width], Array.from({ length: width * width }, (_, k) => Math.cos(k) / (l + 1))), group, checkStatus: 'pass' });
      const b = push({ kind: 'leaf', op: 'leaf', label: `layer${l}.bias`, name: `layer${l}.bias`, inputs: [], value: vec(width), grad: vec(width), group, checkStatus: 'pass' });
      const mm = push({ kind: 'op', op: 'matmul', label: 'MatMul', inputs: [h.id, W.id], value: vec(width), grad: vec(width), origin: `${group}/MatMul`, group });
      const add = push({ kind: 'op', op: 'add', label: 'Add', inputs: [mm.id, b.id], value: vec(width), grad: vec(width), origin: `${group}/Add`, group });
      h = push({ kind: 'op', op: 'relu', label: 'Relu', inputs: [add.id], value: vec(width), grad: vec(width), origin: `${group}/Relu`, group });
    }
    const loss = push({ kind: 'op', op: 'sum', label: 'l2 loss', inputs: [h.id], value: scalar(1.5), grad: scalar(1) });
    return {
      title: 'mlp.onnx', language: 'onnx', text: '', value: loss.value, summedOutput: false, output: loss.id, nodes,
      memory: memory(layers * (width * width + width), layers * 3 * width * 8, layers * 3), derivativesUnavailable: 'symbolic form not available for tensors',
      notes: ['symbolic dimension batch set to 1'],
    };
  }

  // The real mlp_relu.onnx inspection (mlp-relu.js holds its CLI JSON), converted like src/wire.ts:
  // nested arrays become tensor summaries, leaves take their worst check status, nodes their layer.
  function onnxInspection() {
    const cli = window.mlpReluCliJson;
    const flat = value => (Array.isArray(value) ? value.flat(Infinity) : [value]);
    const layerOf = name => {
      const parts = name.replace(/^\//, '').split(/[/.]/).filter(p => p !== '');
      return parts.length > 1 ? parts[0] : undefined;
    };
    const rank = { pass: 0, kink: 1, fail: 2 };
    const statuses = new Map();
    for (const e of cli.check.entries) {
      const old = statuses.get(e.leafId);
      statuses.set(e.leafId, old === undefined || rank[e.status] > rank[old] ? e.status : old);
    }
    const nodes = cli.graph.nodes.map(n => {
      const node = { id: n.id, kind: n.kind, op: n.op, label: n.label, inputs: n.inputs, value: tensor(n.shape, flat(n.value)) };
      if (n.name !== undefined) { node.name = n.name; }
      if (n.grad !== undefined) { node.grad = tensor(n.shape, flat(n.grad)); }
      if (n.origin !== undefined) { node.origin = n.origin; }
      const group = n.origin === undefined ? layerOf(n.name || '') : n.origin.startsWith('loss (') ? 'loss' : layerOf(n.origin.replace(/ \([^()]*\)$/, ''));
      if (group !== undefined) { node.group = group; }
      if (n.kind === 'leaf' && statuses.has(n.id)) { node.checkStatus = statuses.get(n.id); }
      return node;
    });
    return {
      title: 'mlp_relu.onnx', language: 'onnx', text: '', value: scalar(cli.value), summedOutput: false, output: cli.graph.output, nodes,
      check: { ...cli.check, entriesOmitted: 0 }, memory: cli.memory,
      outputs: Object.entries(cli.outputs).map(([name, value]) => ({ name, value: tensor([value.length, value[0].length], flat(value)) })),
      derivativesUnavailable: 'symbolic form not available for tensors', notes: cli.notes,
    };
  }

  function sampleInspection() {
    switch (params.get('sample')) {
      case 'big': return bigInspection(Number(params.get('terms') || 86));
      case 'layers': return layersInspection(Number(params.get('layers') || 40), 4);
      case 'failing': return smallInspection(true);
      case 'onnx': return onnxInspection();
      default: return smallInspection(false);
    }
  }

  const settings = { eps: 1e-6, atol: 1e-5, rtol: 1e-3, mode: 'auto', fastThreshold: 2000, maxGraphNodes: Number(params.get('limit') || 150), significantDigits: 5 };

  let current;

  function sweep(leafId, flat) {
    const points = [];
    for (let k = 1; k <= 13; k++) {
      const h = 10 ** -k;
      const absError = h * h * 2.5 + 2.2e-16 * 8 / h;
      points.push({ h, numeric: -4 + absError, absError });
    }
    const leaf = current.nodes.find(n => n.id === leafId);
    return { leaf: leaf ? leaf.label : `node ${leafId}`, leafId, flat, analytic: -4, points };
  }

  window.acquireVsCodeApi = function () {
    return {
      postMessage(message) {
        posted.push(message);
        listeners.forEach(listener => listener(message));
        if (message.type === 'ready' && !params.get('restore')) {
          current = sampleInspection();
          send({ type: 'inspection', inspection: current, settings });
          if (params.get('tab')) { send({ type: 'showTab', tab: params.get('tab') }); }
        }
        if (message.type === 'requestSweep') {
          setTimeout(() => send({ type: 'sweep', sweep: sweep(message.leafId, message.flat) }), 50);
        }
      },
      getState() { return state; },
      setState(value) { state = value; sessionStorage.setItem('panelState', JSON.stringify(value)); },
    };
  };

  window.harness = {
    posted,
    violations,
    send,
    state: () => state,
    /** Resolves with the panel's next WebviewReport. */
    report() {
      return new Promise(resolve => {
        const listener = message => {
          if (message.type === 'report') {
            listeners.splice(listeners.indexOf(listener), 1);
            resolve(message.report);
          }
        };
        listeners.push(listener);
        send({ type: 'requestReport' });
      });
    },
  };
})();
