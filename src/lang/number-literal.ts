// Number literals of the math and Python dialects, read as Python reads them: `1_000`, `.5`, `5.`,
// `1.e5`, `2e-3`, and in Python `0x1f`, `0o17`, `0b101`. What Python refuses is an error here too,
// at the literal, saying what was expected, rather than a different reading (`1e+ 3` is not 1·e + 3).
import { excerpt } from '../engine/excerpt';
import { InspectError, SourceRange } from '../engine/errors';
import type { Dialect } from './parser';

export interface NumberLiteral {
  /** Offset just past the literal. */
  end: number;
  value: number;
}

const DECIMAL_EXAMPLE = 'a number such as 1.5, 2e-3 or 1_000';
const PREFIXED: ReadonlyMap<string, { base: number; digit: RegExp; name: string }> = new Map([
  ['x', { base: 16, digit: /[0-9a-fA-F]/, name: 'hexadecimal' }],
  ['o', { base: 8, digit: /[0-7]/, name: 'octal' }],
  ['b', { base: 2, digit: /[01]/, name: 'binary' }],
]);

/** Reads the literal starting at `start` (a digit, or `.` before a digit). */
export function readNumber(text: string, start: number, dialect: Dialect): NumberLiteral {
  const prefix = PREFIXED.get((text[start + 1] ?? '').toLowerCase());
  if (dialect === 'python' && text[start] === '0' && prefix) { return prefixedInteger(text, start, prefix); }
  let p = digitsFrom(text, start);
  if (text[p] === '.' && !startsName(text, p + 1, dialect)) { p = digitsFrom(text, p + 1); }
  p = exponentFrom(text, start, p, dialect);
  // `1.2.3`, `1e5.2`: one malformed number, not two numbers side by side.
  if (text[p] === '.' && isDigit(text[p + 1] ?? '')) {
    let q = p;
    while (isDigit(text[q] ?? '') || text[q] === '.' || text[q] === '_') { q++; }
    throw malformed(`malformed number '${excerpt(text.slice(start, q))}'`, { start, end: q }, DECIMAL_EXAMPLE);
  }
  const written = text.slice(start, p);
  if (/__|_$|_\.|\._|_[eE]/.test(written)) {
    throw malformed(`malformed number '${excerpt(written)}': '_' only goes between digits`, { start, end: p }, DECIMAL_EXAMPLE);
  }
  if (dialect === 'python' && (text[p] === 'j' || text[p] === 'J')) {
    throw new InspectError('complex numbers are not supported', 'unsupported', { start, end: p + 1 }, 'a real number');
  }
  if (dialect === 'python' && /^0[0_]*[1-9][0-9_]*$/.test(written)) {
    throw malformed(`leading zeros are not allowed in '${excerpt(written)}'`, { start, end: p }, 'an integer without leading zeros (or 0o for octal)');
  }
  const value = Number(written.replace(/_/g, ''));
  if (!Number.isFinite(value)) {
    throw malformed(`the number '${excerpt(written)}' is too large for float64 (at most about 1.8e308)`, { start, end: p }, 'a number of at most 1.8e308');
  }
  return { end: p, value };
}

function prefixedInteger(text: string, start: number, prefix: { base: number; digit: RegExp; name: string }): NumberLiteral {
  let p = start + 2;
  while (p < text.length && (prefix.digit.test(text[p]) || text[p] === '_')) { p++; }
  while (p < text.length && /[0-9a-zA-Z_]/.test(text[p]) && !prefix.digit.test(text[p])) { p++; }
  const written = text.slice(start, p);
  const digits = written.slice(2);
  if (digits === '' || !new RegExp(`^_?(?:${prefix.digit.source}+_)*${prefix.digit.source}+$`).test(digits)) {
    throw malformed(`malformed ${prefix.name} number '${excerpt(written)}'`, { start, end: p }, `${prefix.name} digits after ${written.slice(0, 2)}`);
  }
  const value = parseInt(digits.replace(/_/g, ''), prefix.base);
  if (!Number.isFinite(value)) {
    throw malformed(`the number '${excerpt(written)}' is too large for float64`, { start, end: p }, 'a smaller number');
  }
  return { end: p, value };
}

/**
 * After the mantissa: `e`, an optional sign, then digits. Python refuses an `e` without digits
 * (`1e`, `1e+`, `1ex`); math reads `2e` and `2e - x` as products with Euler's number, but a sign
 * followed by a space and digits (`1e+ 3`) is a broken exponent in both.
 */
function exponentFrom(text: string, start: number, p: number, dialect: Dialect): number {
  if (text[p] !== 'e' && text[p] !== 'E') { return p; }
  let q = p + 1;
  const signed = text[q] === '+' || text[q] === '-';
  if (signed) { q++; }
  if (isDigit(text[q] ?? '')) { return digitsFrom(text, q); }
  let afterSpace = q;
  while (text[afterSpace] === ' ' || text[afterSpace] === '\t') { afterSpace++; }
  const spacedDigits = signed && afterSpace > q && isDigit(text[afterSpace] ?? '');
  if (dialect === 'python' || spacedDigits) {
    const written = text.slice(start, q);
    throw malformed(`the exponent of '${excerpt(written)}' is missing its digits`, { start, end: q }, `digits right after '${excerpt(written)}', as in ${excerpt(written)}3`);
  }
  return p;
}

function digitsFrom(text: string, p: number): number {
  while (isDigit(text[p] ?? '') || text[p] === '_') { p++; }
  return p;
}

/** Whether a name starts after `5.`, so the `.` is not the number's: not when it is an exponent (`1.e5`) or Python's `j`. */
function startsName(text: string, p: number, dialect: Dialect): boolean {
  const c = text[p] ?? '';
  if ((c === 'e' || c === 'E') && /^[eE][+-]?\d/.test(text.slice(p, p + 3))) { return false; }
  if (dialect === 'python' && (c === 'j' || c === 'J')) { return false; }
  return /[A-Za-z_]/.test(c) || (c > '\x7f' && /\p{L}/u.test(c));
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

function malformed(message: string, range: SourceRange, expected: string): InspectError {
  return new InspectError(message, 'syntax', range, expected);
}
