"""Anchor: pyarrow (the C++ reader pandas uses) reading the same snapshot Parquet file into an Arrow
table, in a fresh process. Prints `RESULT {json}` with the read time and this process's peak RSS."""
import json
import resource
import sys
import time

config = json.loads(sys.argv[1])
import pyarrow.parquet as pq  # noqa: E402  (import outside the timing, as ours imports before loading)

rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
t0 = time.perf_counter()
table = pq.read_table(config["file"])
read_ms = (time.perf_counter() - t0) * 1000
print("RESULT " + json.dumps({
    "rows": table.num_rows, "readMs": read_ms, "threads": __import__("pyarrow").cpu_count(),
    "rssBefore": rss_before, "rssPeak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
}))
