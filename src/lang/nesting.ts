// How deep any text front-end lets an expression nest.

/**
 * The deepest nesting the parsers accept: parentheses, call arguments, operands of unary minus and
 * of right-associative powers, subscripts, list literals, LaTeX groups and superscripts. Every
 * later stage (lowering, symbolic derivatives, simplifier, printers) recurses a few frames per
 * level, so this one number is what they must all take: test/unit/lang/nesting.test.ts runs every
 * construct at exactly its limit through the whole pipeline with 40% of Node's default stack
 * (about 2.5 times this depth fits there). Python's own parser stops at 200 nested parentheses too.
 */
export const MAX_NESTING = 200;
