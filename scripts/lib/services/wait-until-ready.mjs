// The polling loop both readiness probes share: parse the common flags, call `probe` every second
// until it answers, give up on --timeout or --once, and stop early when the server's --pid died.
// Exit 0 printing what the probe returned; 1 on timeout; 2 when --pid exited first.
import { parseArgs } from 'node:util';

/**
 * Parses `--host --port --pid --timeout --once` (plus `extraOptions`) and runs the loop.
 * `probe(values)` resolves with a line to print once the server answers, or throws.
 */
export async function waitUntilReady({ what, defaultPort, extraOptions = {}, probe }) {
  const { values } = parseArgs({
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: defaultPort },
      pid: { type: 'string' },
      timeout: { type: 'string', default: '240' },
      once: { type: 'boolean', default: false },
      ...extraOptions,
    },
  });
  const deadline = Date.now() + Number(values.timeout) * 1000;
  const pid = values.pid ? Number(values.pid) : undefined;
  let lastError = '';
  for (;;) {
    if (pid !== undefined && !alive(pid)) {
      console.error(`process ${pid} exited before answering ${what} (last error: ${lastError || 'none'})`);
      process.exit(2);
    }
    try {
      console.log(await probe(values));
      process.exit(0);
    } catch (err) {
      lastError = String(err?.message ?? err).split('\n')[0];
    }
    if (values.once || Date.now() > deadline) {
      console.error(`no ${what} answer on ${values.host}:${values.port} (last error: ${lastError})`);
      process.exit(1);
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

function alive(p) {
  try {
    process.kill(p, 0);
    return true;
  } catch {
    return false;
  }
}
