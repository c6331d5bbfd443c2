"""One benchmark run of a notebook kernel (tslab or deno, as registered in .venv by scripts/setup), driven
the way Jupyter drives it (jupyter_client, the kernel started in notebooks/ like a notebook there):
  start    start_kernel -> kernel_info reply (wait_for_ready)
  import   a cell importing journal-lens (tslab type-checks and compiles it; Deno loads the npm graph)
  load     a cell running journal.eventTable({ keyspace, progress: false }) over the whole journal,
           timed inside the kernel (performance.now) and, for the whole cell, by this client
The in-kernel figures go to a file (a cell's execute_result can arrive after its idle status under Deno).
Prints `RESULT {json}`.   usage: kernel_run.py KERNEL NOTEBOOKS_DIR KEYSPACE OUT_JSON"""
import json
import os
import sys
import time

from jupyter_client.manager import KernelManager

kernel, notebooks, keyspace, out_json = sys.argv[1:5]


def run_cell(kc, code, timeout=900):
    t = time.perf_counter()
    reply = kc.execute_interactive(code, timeout=timeout, output_hook=lambda msg: None)
    ms = (time.perf_counter() - t) * 1000
    content = reply["content"]
    if content.get("status") != "ok":
        raise SystemExit(f"{kernel}: cell failed: {content.get('ename')}: {content.get('evalue')}\n{code}")
    return ms


def peak_rss(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


km = KernelManager(kernel_name=kernel)
t0 = time.perf_counter()
km.start_kernel(cwd=notebooks)
kc = km.client()
kc.start_channels()
try:
    kc.wait_for_ready(timeout=120)
    start_ms = (time.perf_counter() - t0) * 1000
    import_ms = run_cell(kc, "import { cassandraJournal } from 'journal-lens';\nimport * as fs from 'fs';")
    cell = f"""const journal = cassandraJournal({{ contactPoints: ['127.0.0.1'], localDataCenter: 'datacenter1' }});
const t0 = performance.now();
const events = await journal.eventTable({{ keyspace: '{keyspace}', table: 'messages', progress: false }});
const loadMs = performance.now() - t0;
await journal.close();
fs.writeFileSync({json.dumps(out_json)}, JSON.stringify({{ rows: events.numRows(), loadMs }}));"""
    cell_ms = run_cell(kc, cell)
    pid = getattr(getattr(km, "provisioner", None), "process", None)
    rss = peak_rss(pid.pid) if pid is not None else None
    inner = json.load(open(out_json))
    os.unlink(out_json)
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=True)

print("RESULT " + json.dumps({"kernel": kernel, "startMs": start_ms, "importMs": import_ms, "loadMs": inner["loadMs"],
                              "cellMs": cell_ms, "rows": inner["rows"], "rssPeak": rss}), flush=True)
