// What the harness hands every workload: the sizes and settings of this run and a way to run
// children (each measurement in a fresh process).
import { runChild, type ChildOptions, type ChildResult } from './child.js';

export interface BenchSettings {
  /** Journal rows of the Cassandra load (and the Spark batch). */
  events: number;
  keyspace: string;
  /** Events of the Kafka ingest. */
  kafkaEvents: number;
  /** Record format of the Kafka ingest topic: 'akka' (EventFormat, the journal's) or 'json'. */
  kafkaFormat: 'akka' | 'json';
  brokers: string;
  /** Fixed produce rate of the latency runs, events/s. */
  rate: number;
  /** Seconds of producing in each latency run. */
  latencySeconds: number;
  /** Seconds at the start of each latency run left out of the percentiles (JIT, Spark's first batches). */
  latencyWarmupSeconds: number;
  renderSizes: number[];
  /** Warm renders per (size, output) whose median is the warm figure; undefined = by size (warmRendersFor). */
  warm: number | undefined;
  runs: number;
  concurrency?: number;
  pageSize?: number;
}

export interface BenchContext {
  repo: string;
  outDir: string;
  /** The project's Python (.venv/bin/python). */
  python: string;
  settings: BenchSettings;
  log(line: string): void;
  /** Runs a TypeScript child through tsx. */
  tsx<T>(script: string, args: readonly string[], options?: ChildOptions): Promise<ChildResult<T>>;
  /** Runs a Python child with the project's Python. */
  py<T>(script: string, args: readonly string[], options?: ChildOptions): Promise<ChildResult<T>>;
}

export function createContext(repo: string, outDir: string, python: string, settings: BenchSettings, log: (line: string) => void): BenchContext {
  return {
    repo, outDir, python, settings, log,
    tsx: (script, args, options) => runChild(process.execPath, ['--import', 'tsx', script, ...args], { cwd: repo, ...options }),
    py: (script, args, options) => runChild(python, ['-u', script, ...args], { cwd: repo, ...options }),
  };
}
