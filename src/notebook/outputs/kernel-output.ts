// The one small interface the display layer writes through: add an output to the running
// cell, replace it later by display id (also after its cell has finished), clear it. One
// implementation per kernel: tslab-output.ts, deno-output.ts, node-output.ts (terminal text:
// the one place that draws progress bars and live views in a terminal or a log).
import type { MimeBundle } from '../../types.js';
import type { KernelName } from '../detect-kernel.js';

/** How a bundle was written: whole, as one MIME type (tslab fallback), as terminal text, or not at all. */
export type WriteResult = 'bundle' | 'single' | 'text' | 'none';

/** Per-write options. */
export interface OutputOptions {
  /** Jupyter display_id, needed to update or clear the output later. Default none. */
  displayId?: string;
  /** Per-MIME metadata of display_data. Default {}. */
  metadata?: Record<string, unknown>;
  /**
   * On `update`: this is the output's last state (a finished or failed load). A terminal prints it
   * whole and at once and lets go of the output (node-output.ts); notebooks ignore it. Default false.
   */
  final?: boolean;
}

/** Writes, updates and clears outputs in one kernel. */
export interface KernelOutput {
  readonly kernel: KernelName;
  /**
   * True when `write` lands in a notebook cell now. Outputs must be CREATED while their cell
   * runs (kernels route a new output to the cell running when it is written); updates find
   * their output by display id wherever they are sent from.
   */
  canDisplay(): boolean;
  /** Adds `bundle` as one output of the running cell. */
  write(bundle: MimeBundle, options?: OutputOptions): WriteResult;
  /** Replaces the output with `displayId` (update_display_data). */
  update(displayId: string, bundle: MimeBundle, options?: OutputOptions): WriteResult;
  /** Empties the output with `displayId` (Jupyter has no delete: an update to empty text). */
  clear(displayId: string): void;
}

/** The bundle that stands for a cleared output. */
export const EMPTY_BUNDLE: MimeBundle = Object.freeze({ 'text/plain': '' });
