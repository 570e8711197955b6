// The gradientInspector.* settings, read fresh for every check so changes apply to the next one.
import * as vscode from 'vscode';
import { DEFAULT_ATOL, DEFAULT_EPS, DEFAULT_FAST_THRESHOLD, DEFAULT_RTOL } from '../engine/gradcheck';
import { DEFAULT_MAX_NODES, DEFAULT_MEMORY_MIB } from '../engine/limits';
import type { GradcheckOptions } from '../engine/gradcheck-types';
import type { LowPrecision } from '../engine/low-precision';
import type { CheckModeSetting, CheckReferenceSetting, PanelSettings, PrecisionSetting } from '../protocol';
import { dimensionDefaults } from './dimension-setting';

export const SECTION = 'gradientInspector';

/**
 * Memory budget of a hover: hovers run inspect() synchronously in the extension host, so a hover
 * never builds more than a small graph (tensors up to about 700,000 entries).
 */
export const HOVER_MEMORY_MIB = 32;

export interface LimitSettings {
  maxNodes: number;
  memoryMiB: number;
}

export interface HoverSettings {
  enabled: boolean;
  maxNodes: number;
}

function positive(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

function nonNegative(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

function mode(value: string | undefined): CheckModeSetting {
  return value === 'full' || value === 'fast' ? value : 'auto';
}

function reference(value: string | undefined): CheckReferenceSetting {
  return value === 'richardson' || value === 'complex' ? value : 'central';
}

function precision(value: string | undefined): PrecisionSetting {
  return value === 'float32' || value === 'bfloat16' || value === 'float16' ? value : 'none';
}

export function panelSettings(): PanelSettings {
  const c = vscode.workspace.getConfiguration(SECTION);
  return {
    eps: positive(c.get<number>('eps'), DEFAULT_EPS),
    atol: nonNegative(c.get<number>('atol'), DEFAULT_ATOL),
    rtol: nonNegative(c.get<number>('rtol'), DEFAULT_RTOL),
    mode: mode(c.get<string>('mode')),
    fastThreshold: Math.round(positive(c.get<number>('fastThreshold'), DEFAULT_FAST_THRESHOLD)),
    maxGraphNodes: Math.round(positive(c.get<number>('maxGraphNodes'), 1000)),
    significantDigits: Math.min(17, Math.max(1, Math.round(positive(c.get<number>('significantDigits'), 6)))),
    reference: reference(c.get<string>('reference')),
    precision: precision(c.get<string>('precision')),
  };
}

export function hoverSettings(): HoverSettings {
  const c = vscode.workspace.getConfiguration(SECTION);
  return {
    enabled: c.get<boolean>('hover.enabled') !== false,
    maxNodes: Math.round(positive(c.get<number>('hover.maxNodes'), 500)),
  };
}

export interface DebugSettings {
  frameValues: boolean;
  maxEntries: number;
}

export function debugSettings(): DebugSettings {
  const c = vscode.workspace.getConfiguration(SECTION);
  return {
    frameValues: c.get<boolean>('debug.frameValues') !== false,
    maxEntries: Math.min(1_000_000, Math.round(positive(c.get<number>('debug.maxEntries'), 10_000))),
  };
}

/**
 * The limits of a check run from a command or the panel (the hover has its own, smaller ones).
 * Only the user's own value counts: the limits protect against what an opened repository holds,
 * so its workspace settings must not raise them (the manifest also scopes them to 'application').
 */
export function limitSettings(): LimitSettings {
  const c = vscode.workspace.getConfiguration(SECTION);
  const userValue = (key: string): number | undefined => c.inspect<number>(key)?.globalValue;
  return {
    maxNodes: Math.round(positive(userValue('limits.maxNodes'), DEFAULT_MAX_NODES)),
    memoryMiB: positive(userValue('limits.memoryMiB'), DEFAULT_MEMORY_MIB),
  };
}

/** Default sizes of named ONNX dimensions (gradientInspector.onnx.dimensions); a malformed entry throws naming it. */
export function onnxDimensionSettings(): Record<string, number> {
  return dimensionDefaults(vscode.workspace.getConfiguration(SECTION).get<unknown>('onnx.dimensions'));
}

/** Check options from the settings, or from the panel's own eps/atol/rtol/mode/reference controls. */
export function checkOptions(settings: PanelSettings): GradcheckOptions {
  return { eps: settings.eps, atol: settings.atol, rtol: settings.rtol, mode: settings.mode, fastThreshold: settings.fastThreshold, reference: settings.reference ?? 'central' };
}

/** The type to replay the forward and backward in, or undefined for none. */
export function replayPrecision(settings: PanelSettings): LowPrecision | undefined {
  return settings.precision === undefined || settings.precision === 'none' ? undefined : settings.precision;
}
