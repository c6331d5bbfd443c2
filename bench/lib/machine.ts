// What the numbers were measured on, printed at the top of every run: cores, memory, load, and
// the co-located services (Cassandra and Kafka share the two cores with the subjects).
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface MachineInfo {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  loadAverage: number[];
  node: string;
  python: string;
  java: string;
  kernel: string;
  services: string[];
}

/** First line a command prints, on stdout or (java -version) stderr. */
function firstLine(command: string, args: string[]): string {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: 10_000 });
  if (r.error) return `${command}: not found`;
  return `${r.stdout ?? ''}\n${r.stderr ?? ''}`.trim().split('\n')[0] ?? '';
}

/** Heap flags of the running JVMs whose command line names `needle`. */
function jvmHeap(needle: string): string | undefined {
  try {
    const pids = execFileSync('pgrep', ['-f', needle], { encoding: 'utf8' }).trim().split('\n');
    for (const pid of pids) {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      const xmx = args.find((a) => a.startsWith('-Xmx'));
      if (xmx) return xmx.slice(4);
    }
  } catch {
    // not running
  }
  return undefined;
}

export function machineInfo(python: string): MachineInfo {
  const cassandraHeap = jvmHeap('org.apache.cassandra.service.CassandraDaemon');
  const kafkaHeap = jvmHeap('kafka.Kafka');
  return {
    cores: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: os.totalmem() / 1024 ** 3,
    loadAverage: os.loadavg(),
    node: process.version,
    python: firstLine(python, ['--version']),
    java: firstLine('java', ['-version']),
    kernel: `${os.type()} ${os.release()}`,
    services: [
      `Cassandra on this machine${cassandraHeap ? ` (heap ${cassandraHeap})` : ''}`,
      `Kafka on this machine${kafkaHeap ? ` (heap ${kafkaHeap})` : ''}`,
    ],
  };
}

export function machineLines(m: MachineInfo): string[] {
  return [
    `machine: ${m.cores} cores (${m.cpuModel}), ${m.memoryGiB.toFixed(1)} GiB memory, ${m.kernel}`,
    `         ${m.node}, ${m.python}, ${m.java}`,
    `         load average at start ${m.loadAverage.map((x) => x.toFixed(2)).join(' ')} (1/5/15 min)`,
    `shared:  ${m.services.join('; ')} — they take CPU from the same ${m.cores} cores during every measurement,`,
    `         and so may other work on this machine (the load average before each workload is printed with it).`,
  ];
}
