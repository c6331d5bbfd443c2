// The one door to kafkajs's private modules. Three changes, each checked against the kafkajs
// version it was written for (2.2.4) and each leaving kafkajs untouched when its internals differ:
// - patch-kafkajs.ts: RequestQueue stops re-arming a 1 ms timer with nothing pending;
// - raw-fetch.ts: the stream's fetches hand record batches over whole (no message object per record);
// - raw-transactions.ts: aborted transactions filtered by exact offsets in that raw path.
// Installed when the first stream starts (event-stream.ts), never at import: a Cassandra-only
// notebook never touches kafkajs. When the raw path cannot be installed the streams still work,
// through kafkajs's own messages, at about half the speed: the status line says so.
import { createRequire } from 'node:module';
import { patchKafkajsRequestQueue } from './patch-kafkajs.js';
import { installRawFetchDecoding } from './raw-fetch.js';
import { installExactAbortFiltering } from './raw-transactions.js';

/** What was installed; `problem` says what was not, why and what that costs, else undefined. */
export interface KafkajsInternalsReport {
  requestQueue: boolean;
  rawFetch: boolean;
  exactAborts: boolean;
  problem: string | undefined;
}

/** Each installer returns true, or why it could not install (tests pass failing ones). */
export interface KafkajsInstallers {
  requestQueue: () => true | string;
  rawFetch: () => true | string;
  exactAborts: () => true | string;
}

const require = createRequire(import.meta.url);
const OTHER_VERSION = 'kafkajs is not the version journal-lens patches (2.2.4)';

export const defaultInstallers: KafkajsInstallers = {
  requestQueue: () => patchKafkajsRequestQueue() || OTHER_VERSION,
  // Order matters: raw-transactions.ts loads the fetch responses, which bind decodeMessages.
  rawFetch: () => (fetchDecodingBoundEarly()
    ? 'kafkajs fetched before the first stream started (another kafkajs consumer in this process)'
    : installRawFetchDecoding() || OTHER_VERSION),
  exactAborts: () => installExactAbortFiltering() || OTHER_VERSION,
};

let report: KafkajsInternalsReport | undefined;

/**
 * Installs every change once per process; later calls return the first report.
 *
 * @example
 * const { problem } = installKafkajsInternals();
 * if (problem) console.warn(problem);
 */
export function installKafkajsInternals(installers: KafkajsInstallers = defaultInstallers): KafkajsInternalsReport {
  if (installers !== defaultInstallers) return reportFrom(installers);
  report ??= reportFrom(installers);
  return report;
}

function reportFrom(installers: KafkajsInstallers): KafkajsInternalsReport {
  const requestQueue = installers.requestQueue();
  const rawFetch = installers.rawFetch();
  const exactAborts = rawFetch === true ? installers.exactAborts() : 'no raw path';
  const missing: string[] = [];
  if (rawFetch !== true) missing.push(`raw record batches (${rawFetch}): streams run at about half speed, through kafkajs's messages`);
  else if (exactAborts !== true) missing.push(`exact abort filtering (${exactAborts}): kafkajs drops aborted transactions itself`);
  if (requestQueue !== true) missing.push(`the RequestQueue fix (${requestQueue}): an idle stream polls a 1 ms timer`);
  const problem = missing.length === 0 ? undefined
    : `Kafka streams run without ${missing.join('; ')}. For full speed use kafkajs 2.2.4 (found: ${kafkajsVersion()}) and start ` +
      'journal-lens streams before any other kafkajs consumer in the process.';
  return { requestQueue: requestQueue === true, rawFetch: rawFetch === true, exactAborts: exactAborts === true, problem };
}

// kafkajs's fetch responses (v4–v11) bind decodeMessages when they load: one loaded before the
// switch (another kafkajs consumer fetched first) keeps kafkajs's own decoding.
function fetchDecodingBoundEarly(): boolean {
  try {
    const decodeMessages = require.cache[require.resolve('kafkajs/src/protocol/requests/fetch/v4/decodeMessages.js')]?.exports as
      Record<symbol, unknown> | undefined;
    if (decodeMessages?.[Symbol.for('journal-lens.kafkajs-raw-fetch-installed')]) return false;
    for (let v = 4; v <= 11; v++) {
      if (require.cache[require.resolve(`kafkajs/src/protocol/requests/fetch/v${v}/response.js`)] !== undefined) return true;
    }
    return false;
  } catch {
    return false;
  }
}

function kafkajsVersion(): string {
  try {
    return (require('kafkajs/package.json') as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
