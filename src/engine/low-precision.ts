// Rounding a double to a narrower float type, round to nearest, ties to even, as the hardware does:
// float32 by Math.fround; bfloat16 (8 exponent bits, 7 mantissa bits) and float16 (5 and 10) by
// rounding the bits of the float32 or of the double.
export type LowPrecision = 'float32' | 'bfloat16' | 'float16';

export const LOW_PRECISIONS: readonly LowPrecision[] = ['float32', 'bfloat16', 'float16'];

/** Unit roundoff u = 2^−(mantissa bits + 1): the largest relative error of one rounding. */
export const UNIT_ROUNDOFF: Readonly<Record<LowPrecision, number>> = { float32: 2 ** -24, bfloat16: 2 ** -8, float16: 2 ** -11 };

const scratch = new DataView(new ArrayBuffer(8));

/**
 * bfloat16: the float32's upper 16 bits, rounded to nearest even on the lower 16. Rounding the
 * double to float32 first could round twice; taking the double's bits directly avoids that.
 */
export function roundToBfloat16(x: number): number {
  if (!Number.isFinite(x)) { return x; }
  return roundMantissa(x, 7, -126, 127);
}

/** float16: 10 mantissa bits, exponents −14…15, subnormals down to 2^−24, overflow to ±Infinity. */
export function roundToFloat16(x: number): number {
  if (!Number.isFinite(x)) { return x; }
  return roundMantissa(x, 10, -14, 15);
}

export function rounder(type: LowPrecision): (x: number) => number {
  return type === 'float32' ? Math.fround : type === 'bfloat16' ? roundToBfloat16 : roundToFloat16;
}

/**
 * x rounded to `bits` mantissa bits, ties to even, with the exponent range [minExponent, maxExponent]
 * (below it the spacing stays that of the smallest normal: subnormals). Overflow gives ±Infinity.
 */
function roundMantissa(x: number, bits: number, minExponent: number, maxExponent: number): number {
  if (x === 0) { return x; }
  scratch.setFloat64(0, Math.abs(x));
  const exponent = Math.max(((scratch.getUint32(0) >>> 20) & 0x7ff) - 1023, minExponent);
  const spacing = 2 ** (exponent - bits);
  const scaled = Math.abs(x) / spacing; // exact: a power-of-two division
  let rounded = Math.round(scaled);
  if (rounded - scaled === 0.5 && rounded % 2 === 1) { rounded -= 1; } // Math.round takes halves up
  const result = rounded * spacing;
  const largest = (2 - 2 ** -bits) * 2 ** maxExponent;
  const magnitude = result > largest ? Infinity : result;
  return x < 0 ? -magnitude : magnitude;
}
