// The ONNX operator table: each supported op type (default domain) and the converter that turns
// one node of it into engine ops. Converters return the node's output values in order.
import { mathConverters } from './operators-math';
import { nnConverters } from './operators-nn';
import { quantConverters } from './operators-quant';
import { rnnConverters } from './operators-rnn';
import { tensorConverters } from './operators-tensor';
import { shapeConverters } from './operators-shape';
import { convConverters } from './operators-conv';
import { resizeConverters } from './operators-resize';
import { NodeBuilder, Value } from './values';

export type Converter = (builder: NodeBuilder) => Value[];

const converters: ReadonlyMap<string, Converter> = new Map(Object.entries({ ...mathConverters, ...tensorConverters, ...nnConverters, ...shapeConverters, ...quantConverters, ...convConverters, ...rnnConverters, ...resizeConverters }));

/** True for the default ONNX domain ('' or 'ai.onnx'), the only one this importer reads. */
export function isDefaultDomain(domain: string): boolean {
  return domain === '' || domain === 'ai.onnx';
}

export function converterFor(opType: string, domain: string): Converter | undefined {
  return isDefaultDomain(domain) ? converters.get(opType) : undefined;
}

/** The op types of the default domain that have a converter, sorted (the README's operator table). */
export function supportedOperators(): string[] {
  return [...converters.keys()].sort();
}
