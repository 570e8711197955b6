// The webview benchmark's page (bundled by bench/webview/run.js): draws one graph with the panel's
// own pipeline (layout worker, then our SVG) or with mermaid's render() of the same flowchart text,
// and reports the time to an interactive drawing (the SVG in the page, after the next frame).
import type { GraphPalette } from '../../webview/graph/flowchart';
import { LayoutClient } from '../../webview/graph/layout-client';
import { renderMermaid } from '../../webview/graph/mermaid-render';
import { measureFont } from '../../webview/graph/font-metrics';
import type { Scene } from '../../webview/graph/scene';
import { drawScene, type SceneLook } from '../../webview/graph/svg-scene';
import { deepResidualModel, residualStack } from './graphs';

const PALETTE: GraphPalette = {
  none: { fill: '#ffffff', text: '#333333' }, border: '#c8c8c8', output: '#3794ff', fail: '#f14c4c', kink: '#cca700', pass: '#73c991',
};
const FONT_FAMILY = 'sans-serif';
const LOOK: SceneLook = { font: FONT_FAMILY, fontSize: 13, lineHeight: 18, edgeColor: '#717171', background: '#ffffff' };

const client = new LayoutClient();
let generation = 0;

function nextFrame(): Promise<void> {
  return new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

function host(): HTMLElement {
  const old = document.getElementById('stage');
  old?.remove();
  const stage = document.createElement('div');
  stage.id = 'stage';
  stage.style.width = '900px';
  stage.style.height = '700px';
  stage.style.overflow = 'hidden';
  document.body.append(stage);
  return stage;
}

async function layOut(boxes: number): Promise<Scene> {
  const { nodes, output } = residualStack(boxes);
  const scene = await client.layout({
    generation: ++generation, nodes, output, limit: boxes, expanded: [], direction: 'LR', view: { width: 900, height: 700 },
    digits: 6, palette: PALETTE, colourBy: 'gradient', metrics: measureFont(`${LOOK.fontSize}px ${FONT_FAMILY}`, LOOK.lineHeight), freshLayout: true,
  });
  if (scene === undefined) {
    throw new Error('the layout was superseded');
  }
  return scene;
}

/** Our pipeline: worker layout, SVG drawing, next frame. Milliseconds, boxes drawn and where the layout ran. */
async function ours(boxes: number): Promise<{ ms: number; boxes: number; place: string }> {
  const stage = host();
  await nextFrame();
  const started = performance.now();
  const scene = await layOut(boxes);
  const drawn = drawScene(scene, LOOK);
  stage.append(drawn.svg);
  await nextFrame();
  return { ms: performance.now() - started, boxes: stage.querySelectorAll('g.node').length, place: client.place };
}

/** mermaid's render() of the same flowchart text, inserted, next frame. */
async function peer(boxes: number): Promise<{ ms: number; boxes: number }> {
  const text = (await layOut(boxes)).flowchart.text;
  const stage = host();
  await nextFrame();
  const started = performance.now();
  const svg = await renderMermaid(`peer-${++generation}`, text, { theme: 'default', themeVariables: { fontSize: '13px' }, fontFamily: FONT_FAMILY });
  stage.innerHTML = svg;
  await nextFrame();
  return { ms: performance.now() - started, boxes: stage.querySelectorAll('g.node').length };
}

/**
 * The model of 10⁵ engine nodes as the panel first shows it: merged into ONNX nodes,
 * folded to the limit of 1,000 boxes, laid out in the worker, drawn, next frame.
 */
async function folded(blocks: number): Promise<{ ms: number; nodes: number; boxes: number; place: string }> {
  const { nodes, output } = deepResidualModel(blocks);
  const stage = host();
  await nextFrame();
  const started = performance.now();
  const scene = await client.layout({
    generation: ++generation, nodes, output, limit: 1000, expanded: [], direction: 'auto', view: { width: 900, height: 700 },
    digits: 6, palette: PALETTE, colourBy: 'gradient', metrics: measureFont(`${LOOK.fontSize}px ${FONT_FAMILY}`, LOOK.lineHeight), freshLayout: true,
  });
  if (scene === undefined) {
    throw new Error('the layout was superseded');
  }
  stage.append(drawScene(scene, LOOK).svg);
  await nextFrame();
  return { ms: performance.now() - started, nodes: nodes.length, boxes: stage.querySelectorAll('g.node').length, place: client.place };
}

(window as unknown as { bench: unknown }).bench = { ours, peer, folded };
