"""The anchor for the client's own cost: pyspark's Spark Connect client (pyspark[connect] 3.5.7) on the same
server, running the same SQL as bench/spark-connect/ours-sql.ts: the aggregation over the same `events` view
(its SQL passed in) collected, and the 100k-row fetch as toPandas(). Warm: each query once before timing.
Prints `RESULT {json}`."""
import json
import sys
import time

config = json.loads(sys.argv[1])
from pyspark.sql import SparkSession  # noqa: E402

spark = SparkSession.builder.remote(config["remote"]).getOrCreate()
spark.sql("CREATE OR REPLACE TEMPORARY VIEW events AS " + config["viewSql"])


def timed(run):
    rows = run()
    ms = []
    for _ in range(config["repeats"]):
        t0 = time.perf_counter()
        rows = run()
        ms.append((time.perf_counter() - t0) * 1000)
    return {"ms": ms, "rows": rows}


aggregate = timed(lambda: len(spark.sql(config["aggregateSql"]).collect()))
fetch = timed(lambda: len(spark.sql(config["fetchSql"]).toPandas()))
spark.stop()
print("RESULT " + json.dumps({"aggregate": aggregate, "fetch": fetch}), flush=True)
