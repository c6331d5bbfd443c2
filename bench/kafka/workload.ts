import type { BenchContext } from '../lib/context.js';
import type { WorkloadResult } from '../lib/report.js';

export async function kafkaWorkload(_ctx: BenchContext): Promise<WorkloadResult> {
  return { name: 'kafka', title: 'Kafka ingest', settings: [], comparisons: [], figures: [], notes: [], notMeasured: 'not built yet' };
}
