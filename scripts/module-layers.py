#!/usr/bin/env python3
"""Reads `cargo modules dependencies` output (dot) for the app crate and reports the "uses" edges
between its top-level modules, and any cycle among them (and among contexts inside server/api).

    cargo modules dependencies -p app --lib --features ssr --no-externs --no-sysroot | scripts/module-layers.py
"""
import re
import sys
from collections import defaultdict

TOP = ["i18n", "domain", "error", "routes", "server", "api", "components", "pages"]
edges = defaultdict(int)
context_edges = defaultdict(int)
for line in sys.stdin:
    m = re.match(r'\s*"([^"]+)" -> "([^"]+)" \[label="uses"', line)
    if not m:
        continue
    a, b = m.group(1).split("::"), m.group(2).split("::")
    if len(a) < 2 or len(b) < 2 or a[0] != "app" or b[0] != "app":
        continue
    if a[1] in TOP and b[1] in TOP and a[1] != b[1]:
        edges[(a[1], b[1])] += 1
    # contexts inside server and api: server::identity -> server::cases …
    if len(a) > 2 and len(b) > 2 and a[1] == b[1] and a[1] in ("server", "api") and a[2] != b[2]:
        context_edges[(f"{a[1]}::{a[2]}", f"{b[1]}::{b[2]}")] += 1


def cycles(graph_edges):
    graph = defaultdict(set)
    for (a, b) in graph_edges:
        graph[a].add(b)
    found, seen = [], set()

    def walk(node, path):
        for nxt in graph[node]:
            if nxt in path:
                cycle = path[path.index(nxt):] + [nxt]
                key = frozenset(cycle)
                if key not in seen:
                    seen.add(key)
                    found.append(" -> ".join(cycle))
            elif len(path) < 12:
                walk(nxt, path + [nxt])

    for start in list(graph):
        walk(start, [start])
    return found


print("uses between top-level modules (count of items):")
for (a, b), n in sorted(edges.items(), key=lambda e: (TOP.index(e[0][0]), TOP.index(e[0][1]))):
    print(f"  {a} -> {b}: {n}")
print("cycles among top-level modules:", cycles(edges) or "none")
print("uses between contexts inside server/ and api/:")
for (a, b), n in sorted(context_edges.items()):
    print(f"  {a} -> {b}: {n}")
print("cycles among those:", cycles(context_edges) or "none")
