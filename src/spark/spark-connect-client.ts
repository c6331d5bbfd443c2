// A Spark Connect client over @grpc/grpc-js: one session (a UUID) per client, SQL plans in, Arrow batches out.
// The wire messages come from Spark's own protocol (protocol.ts); nothing here writes a message by hand.
import { randomUUID } from 'node:crypto';
import grpc from '@grpc/grpc-js';
import type { JournalLensError } from '../errors.js';
import { codecOf, SPARK_CONNECT_METHOD, SparkConnect } from './protocol.js';
import { errorFromGrpc } from './spark-errors.js';
import type { SparkRemote } from './spark-remote.js';
import { trackOperation } from './running-operations.js';

/** The Arrow IPC streams one query returned (one per batch), and their row count. */
export interface ArrowResult {
  batches: Uint8Array[];
  rows: number;
}

/** What `execute` takes besides the query. */
export interface ExecuteOptions {
  /** Aborting cancels the call and interrupts the operation on the server. */
  signal?: AbortSignal;
  /** Called after each Arrow batch with the rows received so far (progress of long results). */
  onRows?: (rows: number) => void;
}

/** A live Spark Connect session. */
export interface SparkConnectClient {
  readonly sessionId: string;
  readonly remote: SparkRemote;
  /** Runs `query` (Spark SQL) and collects its Arrow batches. */
  execute(query: string, options?: ExecuteOptions): Promise<ArrowResult>;
  /** Sets session configuration (spark.conf.set). */
  setConfig(pairs: Record<string, string>): Promise<void>;
  /** Interrupts every running operation of this session. */
  interruptAll(): Promise<void>;
  close(): Promise<void>;
}

const CLIENT_TYPE = 'journal-lens';
// Arrow batches of wide results can pass gRPC's 4 MiB default; Spark's own server limit is 128 MiB.
const MAX_MESSAGE_BYTES = 128 * 1024 * 1024;
// Queries run as long as they need; the small calls around them must not hang a cell on a dead server.
const CONFIG_DEADLINE_MS = 60_000;
const INTERRUPT_DEADLINE_MS = 5_000;

/**
 * Opens a client on `remote` (connecting lazily, on the first call).
 *
 * @example
 * const client = createSparkConnectClient(maybeSparkRemote('sc://127.0.0.1:15002'));
 * const { batches } = await client.execute('SELECT 1');
 */
export function createSparkConnectClient(remote: SparkRemote): SparkConnectClient {
  const sessionId = remote.sessionId ?? randomUUID();
  const userContext = { userId: remote.userId, userName: remote.userId };
  let credentials = remote.useSsl ? grpc.credentials.createSsl() : grpc.credentials.createInsecure();
  if (remote.token !== undefined) {
    const token = remote.token;
    credentials = grpc.credentials.combineChannelCredentials(credentials,
      grpc.credentials.createFromMetadataGenerator((_params, callback) => {
        const metadata = new grpc.Metadata();
        metadata.set('authorization', `Bearer ${token}`);
        callback(null, metadata);
      }));
  }
  const client = new grpc.Client(`${remote.host.includes(':') ? `[${remote.host}]` : remote.host}:${remote.port}`, credentials, {
    'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
    'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
    'grpc.primary_user_agent': remote.userAgent,
  });
  const metadata = (): grpc.Metadata => {
    const m = new grpc.Metadata();
    for (const [key, value] of Object.entries(remote.headers)) m.set(key, value);
    return m;
  };
  const context = (query?: string) => ({ remote: remote.display, ...(query === undefined ? {} : { query }) });
  // Set once a call went out: close() then interrupts what may still run (and never dials a server just to close).
  let used = false;
  const unary = <T extends Record<string, unknown>>(
    method: string, request: object, reqType: keyof typeof SparkConnect, resType: keyof typeof SparkConnect, deadlineMs: number,
  ): Promise<T> => {
    const req = codecOf(SparkConnect[reqType]);
    const res = codecOf(SparkConnect[resType]);
    used = true;
    return new Promise<T>((resolve, reject) => {
      client.makeUnaryRequest(method, req.serialize, res.deserialize, request, metadata(), { deadline: Date.now() + deadlineMs }, (error, value) => {
        if (error) reject(errorFromGrpc(error, context()));
        else resolve(value as T);
      });
    });
  };
  const executeCodec = { req: codecOf(SparkConnect.ExecutePlanRequest), res: codecOf(SparkConnect.ExecutePlanResponse) };

  const interrupt = async (type: 'INTERRUPT_TYPE_ALL' | 'INTERRUPT_TYPE_OPERATION_ID', operationId?: string): Promise<void> => {
    await unary(SPARK_CONNECT_METHOD.interrupt, {
      sessionId, userContext, clientType: CLIENT_TYPE, interruptType: type, ...(operationId ? { operationId } : {}),
    }, 'InterruptRequest', 'InterruptResponse', INTERRUPT_DEADLINE_MS);
  };

  return {
    sessionId,
    remote,
    execute(query, options = {}) {
      const operationId = randomUUID();
      used = true;
      const request = {
        sessionId, userContext, clientType: CLIENT_TYPE, operationId,
        plan: { root: { common: { planId: 0 }, sql: { query } } },
      };
      return new Promise<ArrowResult>((resolve, reject) => {
        const batches: Uint8Array[] = [];
        let rows = 0;
        let settled = false;
        const call = client.makeServerStreamRequest(SPARK_CONNECT_METHOD.executePlan, executeCodec.req.serialize,
          executeCodec.res.deserialize, request, metadata(), {});
        const cancel = (): void => {
          if (settled) return;
          call.cancel();
          void interrupt('INTERRUPT_TYPE_OPERATION_ID', operationId).catch(() => undefined);
        };
        const untrack = trackOperation(cancel);
        const onAbort = (): void => cancel();
        options.signal?.addEventListener('abort', onAbort, { once: true });
        const finish = (error: JournalLensError | null): void => {
          if (settled) return;
          settled = true;
          untrack();
          options.signal?.removeEventListener('abort', onAbort);
          if (error) reject(error);
          else resolve({ batches, rows });
        };
        call.on('data', (response: Record<string, unknown>) => {
          const arrow = response['arrowBatch'] as { rowCount?: string; data?: Uint8Array } | undefined;
          if (arrow?.data && arrow.data.length > 0) {
            batches.push(arrow.data);
            rows += Number(arrow.rowCount ?? 0);
            options.onRows?.(rows);
          }
        });
        call.on('error', (error: grpc.ServiceError) => finish(errorFromGrpc(error, context(query))));
        call.on('end', () => finish(null));
      });
    },
    async setConfig(pairs) {
      await unary(SPARK_CONNECT_METHOD.config, {
        sessionId, userContext, clientType: CLIENT_TYPE,
        operation: { set: { pairs: Object.entries(pairs).map(([key, value]) => ({ key, value })) } },
      }, 'ConfigRequest', 'ConfigResponse', CONFIG_DEADLINE_MS);
    },
    interruptAll: () => interrupt('INTERRUPT_TYPE_ALL'),
    async close() {
      if (used) await interrupt('INTERRUPT_TYPE_ALL').catch(() => undefined);
      client.close();
    },
  };
}
