"""Anchor: vl-convert (PyPI vl-convert-python) renders the same complete Vega-Lite spec to SVG or
PNG in a fresh process; defaults (latest bundled Vega-Lite, scale 1, ppi 72). "first" is the first
call of the process (it starts vl-convert's JavaScript runtime); "warm" the later ones.
The spec is read from its file before the clock starts. Prints `RESULT {json}`."""
import json
import resource
import sys
import time

import vl_convert as vlc

spec_file, output, warm_runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
spec = json.load(open(spec_file))
render = vlc.vegalite_to_svg if output == "svg" else vlc.vegalite_to_png


def timed():
    t = time.perf_counter()
    out = render(spec)
    return (time.perf_counter() - t) * 1000, len(out)


first_ms, size = timed()
warm_ms = [timed()[0] for _ in range(warm_runs)]
print("RESULT " + json.dumps({"firstMs": first_ms, "warmMs": warm_ms, "bytes": size, "rssPeak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
                              "vegaLite": vlc.get_vegalite_versions()[-1], "vega": vlc.get_vega_version()}), flush=True)
