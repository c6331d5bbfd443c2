"""Spark batch anchor: load the journal with the Spark Cassandra Connector, decode the JSON events
with from_json (only ser_id 31 rows whose bytes are not gzipped: Spark SQL cannot read the others),
cache the decoded table (the counterpart of an in-memory Arquero table), count per event type, and
sort by (persistence_id, partition_nr, sequence_nr) (materialised through the noop sink).
A fresh process: `cold` = session start + first job; `warm` = the same job again in that session
(the cache cleared first, so it reads Cassandra again). Prints `RESULT {json}`."""
import json
import resource
import sys
import time

from common import SETTINGS, event_schema, jvm_peak_rss, start_session

config = json.loads(sys.argv[1])
t_process = time.perf_counter()
spark, session_ms = start_session("journal-lens-bench-batch")
from pyspark.sql import functions as F  # noqa: E402

schema = event_schema()


def job():
    t0 = time.perf_counter()
    raw = (spark.read.format("org.apache.spark.sql.cassandra")
           .options(keyspace=config["keyspace"], table=config["table"]).load())
    json_rows = raw.filter((F.col("ser_id") == 31) & (F.substring("event", 1, 2) != F.unhex(F.lit("1F8B"))))
    decoded = json_rows.select(
        "persistence_id", "partition_nr", "sequence_nr", "timestamp", "writer_uuid", "ser_manifest", "tags",
        F.from_json(F.col("event").cast("string"), schema).alias("event")).cache()
    rows = decoded.count()
    counts = decoded.groupBy("ser_manifest").count().collect()
    decoded.sort("persistence_id", "partition_nr", "sequence_nr").write.format("noop").mode("overwrite").save()
    ms = (time.perf_counter() - t0) * 1000
    decoded.unpersist(blocking=True)
    spark.catalog.clearCache()
    return ms, rows, len(counts)


first_ms, rows, types = job()
cold_ms = (time.perf_counter() - t_process) * 1000
warm_ms, rows2, _ = job()
jvm = jvm_peak_rss()
py = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
spark.stop()
print("RESULT " + json.dumps({
    "sessionMs": session_ms, "firstJobMs": first_ms, "coldMs": cold_ms, "warmMs": warm_ms, "rows": rows, "rowsWarm": rows2,
    "eventTypes": types, "jvmPeakRss": jvm, "pythonPeakRss": py, "settings": SETTINGS,
}), flush=True)
