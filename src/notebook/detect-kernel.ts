// Which notebook kernel runs this code: Deno's Jupyter kernel, tslab, or none (plain Node or
// Deno: scripts, tests, CI). Decided once from explicit probes, in that order: Deno first
// (a tslab module cannot be live inside Deno), then tslab's live internal module.
import { denoJupyter } from './deno-jupyter.js';
import { tslabJupyter } from './kernel.js';

/** The kernels the display layer writes to; 'node' means a terminal (no notebook). */
export type KernelName = 'tslab' | 'deno' | 'node';

/** What `detectKernel` looks at; tests pass stand-ins. */
export interface KernelProbes {
  /** True inside `deno jupyter`. Default: `Deno.jupyter` is readable. */
  deno(): boolean;
  /** True inside a tslab kernel. Default: tslab's internal jupyter module is loaded by the kernel. */
  tslab(): boolean;
}

export const defaultProbes: KernelProbes = {
  deno: () => denoJupyter() !== undefined,
  tslab: () => tslabJupyter() !== undefined,
};

/**
 * The kernel this process runs in.
 *
 * @example
 * detectKernel(); // 'node' in a script, 'tslab' or 'deno' in a notebook
 */
export function detectKernel(probes: KernelProbes = defaultProbes): KernelName {
  if (probes.deno()) return 'deno';
  if (probes.tslab()) return 'tslab';
  return 'node';
}
