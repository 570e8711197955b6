// Pan and zoom of the drawn graph, as in Netron and TensorBoard: the wheel (and a touchpad pinch,
// which Chromium sends as a wheel with ctrlKey) zooms around the cursor, dragging pans, and with
// the canvas focused + / − zoom and 0 fits. A drag longer than a few pixels is not a click.
import { centreOn, firstView, fitTransform, transformAttribute, ZOOM_STEP, zoomAround, type Size, type Transform, type WorldPoint } from './viewport';

/** Pointer travel (px) after which a press is a drag, not a click. */
const DRAG_THRESHOLD = 4;
/** Wheel delta (px) that zooms by one ZOOM_STEP. */
const WHEEL_PER_STEP = 120;
/** Arrow keys pan by this many screen px. */
const KEY_PAN = 48;

export class Navigator {
  private transform: Transform = { scale: 1, x: 0, y: 0 };
  private content: Size = { width: 0, height: 0 };
  private viewport?: SVGGElement;
  private drag?: { pointer: number; startX: number; startY: number; from: Transform; moved: boolean };
  /** Set after a drag so the click that ends it does not select a box. */
  private suppressClick = false;

  constructor(private readonly canvas: HTMLElement) {
    canvas.addEventListener('wheel', event => this.onWheel(event), { passive: false });
    canvas.addEventListener('pointerdown', event => this.onPointerDown(event));
    canvas.addEventListener('pointermove', event => this.onPointerMove(event));
    canvas.addEventListener('pointerup', event => this.onPointerUp(event));
    canvas.addEventListener('pointercancel', event => this.onPointerUp(event));
    canvas.addEventListener('click', event => {
      if (this.suppressClick) {
        event.stopPropagation();
        event.preventDefault();
        this.suppressClick = false;
      }
    }, true);
    canvas.addEventListener('keydown', event => this.onKey(event));
  }

  /** A new drawing: its viewport group, its size, and the first view (output in view). */
  attach(viewport: SVGGElement, content: Size, output: WorldPoint | undefined, keepView: boolean): void {
    this.viewport = viewport;
    this.content = content;
    this.set(keepView ? this.transform : firstView(content, this.view(), output));
  }

  current(): Transform {
    return { ...this.transform };
  }

  view(): Size {
    return { width: this.canvas.clientWidth, height: this.canvas.clientHeight };
  }

  fit(): void {
    this.set(fitTransform(this.content, this.view()));
  }

  zoomBy(factor: number, at?: WorldPoint): void {
    const view = this.view();
    this.set(zoomAround(this.transform, factor, at ?? { x: view.width / 2, y: view.height / 2 }));
  }

  /** Centres a world point, zooming in to `minScale` when the view is smaller than that. */
  centre(point: WorldPoint, minScale: number): void {
    this.set(centreOn(this.transform, point, this.view(), Math.max(this.transform.scale, minScale)));
  }

  private set(transform: Transform): void {
    this.transform = transform;
    this.viewport?.setAttribute('transform', transformAttribute(transform));
  }

  private onWheel(event: WheelEvent): void {
    event.preventDefault();
    const bounds = this.canvas.getBoundingClientRect();
    const pixels = event.deltaMode === WheelEvent.DOM_DELTA_LINE ? event.deltaY * 16 : event.deltaY;
    this.zoomBy(ZOOM_STEP ** (-pixels / WHEEL_PER_STEP), { x: event.clientX - bounds.left, y: event.clientY - bounds.top });
  }

  private onPointerDown(event: PointerEvent): void {
    if (event.button !== 0) {
      return;
    }
    this.drag = { pointer: event.pointerId, startX: event.clientX, startY: event.clientY, from: this.transform, moved: false };
  }

  private onPointerMove(event: PointerEvent): void {
    const drag = this.drag;
    if (drag === undefined || drag.pointer !== event.pointerId) {
      return;
    }
    const dx = event.clientX - drag.startX;
    const dy = event.clientY - drag.startY;
    if (!drag.moved && Math.hypot(dx, dy) < DRAG_THRESHOLD) {
      return;
    }
    if (!drag.moved) {
      drag.moved = true;
      this.canvas.setPointerCapture(event.pointerId);
      this.canvas.classList.add('panning');
    }
    this.set({ ...drag.from, x: drag.from.x + dx, y: drag.from.y + dy });
  }

  private onPointerUp(event: PointerEvent): void {
    const drag = this.drag;
    if (drag === undefined || drag.pointer !== event.pointerId) {
      return;
    }
    this.drag = undefined;
    this.canvas.classList.remove('panning');
    if (drag.moved) {
      this.suppressClick = true;
      this.canvas.releasePointerCapture(event.pointerId);
    }
  }

  private onKey(event: KeyboardEvent): void {
    const pans: Record<string, [number, number]> = { ArrowLeft: [KEY_PAN, 0], ArrowRight: [-KEY_PAN, 0], ArrowUp: [0, KEY_PAN], ArrowDown: [0, -KEY_PAN] };
    if (event.key === '+' || event.key === '=') {
      this.zoomBy(ZOOM_STEP);
    } else if (event.key === '-' || event.key === '_') {
      this.zoomBy(1 / ZOOM_STEP);
    } else if (event.key === '0') {
      this.fit();
    } else if (event.key in pans && event.target === this.canvas) {
      const [dx, dy] = pans[event.key];
      this.set({ ...this.transform, x: this.transform.x + dx, y: this.transform.y + dy });
    } else {
      return;
    }
    event.preventDefault();
  }
}
