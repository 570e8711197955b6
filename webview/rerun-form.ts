// Validation of the Re-run controls: the host only ever gets finite, sensible tolerances and a
// reference and precision it knows. Pure.
import type { CheckModeSetting, CheckReferenceSetting, PrecisionSetting } from '../src/protocol';
import { PRECISIONS, REFERENCES } from './messages';

export interface RerunInput {
  eps: string;
  atol: string;
  rtol: string;
  mode: string;
  reference: string;
  precision: string;
}

export type RerunField = keyof RerunInput;

export interface RerunChoice {
  eps: number;
  atol: number;
  rtol: number;
  mode: CheckModeSetting;
  reference: CheckReferenceSetting;
  precision: PrecisionSetting;
}

export type RerunParse =
  | ({ ok: true } & RerunChoice)
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
  const reference = REFERENCES.find(r => r === input.reference);
  if (reference === undefined) {
    errors.reference = 'reference must be central, richardson or complex';
  }
  const precision = PRECISIONS.find(p => p === input.precision);
  if (precision === undefined) {
    errors.precision = 'precision must be none, float32, bfloat16 or float16';
  }
  if (Object.keys(errors).length > 0 || eps === undefined || atol === undefined || rtol === undefined || reference === undefined || precision === undefined) {
    return { ok: false, errors };
  }
  return { ok: true, eps, atol, rtol, mode: mode as CheckModeSetting, reference, precision };
}
