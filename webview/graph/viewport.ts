// The graph's pan and zoom as one transform, screen = world · scale + (x, y), and the moves on it:
// fit, zoom around a point, centre a point. Pure: unit-tested in Node; navigation.ts applies them.

export interface Transform {
  scale: number;
  x: number;
  y: number;
}

export interface Size {
  width: number;
  height: number;
}

export interface WorldPoint {
  x: number;
  y: number;
}

/** Zoom limits: small enough to fit a 5,000-box chain (about 200,000 px long) in a side column. */
export const MIN_SCALE = 0.002;
export const MAX_SCALE = 4;
/** Fitting never enlarges a small graph past its natural size. */
export const FIT_MAX_SCALE = 1;
/** Margin kept around a fitted drawing, in screen px. */
export const FIT_MARGIN = 12;
/** Below this scale a fit is an unreadable overview: the first view then centres the output instead. */
export const MIN_FIRST_VIEW_SCALE = 0.12;
/** Each zoom step (button, key) multiplies the scale by this. */
export const ZOOM_STEP = 1.25;

export function clampScale(scale: number): number {
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}

/** The whole drawing centred in the view, as large as fits (at most natural size). */
export function fitTransform(content: Size, view: Size): Transform {
  const room = { width: Math.max(1, view.width - 2 * FIT_MARGIN), height: Math.max(1, view.height - 2 * FIT_MARGIN) };
  const scale = clampScale(Math.min(FIT_MAX_SCALE, room.width / Math.max(1, content.width), room.height / Math.max(1, content.height)));
  return { scale, x: (view.width - content.width * scale) / 2, y: (view.height - content.height * scale) / 2 };
}

/** Zooms by `factor` keeping the world point under `screen` where it is. */
export function zoomAround(t: Transform, factor: number, screen: WorldPoint): Transform {
  const scale = clampScale(t.scale * factor);
  const ratio = scale / t.scale;
  return { scale, x: screen.x - (screen.x - t.x) * ratio, y: screen.y - (screen.y - t.y) * ratio };
}

/** Moves the view so the world point `point` is in the middle, at `scale` (default: unchanged). */
export function centreOn(t: Transform, point: WorldPoint, view: Size, scale: number = t.scale): Transform {
  const s = clampScale(scale);
  return { scale: s, x: view.width / 2 - point.x * s, y: view.height / 2 - point.y * s };
}

/**
 * The first view of a drawing: fitted, unless that would be too small to read, then the output's
 * box centred at the smallest readable scale. Either way the output is in view.
 */
export function firstView(content: Size, view: Size, output: WorldPoint | undefined): Transform {
  const fitted = fitTransform(content, view);
  if (fitted.scale >= MIN_FIRST_VIEW_SCALE || output === undefined) {
    return fitted;
  }
  return centreOn(fitted, output, view, MIN_FIRST_VIEW_SCALE);
}

export function toScreen(t: Transform, point: WorldPoint): WorldPoint {
  return { x: point.x * t.scale + t.x, y: point.y * t.scale + t.y };
}

export function toWorld(t: Transform, screen: WorldPoint): WorldPoint {
  return { x: (screen.x - t.x) / t.scale, y: (screen.y - t.y) / t.scale };
}

/** Whether a world rectangle (centre and size) lies wholly inside the view. */
export function isInView(t: Transform, view: Size, box: WorldPoint & Size): boolean {
  const topLeft = toScreen(t, { x: box.x - box.width / 2, y: box.y - box.height / 2 });
  const bottomRight = toScreen(t, { x: box.x + box.width / 2, y: box.y + box.height / 2 });
  return topLeft.x >= -0.5 && topLeft.y >= -0.5 && bottomRight.x <= view.width + 0.5 && bottomRight.y <= view.height + 0.5;
}

export function transformAttribute(t: Transform): string {
  return `translate(${t.x.toFixed(2)},${t.y.toFixed(2)}) scale(${t.scale.toFixed(5)})`;
}
