// Leaf names inside the KaTeX formulas of the Derivatives tab. Pure: unit-tested in Node.
/** A leaf name as TeX: "w0" and "w_0" as w₀, "x" as x, anything else upright with only safe characters. */
export function leafTex(name: string): string {
  const indexed = /^([A-Za-z])_?(\d+)$/.exec(name);
  if (indexed) {
    return `${indexed[1]}_{${indexed[2]}}`;
  }
  if (/^[A-Za-z]$/.test(name)) {
    return name;
  }
  return `\\mathrm{${name.replace(/[^\p{L}\p{N}_.]/gu, '').replace(/_/g, '\\_')}}`;
}
