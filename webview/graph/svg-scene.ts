// Draws a laid-out scene as SVG with the look of mermaid's flowchart boxes (stadium inputs, rounded
// constants, double-bordered output, hexagonal folded groups, arrowed curves), one <g class="node">
// per box. Labels are set as text nodes, never parsed as markup.
import type { FlowBox } from './flowchart';
import { edgePath } from './layout';
import { plainLabel } from './escape';
import type { PlacedBox, Scene } from './scene';

const SVG = 'http://www.w3.org/2000/svg';

export interface SceneLook {
  font: string;
  fontSize: number;
  lineHeight: number;
  edgeColor: string;
  background: string;
}

export interface DrawnScene {
  svg: SVGSVGElement;
  /** The group the pan and zoom transform goes on. */
  viewport: SVGGElement;
  /** Box id → its <g>. */
  boxes: Map<string, SVGGElement>;
  /** One path per flowchart edge, same order. */
  edges: SVGPathElement[];
}

function svgElement<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number> = {}): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) {
    element.setAttribute(name, String(value));
  }
  return element;
}

function arrowMarker(id: string, color: string): SVGMarkerElement {
  const marker = svgElement('marker', { id, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse', markerUnits: 'userSpaceOnUse' });
  marker.append(svgElement('path', { d: 'M0,0L10,5L0,10z', fill: color }));
  return marker;
}

function outline(box: FlowBox, width: number, height: number): SVGElement[] {
  const style = box.style;
  const paint = { fill: style.fill, stroke: style.stroke, 'stroke-width': style.strokeWidth, ...(style.dash === undefined ? {} : { 'stroke-dasharray': style.dash }) };
  switch (box.shape) {
    case 'leaf':
      return [svgElement('rect', { width, height, rx: height / 2, ry: height / 2, ...paint })];
    case 'constant':
      return [svgElement('rect', { width, height, rx: 6, ry: 6, ...paint })];
    case 'output': {
      const inset = 5;
      return [
        svgElement('rect', { width, height, ...paint }),
        svgElement('path', { d: `M${inset},0V${height}M${width - inset},0V${height}`, fill: 'none', stroke: style.stroke, 'stroke-width': 1 }),
      ];
    }
    case 'group': {
      const point = height / 2;
      return [svgElement('polygon', { points: `${point},0 ${width - point},0 ${width},${point} ${width - point},${height} ${point},${height} 0,${point}`, ...paint })];
    }
    default:
      return [svgElement('rect', { width, height, ...paint })];
  }
}

function label(box: FlowBox, place: PlacedBox, look: SceneLook): SVGTextElement {
  const text = svgElement('text', { x: place.width / 2, 'text-anchor': 'middle', fill: box.style.text });
  const top = (place.height - box.lines.length * look.lineHeight) / 2;
  box.lines.forEach((line, i) => {
    const span = svgElement('tspan', { x: place.width / 2, y: (top + (i + 0.5) * look.lineHeight).toFixed(1), 'dominant-baseline': 'central' });
    span.textContent = plainLabel(line);
    text.append(span);
  });
  return text;
}

function boxGroup(box: FlowBox, place: PlacedBox, look: SceneLook): SVGGElement {
  const group = svgElement('g', {
    class: `node ${box.shape}`,
    transform: `translate(${(place.x - place.width / 2).toFixed(1)},${(place.y - place.height / 2).toFixed(1)})`,
  });
  group.dataset.box = box.id;
  group.append(...outline(box, place.width, place.height), label(box, place, look));
  return group;
}

function edgeCountLabel(route: Scene['routes'][number], count: number, look: SceneLook): SVGTextElement {
  const [start, end] = route;
  const text = svgElement('text', {
    x: ((start.x + end.x) / 2).toFixed(1), y: ((start.y + end.y) / 2 - 3).toFixed(1), 'text-anchor': 'middle',
    class: 'edge-count', fill: look.edgeColor, stroke: look.background, 'stroke-width': 3, 'paint-order': 'stroke',
  });
  text.textContent = `×${count}`;
  return text;
}

export function drawScene(scene: Scene, look: SceneLook): DrawnScene {
  const markerId = `gi-arrow-${scene.generation}`;
  const svg = svgElement('svg', { class: 'graph-svg', role: 'group', 'aria-label': 'Computation graph', 'font-family': look.font, 'font-size': look.fontSize });
  svg.append(svgElement('defs'));
  svg.firstElementChild?.append(arrowMarker(markerId, look.edgeColor));
  const viewport = svgElement('g', { class: 'viewport' });
  const edgeLayer = svgElement('g', { class: 'edges', fill: 'none', stroke: look.edgeColor });
  const countLayer = svgElement('g', { class: 'edge-counts', 'font-size': Math.max(9, look.fontSize - 2) });
  const edges = scene.flowchart.edges.map((edge, i) => {
    const path = svgElement('path', {
      d: edgePath(scene.routes[i], scene.flowchart.direction),
      'stroke-width': (1.25 + Math.log2(edge.count)).toFixed(2),
      'marker-end': `url(#${markerId})`,
    });
    path.dataset.from = edge.from;
    path.dataset.to = edge.to;
    edgeLayer.append(path);
    if (edge.count > 1) {
      countLayer.append(edgeCountLabel(scene.routes[i], edge.count, look));
    }
    return path;
  });
  const boxLayer = svgElement('g', { class: 'boxes' });
  const boxes = new Map<string, SVGGElement>();
  scene.flowchart.shapes.forEach((box, i) => {
    const group = boxGroup(box, scene.placed[i], look);
    boxes.set(box.id, group);
    boxLayer.append(group);
  });
  viewport.append(edgeLayer, boxLayer, countLayer);
  svg.append(viewport);
  return { svg, viewport, boxes, edges };
}

/** A standalone copy of the whole drawing at natural size, for the SVG export. */
export function exportableSvg(drawn: DrawnScene, scene: Scene): string {
  const copy = drawn.svg.cloneNode(true) as SVGSVGElement;
  const margin = 8;
  copy.setAttribute('xmlns', SVG);
  copy.setAttribute('viewBox', `${-margin} ${-margin} ${scene.width + 2 * margin} ${scene.height + 2 * margin}`);
  copy.setAttribute('width', String(Math.ceil(scene.width + 2 * margin)));
  copy.setAttribute('height', String(Math.ceil(scene.height + 2 * margin)));
  copy.querySelector('g.viewport')?.removeAttribute('transform');
  return copy.outerHTML;
}

