// A chart whose data is still being aggregated elsewhere (on Spark): `await show(eventsPerType(handle))`
// shows it once the counts are back, and `await eventsPerType(handle)` gives the Chart itself.
import { JUPYTER_DISPLAY, type Chart } from '../Chart.js';
import type { MimeBundle, PushdownEventSource } from '../../types.js';

/** A Chart on its way: thenable, and displayable by `show` (which waits for it). */
export class PendingChart implements PromiseLike<Chart> {
  constructor(private readonly chart: Promise<Chart>) {
    // A failure is reported by whoever awaits or shows it; not as an unhandled rejection before then.
    chart.catch(() => undefined);
  }

  then<A = Chart, B = never>(onFulfilled?: ((c: Chart) => A | PromiseLike<A>) | null, onRejected?: ((e: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {
    return this.chart.then(onFulfilled, onRejected);
  }

  [JUPYTER_DISPLAY](): Promise<MimeBundle> {
    return this.chart.then((c) => c[JUPYTER_DISPLAY]());
  }
}

/** Whether `x` aggregates where it lives (a Spark journal handle) rather than being a table. */
export function isPushdownSource(x: unknown): x is PushdownEventSource {
  return x !== null && typeof x === 'object' && typeof (x as { countEvents?: unknown }).countEvents === 'function'
    && typeof (x as { numRows?: unknown }).numRows !== 'function';
}
