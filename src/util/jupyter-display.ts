// The display hook of Deno's Jupyter kernel, which `show` honours too: an object with a method
// under Symbol.for('Jupyter.display') returning a MIME bundle (or a promise of one). One copy,
// used by charts (render/) and the display layer (notebook/).

/** The key Deno's Jupyter kernel (and `show`) look up to display an object. */
export const JUPYTER_DISPLAY: unique symbol = Symbol.for('Jupyter.display');

/** A MIME bundle: MIME type → data (strings, or JSON objects for `+json` types). */
type Bundle = Record<string, unknown>;

/** Anything with the display hook. */
export interface Displayable {
  [JUPYTER_DISPLAY](): Bundle | Promise<Bundle>;
}

/**
 * True when `x` has the display hook.
 *
 * @example
 * isDisplayable(chart); // true
 */
export function isDisplayable(x: unknown): x is Displayable {
  return x !== null && typeof x === 'object' && typeof (x as Record<symbol, unknown>)[JUPYTER_DISPLAY] === 'function';
}
