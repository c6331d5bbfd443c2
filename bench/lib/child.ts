// Runs one measurement in a child process of its own, so that each run starts cold (no module,
// JIT or connection cache of an earlier run) and its peak RSS is its own. A child prints its
// result as one line `RESULT {json}` on stdout; everything else it prints is kept for errors.
import { spawn } from 'node:child_process';

export interface ChildResult<T> {
  result: T;
  wallMs: number;
}

export interface ChildOptions {
  env?: NodeJS.ProcessEnv;
  /** Kill the child (and fail) after this long. Default 10 minutes. */
  timeoutMs?: number;
  cwd?: string;
  /** Stream stderr through (progress of long children). Default false. */
  echoStderr?: boolean;
}

export class ChildError extends Error {}

/**
 * Spawns `command args`, waits, and returns the parsed `RESULT` line.
 *
 * @example
 * const { result } = await runChild<{ rows: number }>('node', ['--import', 'tsx', 'bench/cassandra/ours.ts']);
 */
export function runChild<T>(command: string, args: readonly string[], options: ChildOptions = {}): Promise<ChildResult<T>> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      stdout += s;
    });
    child.stderr.setEncoding('utf8').on('data', (s: string) => {
      stderr += s;
      if (stderr.length > 200_000) stderr = stderr.slice(-100_000);
      if (options.echoStderr) process.stderr.write(s);
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 600_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new ChildError(`could not start ${command}: ${e.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const wallMs = performance.now() - started;
      const line = stdout.split('\n').reverse().find((l) => l.startsWith('RESULT '));
      if (code !== 0 || line === undefined) {
        const tail = (stderr + '\n' + stdout).trim().split('\n').slice(-15).join('\n');
        reject(new ChildError(`${command} ${args.join(' ')} ${signal ? `was killed (${signal})` : `exited ${code}`} without a result:\n${tail}`));
        return;
      }
      try {
        resolve({ result: JSON.parse(line.slice('RESULT '.length)) as T, wallMs });
      } catch (e) {
        reject(new ChildError(`unparsable result from ${command}: ${(e as Error).message}: ${line.slice(0, 300)}`));
      }
    });
  });
}

/**
 * Prints a child's result line (the other half of `runChild`).
 *
 * @example
 * printResult({ rows: 1000, ms: 12 });
 */
export function printResult(result: unknown): void {
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
}
