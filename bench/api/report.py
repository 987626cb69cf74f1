"""Prints the API benchmark's tables (Markdown, as docs/performance.md keeps them) from its results file."""
import sys

results, signals, artifacts, small_signals, small_artifacts, connections, duration = sys.argv[1:8]
rows = {}
for line in open(results):
    name, baseline, base_rps, base_p99, path, rps, p50, p99, errors, total, timeouts = line.rstrip("\n").split("\t")
    rows[name] = dict(baseline={"bare": "bare", "items": "50 items"}.get(baseline, "-"), base_rps=float(base_rps) if base_rps != "-" else None,
                      base_p99=float(base_p99) if base_p99 != "-" else None,
                      path=path, rps=float(rps), p50=float(p50), p99=float(p99), errors=int(errors) + int(timeouts))


def ratio(row):
    return f"{row['rps'] / row['base_rps']:.2f}x" if row["base_rps"] else "-"


print(f"\nAt {int(signals):,} signals / {int(artifacts):,} artifacts; wrk -t1 -c{connections} -d{duration}s; each request right "
      "after its baseline (bare endpoint or in-memory 50 items on the ServiceDefaults host); ratio = req/s over that baseline's")
print("\n| request | req/s | p50 ms | p99 ms | non-2xx or timed out | baseline | baseline req/s | baseline p99 ms | ratio |")
print("| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |")
for name, row in rows.items():
    if name.endswith("@small"):
        continue
    base = f"{row['base_rps']:,.0f}" if row["base_rps"] else "-"
    base_p99 = f"{row['base_p99']:.2f}" if row["base_p99"] is not None else "-"
    print(f"| {name} `{row['path']}` | {row['rps']:,.0f} | {row['p50']:.2f} | {row['p99']:.2f} | {row['errors']} | {row['baseline']} | {base} | {base_p99} | {ratio(row)} |")

small = [(name[: -len(" @small")], row) for name, row in rows.items() if name.endswith("@small")]
if small:
    print(f"\nScale: {int(small_signals):,} signals / {int(small_artifacts):,} artifacts, then {int(signals):,} / {int(artifacts):,} "
          "(same process); compared as ratios to their baselines, so the machine's load between the two cancels out "
          "(slowdown = small ratio over large ratio, target <= 2)")
    print("\n| request | req/s small | ratio small | req/s large | ratio large | p50 ms small | p50 ms large | slowdown |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, row in small:
        large = rows.get(name)
        if large:
            slowdown = (row["rps"] / row["base_rps"]) / (large["rps"] / large["base_rps"]) if large["rps"] else float("inf")
            print(f"| {name} | {row['rps']:,.0f} | {ratio(row)} | {large['rps']:,.0f} | {ratio(large)} | {row['p50']:.2f} | {large['p50']:.2f} | {slowdown:.2f}x |")
