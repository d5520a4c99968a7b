#!/usr/bin/env python3
"""Independent reference for @opn/network-metrics, computed with networkx.

  python3 networkx_reference.py fixtures
      writes fixtures.json (next to this script): the fixture graphs of the unit tests and the
      report networkx gives for each; checks on the way that, on unweighted graphs, networkx's
      Borgatti shortcut (effective size n - 2t/n) equals the weighted formula.
  python3 networkx_reference.py openness --edges EDGES.csv --groups GROUPS.csv
      prints the same JSON report as `npm run -s network -- openness` (Python's csv module,
      networkx's constraint and effective_size, E-I counted here), for the comparisons of the
      live test and of the benchmark.
  python3 networkx_reference.py communities --graph GRAPH.json
      GRAPH.json: {"nodes": [...], "edges": [[u, v, w], ...], "partition": [community of each
      node, in "nodes" order], "seeds": [...]}; prints {"modularity": networkx's modularity of
      the partition, "louvain": [modularity of louvain_communities(seed=s) for each seed]}.
  python3 networkx_reference.py readback --format gexf|graphml --file FILE
      reads FILE with nx.read_gexf / nx.read_graphml and prints {"directed", "graph" (graph
      attributes), "nodes": [[id, attributes]], "edges": [[u, v, attributes]]}.

Nothing here shares code with the TypeScript implementation.
"""
import argparse
import csv
import json
import math
import os
import sys

import networkx as nx


def report(G, groups):
    """The openness report of G (weights in the 'weight' attribute) over groups (node -> group)."""
    constraint = nx.constraint(G, weight="weight")
    esize = nx.effective_size(G, weight="weight")

    def num(x):
        return None if x is None or math.isnan(x) else float(x)

    counts = {g: [0, 0] for g in groups.values()}  # group -> [internal, external]
    internal = external = 0
    for u, v in G.edges():
        gu, gv = groups[u], groups[v]
        if gu == gv:
            internal += 1
            counts[gu][0] += 1
        else:
            external += 1
            counts[gu][1] += 1
            counts[gv][1] += 1

    def ei(e, i):
        return None if e + i == 0 else (e - i) / (e + i)

    return {
        "ei": ei(external, internal),
        "groups": [
            {"group": g, "internal": c[0], "external": c[1], "ei": ei(c[1], c[0])}
            for g, c in sorted(counts.items(), key=lambda kv: kv[0].encode("utf-16-be"))
        ],
        "nodes": [
            {
                "id": n,
                "degree": G.degree(n),
                "constraint": num(constraint.get(n)),
                "effectiveSize": num(esize.get(n)),
            }
            # JavaScript compares strings by UTF-16 code units
            for n in sorted(G.nodes(), key=lambda s: s.encode("utf-16-be"))
        ],
    }


def graph_of(edges, groups):
    G = nx.Graph()
    G.add_nodes_from(groups)
    for e in edges:
        G.add_edge(e[0], e[1], weight=e[2] if len(e) > 2 else 1)
    return G


def read_csv(edges_path, groups_path):
    with open(groups_path, newline="", encoding="utf-8-sig") as f:
        groups = {row["node"]: row["group"] for row in csv.DictReader(f)}
    with open(edges_path, newline="", encoding="utf-8-sig") as f:
        edges = [
            (row["source"], row["target"], float(row["weight"]) if row.get("weight") else 1.0)
            for row in csv.DictReader(f)
        ]
    return edges, groups


def check_borgatti(G):
    """On an unweighted graph, networkx's Borgatti shortcut must equal the weighted formula."""
    if any(d.get("weight", 1) != 1 for _, _, d in G.edges(data=True)):
        return
    nodes = list(G)  # nodes given: the per-node code paths, not the matrix one
    shortcut = nx.effective_size(G, nodes=nodes, weight=None)
    formula = nx.effective_size(G, nodes=nodes, weight="weight")
    for n in nodes:
        a, b = shortcut[n], formula[n]
        assert (math.isnan(a) and math.isnan(b)) or abs(a - b) < 1e-12, (n, a, b)


FIXTURES = {
    # K5: every node has constraint 4 * (1/4 + 3/16)^2 = 49/64 and effective size 4 - 2*6/4 = 1.
    "clique": {
        "edges": [[u, v] for i, u in enumerate("abcde") for v in "abcde"[i + 1:]],
        "groups": {n: "g" for n in "abcde"},
    },
    # Star: centre c with 5 leaves (constraint 5 * (1/5)^2 = 1/5, effective size 5), leaves
    # (constraint 1, effective size 1); z has no edge (nulls) and is alone in its group (ei null).
    "star": {
        "edges": [["c", leaf] for leaf in ["l1", "l2", "l3", "l4", "l5"]],
        "groups": {"c": "hub", "l1": "spokes", "l2": "spokes", "l3": "spokes", "l4": "spokes", "l5": "spokes", "z": "alone"},
    },
    # Two triangles a1 a2 a3 and b1 b2 b3 joined by the broker x (group A) tied to a1 and b1.
    "broker": {
        "edges": [["a1", "a2"], ["a1", "a3"], ["a2", "a3"], ["b1", "b2"], ["b1", "b3"], ["b2", "b3"], ["x", "a1"], ["x", "b1"]],
        "groups": {"a1": "A", "a2": "A", "a3": "A", "x": "A", "b1": "B", "b2": "B", "b3": "B"},
    },
    # Weighted: a-b 3, a-c 1, b-c 2, c-d 4, d-e 1; z isolated.
    "weighted": {
        "edges": [["a", "b", 3], ["a", "c", 1], ["b", "c", 2], ["c", "d", 4], ["d", "e", 1]],
        "groups": {"a": "A", "b": "A", "c": "B", "d": "B", "e": "B", "z": "C"},
    },
}


def communities(path):
    with open(path, encoding="utf-8") as fh:
        spec = json.load(fh)
    G = nx.Graph()
    G.add_nodes_from(spec["nodes"])
    for u, v, w in spec["edges"]:
        G.add_edge(u, v, weight=w)
    blocks = {}
    for node, c in zip(spec["nodes"], spec["partition"]):
        blocks.setdefault(c, set()).add(node)
    return {
        "modularity": nx.community.modularity(G, list(blocks.values()), weight="weight"),
        "louvain": [
            nx.community.modularity(G, nx.community.louvain_communities(G, weight="weight", seed=seed), weight="weight")
            for seed in spec["seeds"]
        ],
    }


def readback(fmt, path):
    G = nx.read_gexf(path) if fmt == "gexf" else nx.read_graphml(path)
    return {
        "directed": G.is_directed(),
        "graph": {k: v for k, v in G.graph.items() if k in ("title",)},
        "nodes": [[n, d] for n, d in G.nodes(data=True)],
        "edges": [[u, v, d] for u, v, d in G.edges(data=True)],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("fixtures")
    o = sub.add_parser("openness")
    o.add_argument("--edges", required=True)
    o.add_argument("--groups", required=True)
    c = sub.add_parser("communities")
    c.add_argument("--graph", required=True)
    r = sub.add_parser("readback")
    r.add_argument("--format", required=True, choices=["gexf", "graphml"])
    r.add_argument("--file", required=True)
    args = parser.parse_args()

    if args.command == "communities":
        json.dump(communities(args.graph), sys.stdout)
        sys.stdout.write("\n")
        return
    if args.command == "readback":
        json.dump(readback(args.format, args.file), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return

    if args.command == "fixtures":
        out = {"networkx": nx.__version__, "fixtures": {}}
        for name, f in FIXTURES.items():
            G = graph_of(f["edges"], f["groups"])
            check_borgatti(G)
            out["fixtures"][name] = {**f, "expected": report(G, f["groups"])}
        path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures.json")
        with open(path, "w") as fh:
            json.dump(out, fh, indent=2)
            fh.write("\n")
        print(f"wrote {path}", file=sys.stderr)
    else:
        edges, groups = read_csv(args.edges, args.groups)
        G = graph_of(edges, groups)
        json.dump(report(G, groups), sys.stdout)
        sys.stdout.write("\n")


if __name__ == "__main__":
    main()
