#!/usr/bin/env python3
"""Summarises an executed notebook: cells, outputs, charts, errors. Exit status 1 when it holds an error.

    python3 scripts/lib/notebooks/summarize.py EXECUTED.ipynb [--tidy]

An error is an `error` output (an exception in a cell) or stderr text that mentions Error.
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


def text_of(value):
    return "".join(value) if isinstance(value, list) else str(value)


def summarize(nb):
    cells = nb.get("cells", [])
    code = [c for c in cells if c.get("cell_type") == "code"]
    outputs = sum(len(c.get("outputs", [])) for c in code)
    charts = 0
    errors = []
    for c in code:
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
    if "--tidy" in argv[1:]:
        count = 0
        for c in nb.get("cells", []):
            c.get("metadata", {}).pop("execution", None)
            if c.get("cell_type") == "code":
                count += 1
                if c.get("execution_count") is None:
                    c["execution_count"] = count
        with open(path, "w") as f:
            f.write(json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
    s = summarize(nb)
    line = (f"{s['cells']} cells ({s['code']} code), {s['outputs']} outputs, {s['charts']} charts, "
            f"{len(s['errors'])} errors")
    print(line)
    for cell_id, message in s["errors"]:
        print(f"  error in cell {cell_id}: {message}")
    sys.exit(1 if s["errors"] else 0)


if __name__ == "__main__":
    main(sys.argv[1:])
