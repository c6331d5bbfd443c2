"""Runs a command with stdout passed through and, at the end, prints to stderr its wall time and
the peak RSS of it and its waited-for descendants: `MAXRSS_BYTES n` and `WALL_MS x`. For anchors
that cannot report their own peak (kcat)."""
import resource
import subprocess
import sys
import time

t0 = time.perf_counter()
code = subprocess.call(sys.argv[1:])
wall_ms = (time.perf_counter() - t0) * 1000
sys.stderr.write(f"MAXRSS_BYTES {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024}\nWALL_MS {wall_ms}\n")
sys.exit(code)
