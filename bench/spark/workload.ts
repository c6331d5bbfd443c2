import type { BenchContext } from '../lib/context.js';
import type { WorkloadResult } from '../lib/report.js';

export async function sparkWorkload(_ctx: BenchContext): Promise<WorkloadResult> {
  return { name: 'spark', title: 'Spark', settings: [], comparisons: [], figures: [], notes: [], notMeasured: 'not built yet' };
}
