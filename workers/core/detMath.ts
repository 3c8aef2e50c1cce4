/**
 * Transcendental functions for engine code.
 *
 * ECMAScript leaves Math.exp/log/pow/sin/cos implementation-approximated, so two browsers may
 * disagree in the last bit and a shared link would then give a different result. Engine code
 * imports these instead of Math.*; they must give bit-identical results in every JavaScript engine.
 * (sqrt, +, -, *, / are exactly rounded by IEEE 754 and are safe to use directly.)
 */
export const exp = (x: number): number => Math.exp(x);
export const log = (x: number): number => Math.log(x);
export const pow = (x: number, y: number): number => Math.pow(x, y);
export const sin = (x: number): number => Math.sin(x);
export const cos = (x: number): number => Math.cos(x);
