"""Prints the API benchmark's tables (Markdown, as docs/performance.md keeps them) from its results file."""
import sys

results, signals, artifacts, small_signals, small_artifacts, connections, duration = sys.argv[1:8]
rows = {}
for line in open(results):
    name, baseline, path, rps, p50, p99, errors, total, timeouts = line.rstrip("\n").split("\t")
    rows[name] = dict(baseline=baseline, path=path, rps=float(rps), p50=float(p50), p99=float(p99), errors=int(errors) + int(timeouts))

baselines = {"bare": rows.get("bare (baseline)"), "items": rows.get("50 items (baseline)")}
print(f"\nAt {int(signals):,} signals / {int(artifacts):,} artifacts; wrk -t1 -c{connections} -d{duration}s; "
      "ratio = req/s over the same-run baseline named")
print("\n| request | req/s | p50 ms | p99 ms | non-2xx or timed out | baseline | ratio |")
print("| --- | ---: | ---: | ---: | ---: | --- | ---: |")
for name, row in rows.items():
    if name.endswith("@small"):
        continue
    base = baselines.get(row["baseline"])
    ratio = f"{row['rps'] / base['rps']:.2f}x" if base else "-"
    base_name = {"bare": "bare", "items": "50 items"}.get(row["baseline"], "-")
    print(f"| {name} `{row['path']}` | {row['rps']:,.0f} | {row['p50']:.2f} | {row['p99']:.2f} | {row['errors']} | {base_name} | {ratio} |")

small = [(name[: -len(" @small")], row) for name, row in rows.items() if name.endswith("@small")]
if small:
    print(f"\nScale: {int(small_signals):,} signals / {int(small_artifacts):,} artifacts against {int(signals):,} / {int(artifacts):,} "
          "(same process; p50 ratio = large over small, target <= 2)")
    print("\n| request | req/s small | req/s large | p50 ms small | p50 ms large | p50 ratio |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, row in small:
        large = rows.get(name)
        if large:
            print(f"| {name} | {row['rps']:,.0f} | {large['rps']:,.0f} | {row['p50']:.2f} | {large['p50']:.2f} | {large['p50'] / max(row['p50'], 0.001):.2f}x |")
