// No notebook (a script, a test, CI): outputs are terminal text. `write` prints the bundle's
// text/plain on its own line(s); updates and clears print nothing, because a live view or a
// progress bar redrawn every second would flood a log (the progress display draws its own
// terminal bar, see progress.ts).
import type { MimeBundle } from '../../types.js';
import type { KernelOutput } from './kernel-output.js';

/** Where the text goes; default process.stdout. */
export interface TextSink {
  write(s: string): unknown;
}

/**
 * The terminal's output writer.
 *
 * @example
 * createNodeOutput().write({ 'text/plain': '3 rows' }); // prints "3 rows"
 */
export function createNodeOutput(sink: TextSink = process.stdout): KernelOutput {
  return {
    kernel: 'node',
    canDisplay: () => false,
    write(bundle: MimeBundle) {
      sink.write(`${textOf(bundle)}\n`);
      return 'text';
    },
    update: () => 'none',
    clear() {},
  };
}

/**
 * A bundle's text/plain, or '' when it has none.
 *
 * @example
 * textOf({ 'text/plain': 'hi', 'text/html': '<b>hi</b>' }); // 'hi'
 */
export function textOf(bundle: MimeBundle): string {
  const text = bundle['text/plain'];
  return typeof text === 'string' ? text : Array.isArray(text) ? text.join('') : '';
}
