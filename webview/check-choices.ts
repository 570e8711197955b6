// The words of the check's reference and precision choices, shared by the Re-run dropdowns, the
// banner and the sweep plot's legend. Pure.
import type { CheckReferenceSetting, PrecisionSetting, WireCheck } from '../src/protocol';

export const REFERENCE_CHOICES: readonly { value: CheckReferenceSetting; label: string }[] = [
  { value: 'central', label: 'central difference' },
  { value: 'richardson', label: 'Richardson' },
  { value: 'complex', label: 'complex step' },
];

export const PRECISION_CHOICES: readonly { value: PrecisionSetting; label: string }[] = [
  { value: 'none', label: 'float64 only' },
  { value: 'float32', label: 'float32 replay' },
  { value: 'bfloat16', label: 'bfloat16 replay' },
  { value: 'float16', label: 'float16 replay' },
];

/** The check's reference; a check from an older host carries none and was central. */
export function referenceInUse(check: Pick<WireCheck, 'reference'>): CheckReferenceSetting {
  return check.reference ?? 'central';
}
