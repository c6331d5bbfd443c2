"""Anchor: the Python cassandra-driver over the same token ranges, as its docs recommend for many
statements: execute_concurrent_with_args (default concurrency 100; results_generator=True, the
documented low-memory mode for large results), a prepared statement, the same page size, and the
default row factory (named tuples). Paging within a range happens while iterating its ResultSet.
Only counts rows. Prints `RESULT {json}`."""
import json
import resource
import sys
import time

from cassandra import ConsistencyLevel
from cassandra.cluster import Cluster, ExecutionProfile, EXEC_PROFILE_DEFAULT
from cassandra.concurrent import execute_concurrent_with_args
from cassandra.policies import DCAwareRoundRobinPolicy, TokenAwarePolicy

config = json.loads(sys.argv[1])
plan = json.load(open(config["planFile"]))
concurrency = int(config.get("pythonConcurrency", 100))

profile = ExecutionProfile(
    load_balancing_policy=TokenAwarePolicy(DCAwareRoundRobinPolicy(local_dc=config["localDataCenter"])),
    consistency_level=ConsistencyLevel.LOCAL_QUORUM,
    request_timeout=60,
)
cluster = Cluster(config["contactPoints"], execution_profiles={EXEC_PROFILE_DEFAULT: profile})
session = cluster.connect()
statement = session.prepare(plan["query"])
statement.fetch_size = int(config["anchorPageSize"])
params = [(int(s), int(e)) for s, e in plan["splits"]]



def rss_now():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


rss_before = rss_now()
rows = 0
t0 = time.perf_counter()
for ok, result in execute_concurrent_with_args(session, statement, params, concurrency=concurrency,
                                               results_generator=True):
    if not ok:
        raise result
    for _ in result:
        rows += 1
scan_ms = (time.perf_counter() - t0) * 1000
print("RESULT " + json.dumps({
    "rows": rows, "scanMs": scan_ms, "rssBefore": rss_before, "rssPeak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    "concurrency": concurrency, "connectionClass": cluster.connection_class.__name__,
}), flush=True)
cluster.shutdown()
