// The output writer of the kernel this process runs in (detect-kernel.ts), made once.
import { detectKernel, type KernelName } from '../detect-kernel.js';
import { createDenoOutput } from './deno-output.js';
import type { KernelOutput } from './kernel-output.js';
import { createNodeOutput } from './node-output.js';
import { createTslabOutput } from './tslab-output.js';

let current: KernelOutput | undefined;

/**
 * The writer for this process's kernel: tslab, Deno, or terminal text.
 *
 * @example
 * currentOutput().kernel; // 'tslab' | 'deno' | 'node'
 */
export function currentOutput(): KernelOutput {
  current ??= outputFor(detectKernel());
  return current;
}

/**
 * A new writer for `kernel`.
 *
 * @example
 * outputFor('node').write({ 'text/plain': 'hi' });
 */
export function outputFor(kernel: KernelName): KernelOutput {
  if (kernel === 'deno') return createDenoOutput();
  if (kernel === 'tslab') return createTslabOutput();
  return createNodeOutput();
}
