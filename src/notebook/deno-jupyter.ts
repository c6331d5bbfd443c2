// Deno's Jupyter kernel API (`Deno.jupyter`), read without a Deno type dependency. Outside
// `deno jupyter` the property throws ("Deno.jupyter is only available in `deno jupyter`
// subcommand"), and under Node there is no `Deno` at all: both read as undefined here.

/** The part of `Deno.jupyter` we use: `broadcast` sends one iopub message in the running cell. */
export interface DenoJupyter {
  broadcast(
    msgType: string,
    content: Record<string, unknown>,
    extra?: { metadata?: Record<string, unknown> },
  ): Promise<void>;
}

/** Where the `Deno` global is looked up; tests pass their own. */
export interface DenoGlobal {
  Deno?: { jupyter?: unknown };
}

/**
 * `Deno.jupyter` when this process is Deno's Jupyter kernel, else undefined.
 *
 * @example
 * denoJupyter()?.broadcast('display_data', { data: { 'text/plain': 'hi' }, metadata: {}, transient: {} });
 */
export function denoJupyter(global: DenoGlobal = globalThis as DenoGlobal): DenoJupyter | undefined {
  let jupyter: unknown;
  try {
    jupyter = global.Deno?.jupyter;
  } catch {
    return undefined; // `deno run`: the getter throws
  }
  if (jupyter === null || typeof jupyter !== 'object') return undefined;
  return typeof (jupyter as Partial<DenoJupyter>).broadcast === 'function' ? (jupyter as DenoJupyter) : undefined;
}
