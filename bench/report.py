"""Write the measured results into docs/benchmarks.md, between two marker lines.

Everything outside the markers is written by hand (method, targets, observations);
everything between them comes from bench/results/*.json, so the tables always show
numbers that a run produced, with the command that produced them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bench.instances import INSTANCES

START = "<!-- bench:results:start (written by python -m bench.run; do not edit) -->"
END = "<!-- bench:results:end -->"

MAX_INCUMBENTS_SHOWN = 10

SKELETON = f"""# Benchmarks

{START}
{END}
"""


def load_results(folder: Path) -> list[dict[str, Any]]:
    """Return the stored results, in the order of bench.instances.INSTANCES."""
    results = []
    for name in INSTANCES:
        paths = [folder / f"{name}.json", *sorted(folder.glob(f"{name}-t*.json"))]
        results += [json.loads(p.read_text(encoding="utf-8")) for p in paths if p.exists()]
    return results


def write_report(doc: Path, results: list[dict[str, Any]]) -> None:
    """Replace the part of `doc` between the markers with tables of `results`."""
    text = doc.read_text(encoding="utf-8") if doc.exists() else SKELETON
    if START not in text or END not in text:
        text = text.rstrip("\n") + f"\n\n{START}\n{END}\n"
    before, rest = text.split(START, 1)
    _, after = rest.split(END, 1)
    doc.write_text(before + START + "\n" + render(results) + END + after, encoding="utf-8")


def _thin(items: list[Any], most: int) -> list[Any]:
    """Return at most `most` of `items`, evenly spread, always with the first and the last."""
    if len(items) <= most:
        return items
    step = (len(items) - 1) / (most - 1)
    return [items[round(i * step)] for i in range(most)]


def _num(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.2f} %"


def render(results: list[dict[str, Any]]) -> str:
    """Return the markdown of the results: runs, the planner, the baselines, per profession."""
    if not results:
        return "\nNo results yet: run `make bench`.\n\n"
    lines = ["", "### Runs", ""]
    lines += ["| instance | date (UTC) | load before → after | planner commit | command |"]
    lines += ["|---|---|---|---|---|"]
    for r in results:
        lines.append(
            f"| {r.get('run', r['name'])} | {r['date']} | {r['load_before']} → {r['load_after']} "
            f"| `{r['commit']}` | `{r['command']}` |"
        )
    machines = {json.dumps(r["machine"], sort_keys=True) for r in results}
    for m in sorted(machines):
        info = json.loads(m)
        lines += [
            "",
            f"Machine: {info['cpu']}, {info['cores']} cores, {info['memory']}, "
            f"{info['system']}, Python {info['python']}, OR-Tools {info['ortools']}, "
            f"highspy {info['highspy']}.",
        ]

    lines += ["", "### The planner (`overgang plan`)", ""]
    lines += [
        "| instance | in-house cases | employees | import s | `--time-limit` | plan wall s "
        "| of it solving s | peak MiB | status | objective | proven bound | gap |"
    ]
    lines += ["|---|--:|--:|--:|--:|--:|--:|--:|---|--:|--:|--:|"]
    for r in results:
        p = r["plan"]
        if p["status"] == "failed":
            lines.append(
                f"| {r.get('run', r['name'])} | {r['cases']:,} | {r['employees']:,} "
                f"| {_num(r['import']['seconds'])} | {p['time_limit']:g} | {_num(p['seconds'])} "
                f"| – | {_num(p['peak_mib'], 0)} | **failed**: `{p['error']}` | – | – | – |"
            )
            continue
        lines.append(
            f"| {r.get('run', r['name'])} | {r['cases']:,} | {r['employees']:,} "
            f"| {_num(r['import']['seconds'])} "
            f"| {p['time_limit']:g} | {_num(p['seconds'])} | {_num(p.get('solver_seconds'))} "
            f"| {_num(p['peak_mib'], 0)} "
            f"| {p['status']} | {_num(p['objective'], 2)} | {_num(p['bound'], 2)} "
            f"| {_pct(p['gap'])} |"
        )

    lines += ["", "### Against the baselines", ""]
    lines += [
        "| instance | plan | greedy (× plan) | MILP best (exact) | MILP bound | MILP status, s "
        "| MILP peak MiB | binaries | MILP reaches the plan's cost at | plan faster by |"
    ]
    lines += ["|---|--:|--:|--:|--:|---|--:|--:|--:|--:|"]
    for r in results:
        p, g, m = r["plan"], r["greedy"], r["milp"]
        name = r.get("run", r["name"])
        failed = p["status"] == "failed"
        plan = "failed" if failed else _num(p["objective"], 2)
        ratio = None if failed else g["objective"] / p["objective"]
        greedy = _num(g["objective"], 2) + ("" if ratio is None else f" (× {_num(ratio, 2)})")
        if m["status"] == "skipped":
            lines.append(
                f"| {name} | {plan} | {greedy} | – | – | skipped: {m['note']} | – "
                f"| {m['binaries']:,} | – | – |"
            )
            continue
        reach = m.get("seconds_to_target")
        limit = m["time_limit"] + m.get("build_seconds", 0.0)
        if failed:
            reached = faster = "– (no plan)"
        elif reach is None:
            reached = f"not in {_num(limit, 0)} s"
            faster = f"> {_num(limit / p['seconds'], 1)} ×"
        else:
            reached = f"{_num(reach)} s"
            faster = f"{_num(reach / p['seconds'], 1)} ×"
        lines.append(
            f"| {name} | {plan} | {greedy} | {_num(m.get('exact_cost'), 2)} "
            f"| {_num(m.get('bound'), 2)} | {m['status']}, {_num(m.get('build_seconds'))} + "
            f"{_num(m.get('solve_seconds'))}{'; ' + m['note'] if m.get('note') else ''} "
            f"| {_num(m.get('peak_mib'), 0)} | {m['binaries']:,} "
            f"| {reached} | {faster} |"
        )

    lines += ["", "### The planner per profession", ""]
    lines += [
        "| instance | profession | employees | cases | status | objective | bound | gap | s |"
    ]
    lines += ["|---|---|--:|--:|---|--:|--:|--:|--:|"]
    for r in results:
        for q in r["plan"]["professions"]:
            if not q.get("sager"):
                continue
            lines.append(
                f"| {r.get('run', r['name'])} | {q['faggruppe']} | {q['medarbejdere']} | {q['sager']} "
                f"| {q['status']} | {_num(q['objective'], 2)} | {_num(q['bound'], 2)} "
                f"| {_pct(q['gap'])} | {_num(q['seconds'])} |"
            )
    lines += ["", "### MILP incumbents (seconds from the start of the build, cost)", ""]
    for r in results:
        m = r["milp"]
        if m.get("incumbents"):
            shown = _thin(m["incumbents"], MAX_INCUMBENTS_SHOWN)
            trail = ", ".join(f"{t:g} s: {c:,.2f}" for t, c in shown)
            if len(shown) < len(m["incumbents"]):
                trail += f" ({len(m['incumbents'])} in all, {len(shown)} shown)"
            lines.append(f"- {r.get('run', r['name'])}: {trail}")
    lines.append("")
    return "\n".join(lines) + "\n"
