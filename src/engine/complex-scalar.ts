// Complex scalar functions for the complex-step reference, as [re, im] pairs. Written so that a
// tiny imaginary part keeps all its digits: no function goes through a form (a polar angle near π,
// a difference of nearly equal numbers) that would round it away.
export type Complex = readonly [number, number];

export function complexExp([a, b]: Complex): Complex {
  const m = Math.exp(a);
  return [m * Math.cos(b), m * Math.sin(b)];
}

/** Principal log: log|z| + i·arg z (|z| through hypot, so no overflow). */
export function complexLog([a, b]: Complex): Complex {
  return [Math.log(Math.hypot(a, b)), Math.atan2(b, a)];
}

/** log(1 + z), keeping the digits of a small real part through log1p. */
export function complexLog1p([a, b]: Complex): Complex {
  const re = a * a + b * b < 1e-8 ? Math.log1p(a) + 0.5 * Math.log1p((b / (1 + a)) ** 2) : Math.log(Math.hypot(1 + a, b));
  return [re, Math.atan2(b, 1 + a)];
}

export function complexSin([a, b]: Complex): Complex {
  return [Math.sin(a) * Math.cosh(b), Math.cos(a) * Math.sinh(b)];
}

export function complexCos([a, b]: Complex): Complex {
  return [Math.cos(a) * Math.cosh(b), -Math.sin(a) * Math.sinh(b)];
}

export function complexSinh([a, b]: Complex): Complex {
  return [Math.sinh(a) * Math.cos(b), Math.cosh(a) * Math.sin(b)];
}

export function complexCosh([a, b]: Complex): Complex {
  return [Math.cosh(a) * Math.cos(b), Math.sinh(a) * Math.sin(b)];
}

export function complexTan([a, b]: Complex): Complex {
  // tan z = (sin 2a + i sinh 2b) / (cos 2a + cosh 2b)
  const d = Math.cos(2 * a) + Math.cosh(2 * b);
  return [Math.sin(2 * a) / d, Math.sinh(2 * b) / d];
}

export function complexTanh([a, b]: Complex): Complex {
  // tanh z = (sinh 2a + i sin 2b) / (cosh 2a + cos 2b); for large |a| that is ±1 + i·4b·e^(−2|a|).
  if (Math.abs(a) > 20) { return [Math.sign(a), 4 * Math.sin(b) * Math.cos(b) * Math.exp(-2 * Math.abs(a))]; }
  const d = Math.cosh(2 * a) + Math.cos(2 * b);
  return [Math.sinh(2 * a) / d, Math.sin(2 * b) / d];
}

export function complexMul([a, b]: Complex, [c, d]: Complex): Complex {
  return [a * c - b * d, a * d + b * c];
}

export function complexDiv([a, b]: Complex, [c, d]: Complex): Complex {
  const n = c * c + d * d;
  return [(a * c + b * d) / n, (b * c - a * d) / n];
}

/** Principal square root, in the form that does not cancel for either sign of the real part. */
export function complexSqrt([a, b]: Complex): Complex {
  if (a === 0 && b === 0) { return [0, 0]; }
  const r = Math.sqrt((Math.abs(a) + Math.hypot(a, b)) / 2);
  return a >= 0 ? [r, b / (2 * r)] : [Math.abs(b) / (2 * r), b >= 0 ? r : -r];
}

/** 1 / (1 + e^(−z)), through e^(z) for z < 0 so neither form overflows. */
export function complexSigmoid(z: Complex): Complex {
  if (z[0] >= 0) { return complexDiv([1, 0], add1(complexExp([-z[0], -z[1]]))); }
  const e = complexExp(z);
  return complexDiv(e, add1(e));
}

/** log(1 + e^z), as z + log(1 + e^(−z)) for z > 0. */
export function complexSoftplus(z: Complex): Complex {
  if (z[0] > 0) {
    const rest = complexLog1p(complexExp([-z[0], -z[1]]));
    return [z[0] + rest[0], z[1] + rest[1]];
  }
  return complexLog1p(complexExp(z));
}

/**
 * z^w. A real exponent p on z = a + ib with a ≠ 0 goes through a^p·(1 + ib/a)^p, whose log has no
 * branch cut near 1: the polar form's angle near π (a < 0) would round the small imaginary part away.
 */
export function complexPow(z: Complex, w: Complex): Complex {
  const [a, b] = z;
  if (w[1] === 0 && a !== 0) {
    const p = w[0];
    const base = a ** p; // NaN for a < 0 and a fractional p, as the real pow
    if (b === 0) { return [base, 0]; }
    const u = b / a;
    const angle = p * Math.atan(u), magnitude = Math.exp(0.5 * p * Math.log1p(u * u));
    return [base * magnitude * Math.cos(angle), base * magnitude * Math.sin(angle)];
  }
  if (a === 0 && b === 0) { return w[0] > 0 ? [0, 0] : [NaN, NaN]; }
  return complexExp(complexMul(w, complexLog(z)));
}

function add1([a, b]: Complex): Complex {
  return [1 + a, b];
}
