"""Spark streaming anchor: Structured Streaming from a fresh Kafka topic (startingOffsets latest),
from_json on the record value, a windowed count per event type (tumbling 60 s windows on the
record timestamp, output mode update), trigger processingTime 1 second, results collected in
foreachBatch. While it runs, a separate producer process sends RATE events/s for SECONDS.

Latency per event = the moment its micro-batch's result was collected in foreachBatch − the
event's producer timestamp (the Kafka record timestamp, which the demo producer sets to producedAt).
Which micro-batch holds which record comes from the query's progress (start/end offsets per
partition); the records' timestamps are read back with kcat afterwards. Events produced in the
first WARMUP seconds are left out. Prints `RESULT {json}`."""
import json
import resource
import subprocess
import sys
import time

from common import REPO, SETTINGS, event_schema, jvm_peak_rss, start_session

config = json.loads(sys.argv[1])
brokers, topic = config["brokers"], config["topic"]
spark, session_ms = start_session("journal-lens-bench-stream")
spark.conf.set("spark.sql.streaming.numRecentProgressUpdates", "10000")
from pyspark.sql import functions as F  # noqa: E402

schema = event_schema([("persistenceId", "string"), ("sequenceNr", "long"), ("type", "string"), ("producedAt", "long")])
raw = (spark.readStream.format("kafka").option("kafka.bootstrap.servers", brokers).option("subscribe", topic)
       .option("startingOffsets", "latest").load())
events = raw.select("timestamp", F.from_json(F.col("value").cast("string"), schema).alias("e"))
counts = events.groupBy(F.window("timestamp", "60 seconds"), F.col("e.type").alias("type")).count()

available = {}


def on_batch(df, batch_id):
    df.collect()
    available[batch_id] = time.time() * 1000


query = (counts.writeStream.outputMode("update").foreachBatch(on_batch)
         .trigger(processingTime="1 second").start())
# wait for the first (empty) micro-batch: the query has its start offsets
deadline = time.time() + 120
while query.lastProgress is None and time.time() < deadline:
    time.sleep(0.1)

producer = subprocess.run(
    ["node", "--import", "tsx", "bench/kafka/produce.ts", brokers, topic, "json", str(config["rate"]), str(config["seconds"])],
    cwd=REPO, capture_output=True, text=True)
line = next((l for l in producer.stdout.splitlines() if l.startswith("RESULT ")), None)
if producer.returncode != 0 or line is None:
    raise RuntimeError(f"producer failed: {producer.stderr[-800:]}")
produced = json.loads(line[7:])


def consumed():
    ends = {}
    for p in query.recentProgress:
        for source in p.get("sources", []):
            end = source.get("endOffset")
            if isinstance(end, str):
                end = json.loads(end)
            for part, off in (end or {}).get(topic, {}).items():
                ends[int(part)] = max(ends.get(int(part), 0), int(off))
    return sum(ends.values())


deadline = time.time() + 30
while consumed() < produced["sent"] and time.time() < deadline:
    time.sleep(0.2)
time.sleep(1.5)  # the last batch's foreachBatch
query.stop()
jvm = jvm_peak_rss()

# batch → offset ranges per partition
ranges = []
for p in query.recentProgress:
    batch_id = p["batchId"]
    if batch_id not in available:
        continue
    for source in p.get("sources", []):
        start, end = source.get("startOffset"), source.get("endOffset")
        start = json.loads(start) if isinstance(start, str) else start
        end = json.loads(end) if isinstance(end, str) else end
        if not isinstance(end, dict) or topic not in end:
            continue
        for part, e in end[topic].items():
            s = (start or {}).get(topic, {}).get(part, 0) if isinstance(start, dict) else 0
            if int(e) > int(s):
                ranges.append((int(part), int(s), int(e), available[batch_id]))

dump = subprocess.run(["kcat", "-C", "-b", brokers, "-t", topic, "-o", "beginning", "-e", "-q", "-f", "%p %o %T\n"],
                      capture_output=True, text=True, check=True)
by_part = {}
for part, s, e, at in ranges:
    by_part.setdefault(part, []).append((s, e, at))
warm_from = produced["startedAt"] + config["warmupSeconds"] * 1000
lat = []
received = 0
for rec in dump.stdout.splitlines():
    part, off, ts = (int(x) for x in rec.split())
    for s, e, at in by_part.get(part, []):
        if s <= off < e:
            received += 1
            if ts >= warm_from:
                lat.append(at - ts)
            break
lat.sort()


def pct(p):
    if not lat:
        return None
    return lat[min(len(lat) - 1, max(0, -(-len(lat) * p // 100) - 1))]


spark.stop()
print("RESULT " + json.dumps({
    "sent": produced["sent"], "received": received, "measured": len(lat), "produceRate": produced["eventsPerSecond"],
    "p50": pct(50), "p99": pct(99), "max": lat[-1] if lat else None, "batches": len(available), "sessionMs": session_ms,
    "jvmPeakRss": jvm, "pythonPeakRss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024, "settings": SETTINGS,
}), flush=True)
