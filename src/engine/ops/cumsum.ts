// Cumulative sum along one axis (ONNX CumSum): inclusive or exclusive, forward or reversed. Its
// VJP is the cumulative sum of the adjoint in the other direction, with the same exclusivity.
import { Attrs, OpDef } from '../op';
import { Tensor } from '../tensor';
import { normalizeAxis, numberAttr } from './checks';
import { splitAtAxis } from './strided';

function cumulative(x: Tensor, axis: number, exclusive: boolean, reverse: boolean): Tensor {
  const { outer, length, inner } = splitAtAxis(x.shape, axis);
  const out = new Tensor(x.shape);
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < inner; j++) {
      let total = 0;
      for (let step = 0; step < length; step++) {
        const k = (o * length + (reverse ? length - 1 - step : step)) * inner + j;
        if (exclusive) { out.data[k] = total; total += x.data[k]; } else { total += x.data[k]; out.data[k] = total; }
      }
    }
  }
  return out;
}

function options(x: Tensor, attrs: Attrs): { axis: number; exclusive: boolean; reverse: boolean } {
  return {
    axis: normalizeAxis(numberAttr(attrs.axis, 0, 'cumsum axis'), x.rank, 'cumsum'),
    exclusive: attrs.exclusive === true,
    reverse: attrs.reverse === true,
  };
}

const cumsum: OpDef = {
  name: 'cumsum',
  arity: 1,
  label: attrs => `cumsum(axis=${numberAttr(attrs.axis, 0, 'cumsum axis')})`,
  forward: ([x], attrs) => {
    const o = options(x, attrs);
    return cumulative(x, o.axis, o.exclusive, o.reverse);
  },
  vjp: ({ inputs: [x], grad, attrs }) => {
    const o = options(x, attrs);
    return [cumulative(grad, o.axis, o.exclusive, !o.reverse)];
  },
};

export const scanOps: readonly OpDef[] = [cumsum];
