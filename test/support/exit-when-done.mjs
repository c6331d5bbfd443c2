// Preloaded into every test file's process by scripts/run-tests.mjs, in place of --test-force-exit.
// A file whose tests leave a handle open (a client, a timer) must not hang the run, so its process
// exits a few seconds after its last test. --test-force-exit did that at once, and then lost the
// reports still buffered for the tail of a file (nodejs/node#64833: fewer tests counted than ran,
// exit 0). The wait here lets them drain; the timer is unref'd, so a clean file exits at once.
import { after } from 'node:test';

const drainMs = 5_000;

after(() => {
  setTimeout(() => process.exit(), drainMs).unref();
});
