// Validation of the Re-run controls: the host only ever gets finite, sensible tolerances. Pure.
import type { CheckModeSetting } from '../src/protocol';

export interface RerunInput {
  eps: string;
  atol: string;
  rtol: string;
  mode: string;
}

export type RerunField = 'eps' | 'atol' | 'rtol' | 'mode';

export type RerunParse =
  | { ok: true; eps: number; atol: number; rtol: number; mode: CheckModeSetting }
  | { ok: false; errors: Partial<Record<RerunField, string>> };

function parseNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '' || !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(trimmed)) {
    return undefined;
  }
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}

export function parseRerun(input: RerunInput): RerunParse {
  const errors: Partial<Record<RerunField, string>> = {};
  const eps = parseNumber(input.eps);
  if (eps === undefined || eps <= 0 || eps >= 1) {
    errors.eps = 'eps must be a number between 0 and 1, e.g. 1e-6';
  }
  const atol = parseNumber(input.atol);
  if (atol === undefined || atol < 0) {
    errors.atol = 'atol must be a number ≥ 0, e.g. 1e-8';
  }
  const rtol = parseNumber(input.rtol);
  if (rtol === undefined || rtol < 0) {
    errors.rtol = 'rtol must be a number ≥ 0, e.g. 1e-5';
  }
  const mode = input.mode;
  if (mode !== 'auto' && mode !== 'full' && mode !== 'fast') {
    errors.mode = 'mode must be auto, full or fast';
  }
  if (Object.keys(errors).length > 0 || eps === undefined || atol === undefined || rtol === undefined) {
    return { ok: false, errors };
  }
  return { ok: true, eps, atol, rtol, mode: mode as CheckModeSetting };
}
