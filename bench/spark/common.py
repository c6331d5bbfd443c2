"""The Spark anchor's session, as the Spark docs and the Spark Cassandra Connector docs set it up:
pyspark 3.5 (Scala 2.12 jars), local[2] (this machine's cores), the connector and spark-sql-kafka
from Maven Central through spark.jars.packages (Ivy cache under .cache/ivy2), Java 17 (Spark 3.5's
launcher adds the --add-opens it needs by itself). Everything else is Spark's default except the
settings listed in SETTINGS, which are printed with the results."""
import os
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# spark-sql-kafka must match pyspark's version; 3.5.8's is not on Maven Central, so pyspark is 3.5.7.
PACKAGES = ",".join([
    "com.datastax.spark:spark-cassandra-connector_2.12:3.5.1",
    "org.apache.spark:spark-sql-kafka-0-10_2.12:3.5.7",
])
SETTINGS = {
    "spark.master": "local[2]",
    # Spark's tuning guide: 2-3 tasks per CPU core; the default 200 shuffle partitions would run
    # 200 tasks per micro-batch (and per stateful aggregation) on 2 cores.
    "spark.sql.shuffle.partitions": "4",
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.cassandra.connection.host": "127.0.0.1",
    "spark.cassandra.connection.port": "9042",
    "spark.cassandra.connection.localDC": "datacenter1",
}

# Fields of the demo events (union over the event types); absent fields decode as null.
EVENT_FIELDS = [
    ("cartId", "string"), ("itemId", "string"), ("quantity", "long"), ("price", "double"), ("currency", "string"),
    ("productName", "string"), ("category", "string"), ("customerId", "string"), ("channel", "string"),
    ("newQuantity", "long"), ("oldQuantity", "long"), ("reason", "string"), ("eventTime", "string"),
    ("itemCount", "long"), ("total", "double"), ("paymentMethod", "string"), ("idleMinutes", "long"),
]


def event_schema(extra=()):
    from pyspark.sql.types import DoubleType, LongType, StringType, StructField, StructType
    types = {"string": StringType(), "long": LongType(), "double": DoubleType()}
    return StructType([StructField(name, types[t]) for name, t in list(EVENT_FIELDS) + list(extra)])


def start_session(app):
    """Returns (spark, milliseconds the session took to start)."""
    t0 = time.perf_counter()
    from pyspark.sql import SparkSession
    builder = (SparkSession.builder.appName(app)
               .config("spark.jars.packages", PACKAGES)
               .config("spark.jars.ivy", os.path.join(REPO, ".cache", "ivy2"))
               .config("spark.jars.ivySettings", os.path.join(REPO, "scripts", "lib", "bench", "ivysettings.xml")))
    for key, value in SETTINGS.items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark, (time.perf_counter() - t0) * 1000


def jvm_peak_rss():
    """Peak RSS (VmHWM) of this process's child processes (the Spark JVM), bytes."""
    total = 0
    pid = os.getpid()
    try:
        children = open(f"/proc/{pid}/task/{pid}/children").read().split()
    except OSError:
        return None
    for child in children:
        try:
            for line in open(f"/proc/{child}/status"):
                if line.startswith("VmHWM:"):
                    total = max(total, int(line.split()[1]) * 1024)
        except OSError:
            pass
    return total or None
