#!/usr/bin/env python3
"""Summarises an executed notebook: cells, outputs, charts, errors. Exit status 1 when it holds an error.

    python3 scripts/lib/notebooks/summarize.py EXECUTED.ipynb [--tidy]

A cell failed when its execute_reply status (recorded by nbconvert_config.py) is not ok: tslab
reports a type error or an exception that way plus a stderr line, without an `error` output; a
cell after a failed one is aborted. Also counted: `error` outputs and stderr text that says Error.
--tidy rewrites the file first: drops the per-cell timestamps nbclient may record (so a notebook
executed in place differs from its last version in outputs only) and numbers the code cells 1, 2, ...
where the execution count is missing: tslab sends no execute_input message, which is where nbclient
(unlike JupyterLab, which reads the execute_reply) takes the count from. nbconvert ran every cell in
order (run-notebook passes --allow-errors), so the numbers are the real execution order.
Standard library only.
"""
import json
import re
import sys

VEGA_LITE = "application/vnd.vegalite.v5+json"
ERROR_WORD = re.compile(r"\bError\b|Error:")
STATUS_KEY = "journal_lens_status"  # written by nbconvert_config.py


def text_of(value):
    return "".join(value) if isinstance(value, list) else str(value)


def summarize(nb):
    cells = nb.get("cells", [])
    code = [c for c in cells if c.get("cell_type") == "code"]
    outputs = sum(len(c.get("outputs", [])) for c in code)
    charts = 0
    errors = []
    for c in code:
        status = c.get("metadata", {}).get(STATUS_KEY, {}).get("status", "ok")
        if status != "ok":
            stderr = [text_of(o.get("text", "")).strip() for o in c.get("outputs", [])
                      if o.get("output_type") == "stream" and o.get("name") == "stderr"]
            lines = [line for text in stderr for line in text.splitlines() if line.strip()]
            # tslab's stderr starts with the code location; the line naming the error says more
            named = [line for line in lines if re.match(r"\s*\w*Error: ", line)]
            reason = ("aborted (an earlier cell failed)" if status == "abort"
                      else (named or lines or ["(no message)"])[0].strip())
            errors.append((c.get("id"), f"status {status}: {reason}"))
            continue
        for o in c.get("outputs", []):
            kind = o.get("output_type")
            if kind in ("display_data", "execute_result") and VEGA_LITE in o.get("data", {}):
                charts += 1
            if kind == "error":
                errors.append((c.get("id"), f"{o.get('ename')}: {o.get('evalue')}"))
            elif kind == "stream" and o.get("name") == "stderr" and ERROR_WORD.search(text_of(o.get("text", ""))):
                errors.append((c.get("id"), text_of(o["text"]).strip().splitlines()[0]))
    return {"cells": len(cells), "code": len(code), "outputs": outputs, "charts": charts, "errors": errors}


def main(argv):
    if not argv:
        sys.exit(__doc__)
    path = argv[0]
    with open(path) as f:
        nb = json.load(f)
    s = summarize(nb)
    if "--tidy" in argv[1:]:
        count = 0
        for c in nb.get("cells", []):
            c.get("metadata", {}).pop("execution", None)
            status = c.get("metadata", {}).pop(STATUS_KEY, {}).get("status")
            if c.get("cell_type") == "code" and status in ("ok", "error"):
                count += 1
                if c.get("execution_count") is None:
                    c["execution_count"] = count
        with open(path, "w") as f:
            f.write(json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
    line = (f"{s['cells']} cells ({s['code']} code), {s['outputs']} outputs, {s['charts']} charts, "
            f"{len(s['errors'])} errors")
    print(line)
    for cell_id, message in s["errors"]:
        print(f"  error in cell {cell_id}: {message}")
    sys.exit(1 if s["errors"] else 0)


if __name__ == "__main__":
    main(sys.argv[1:])
