"""The cross-article matcher alone, on gold statements: what threading would score if the
extractor were perfect. Prints JSON (thread pairs and rebuttal pairs, P/R/F1).

    .venv/bin/python bench/threads_oracle.py bench/gold/news-dev [--similarity 0.42] [--by-story]
    .venv/bin/python bench/threads_oracle.py bench/gold/news-dev --leave-one-story-out
    .venv/bin/python bench/threads_oracle.py bench/gold/news-dev --no-groups   # [--group 0.28]
    .venv/bin/python bench/threads_oracle.py bench/gold/news-dev --leave-one-story-out --choose restatement
    .venv/bin/python bench/threads_oracle.py bench/gold/news-dev --as-service  # [--no-restatements]

Articles arrive one by one, in name order, as the threading service sees them. Each statement
is given its article's salient names (``salient_names``), is scored against every thread so
far (``best_threads``: the threads of earlier articles, and those this article's earlier
statements started) and joins the best one, linked to the member it repeats or rebuts, or
starts a thread of its own. The gold's own in-article links count as the extractor's (they
are its job, scored elsewhere): statements they link end in one thread. When none of a
group's statements matches a thread alone, the group may join one on its pooled words
(``best_group_threads``, at ``Thresholds.group``; ``--no-groups`` turns that off). Statements
of one article that restate one proposition (``restatement_groups``, at
``Thresholds.restatement``; ``--no-restatements`` turns that off) join those groups too, as
the service threads them together: they join a thread as one, though (as in the service) they
neither pool their words nor take a link of their own.

``--as-service`` applies the threading service's own rule instead (``simulate_service``): each
statement's best two pair matches among earlier articles' statements, threads merged over
every link, rather than the best thread's centroid alone; what the oracle figures leave out of
what the service does.

``--by-story`` adds the figures of each story's own pairs (and of the pairs across stories,
all of them wrong by construction). ``--leave-one-story-out`` picks the similarity threshold
on all stories but one, scores that one at it, and sums the held-out counts over the stories:
what the threshold gives on a story it was not chosen on, beside the figures where it was.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from dataclasses import replace
from functools import partial
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.thread_pairs import (
    GoldStatement,
    Key,
    PredictedGraph,
    _prf,
    _UnionFind,
    graph_from_links,
    load_gold,
)
from extraction.matching import (
    Sketch,
    ThreadProfile,
    Thresholds,
    best_group_threads,
    best_matches,
    best_threads,
    group_links,
    match_thread,
    restatement_groups,
    salient_names,
)

ACROSS = "(across stories)"
GRID = tuple(round(0.30 + 0.025 * i, 3) for i in range(21))
# 2.0: no restatement groups at all (a similarity never exceeds 1).
# The service's THREADING_LINKS_PER_STATEMENT.
LINKS_PER_STATEMENT = 2
RESTATEMENT_GRID = (*(round(0.5 + 0.05 * i, 3) for i in range(11)), 2.0)


def _sketch(g: GoldStatement, names: frozenset[str]) -> Sketch:
    speakers = frozenset({g.speaker_actor} if g.speaker_actor else ())
    targets = frozenset({g.target_actor} if g.target_actor else ())
    return Sketch(
        f"{g.article}/{g.id}", g.article, g.kind or "claim", g.content, speakers, targets, names=names
    )


def _in_article_links(directory: Path) -> dict[str, list[tuple[Key, Key]]]:
    links: dict[str, list[tuple[Key, Key]]] = {}
    for path in sorted(directory.glob("*.gold.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        for link in doc.get("links", []):
            for to in link["to"]:
                links.setdefault(doc["id"], []).append(((doc["id"], link["from"]), (doc["id"], to)))
    return links


def _key(sketch: Sketch) -> Key:
    article, sid = sketch.key.split("/", 1)
    return (article, sid)


class _Threads:
    """The threading service in miniature: thread ids, profiles, and the links it proposes."""

    def __init__(self) -> None:
        self.profiles: dict[int, ThreadProfile] = {}
        self.thread_of: dict[Key, int] = {}
        self.links: list[tuple[Key, Key, str]] = []
        self._next = 0

    def add_group(
        self, group: list[Sketch], thresholds: Thresholds, linked: list[list[Sketch]] | None = None
    ) -> None:
        """Statements the extractor linked in their article thread together, and those that
        restate one another: the group joins the thread its most confident statement matches,
        or starts one. ``linked``: the group's parts the extractor linked (the whole group when
        None); as in the service, only they pool their words, and only their members take
        their side in the thread by a link of their own."""
        linked = [group] if linked is None else linked
        best = None
        for sketch in group:
            ranked = best_threads(sketch, self.profiles.values(), thresholds=thresholds)
            if ranked and (best is None or ranked[0].confidence > best[1].confidence):
                best = (sketch, ranked[0])
        for part in linked if best is None else ():
            if len(part) < 2:
                continue
            # None of them alone: together, on their pooled words.
            pooled = best_group_threads(part, self.profiles.values(), thresholds=thresholds)
            if pooled and (best is None or pooled[0].match.similarity > best[1].similarity):
                best = (pooled[0].anchor, pooled[0].match)
        sided = {s.key for part in linked if len(part) > 1 for s in part}
        if best is not None:
            anchor, found = best
            tid = int(found.thread)
            self.links.append((_key(anchor), _key(found.member), found.relation))
            # Every statement of the group takes its side in the thread: it repeats the member
            # of its stance it is closest to (the anchor's link settles the others).
            everyone = Thresholds(similarity=0.0, confidence=0.0)
            for sketch in group:
                if sketch is anchor or sketch.key not in sided:
                    continue
                side = match_thread(sketch, self.profiles[tid], thresholds=everyone)
                if side is not None and side.relation == "repeats":
                    self.links.append((_key(sketch), _key(side.member), "repeats"))
        else:
            self._next += 1
            tid = self._next
        members = (*self.profiles[tid].members, *group) if tid in self.profiles else tuple(group)
        self.profiles[tid] = ThreadProfile.of(str(tid), members)
        for sketch in group:
            self.thread_of[_key(sketch)] = tid


def _groups(sketches: list[Sketch], links: Iterable[tuple[Key, Key]]) -> list[list[Sketch]]:
    """The article's statements, those linked in the article together, in order of appearance."""
    parent = {_key(s): _key(s) for s in sketches}

    def find(k: Key) -> Key:
        while parent[k] != k:
            k = parent[k]
        return k

    for a, b in links:
        if a in parent and b in parent:
            parent[find(a)] = find(b)
    groups: dict[Key, list[Sketch]] = {}
    for s in sketches:
        groups.setdefault(find(_key(s)), []).append(s)
    return list(groups.values())


def _restated(
    sketches: list[Sketch], linked: list[list[Sketch]], thresholds: Thresholds
) -> list[tuple[list[Sketch], list[list[Sketch]]]]:
    """The article's linked groups, those whose statements restate one another
    (``restatement_groups``) together: each merged group with its linked parts, in order of
    appearance."""
    head_of = {s.key: part[0] for part in linked for s in part}
    restated = [
        (_key(head_of[group[0].key]), _key(head_of[s.key]))
        for group in restatement_groups(sketches, thresholds=thresholds)
        for s in group[1:]
    ]
    part_of = {part[0].key: part for part in linked}
    order = {s.key: i for i, s in enumerate(sketches)}
    merged = []
    for heads in _groups([part[0] for part in linked], restated):
        parts = [part_of[h.key] for h in heads]
        members = sorted((s for part in parts for s in part), key=lambda s: order[s.key])
        merged.append((members, parts))
    return merged


def simulate(directory: Path, thresholds: Thresholds, *, context: bool = True) -> PredictedGraph:
    texts, gold = load_gold(directory)
    in_article = _in_article_links(directory)
    by_article: dict[str, list[GoldStatement]] = {}
    for g in gold:
        by_article.setdefault(g.article, []).append(g)
    threads = _Threads()
    for article in sorted(by_article):
        names = salient_names(texts[article]) if context else frozenset()
        sketches = [_sketch(g, names) for g in by_article[article]]
        links = in_article.get(article, [])
        for group, parts in _restated(sketches, _groups(sketches, links), thresholds):
            threads.add_group(group, thresholds, parts)
        threads.links.extend((a, b, "rebuts") for a, b in links)
    return graph_from_links(threads.links, threads=threads.thread_of)


def simulate_service(
    directory: Path, thresholds: Thresholds, *, context: bool = True, thread_check: bool = True
) -> PredictedGraph:
    """The threading service's own rule (claims.services.threading), on gold statements: each
    statement links to its best ``LINKS_PER_STATEMENT`` matches among the statements of earlier
    articles, pair by pair (``best_matches``, not against threads' centroids); a group its
    article links, none of whose members matches alone, links as the service's
    ``_add_group_matches`` does (``group_links``, against every earlier group rather than the
    candidates' groups); threads are the connected groups over all links, the articles' own,
    and over each article's restatements. What it leaves out: the candidate search (the service
    scores the 20 its full-text index finds, this every earlier statement) and the re-scoring of
    old links when a later article is threaded. ``thread_check`` (the service's rule since
    branch svc4, ``_keep_best_threads``): each in-article group (linked or restated) keeps only
    its pair matches into the one thread its most confident statement matches best as a whole
    (``best_threads``, here over every earlier thread, there over its candidates' threads)."""
    texts, gold = load_gold(directory)
    in_article = _in_article_links(directory)
    by_article: dict[str, list[GoldStatement]] = {}
    for g in gold:
        by_article.setdefault(g.article, []).append(g)
    earlier: list[Sketch] = []
    earlier_groups: list[list[Sketch]] = []
    links: list[tuple[Key, Key, str]] = []
    components = _UnionFind()
    for article in sorted(by_article):
        names = salient_names(texts[article]) if context else frozenset()
        sketches = [_sketch(g, names) for g in by_article[article]]
        inner = in_article.get(article, [])
        matched: set[str] = set()
        members: dict[Key, list[Sketch]] = {}
        for s in earlier if thread_check else ():
            members.setdefault(components.find(_key(s)), []).append(s)
        profiles = {root: ThreadProfile.of(str(root), m) for root, m in members.items()}
        ranked_of = {s.key: best_matches(s, earlier, thresholds=thresholds) for s in sketches}
        if thread_check:
            # Each in-article group (linked or restated) joins the one thread it matches best
            # as a whole, by its most confident statement (the oracle's rule): its statements'
            # pair matches count only into that thread.
            for group, _ in _restated(sketches, _groups(sketches, inner), thresholds):
                best = None
                for sketch in group:
                    found = best_threads(sketch, profiles.values(), thresholds=thresholds)
                    if found and (best is None or found[0].confidence > best.confidence):
                        best = found[0]
                for sketch in group:
                    ranked_of[sketch.key] = [
                        (other, m)
                        for other, m in ranked_of[sketch.key]
                        if best is not None and str(components.find(_key(other))) == best.thread
                    ]
        for sketch in sketches:
            for other, found in ranked_of[sketch.key][:LINKS_PER_STATEMENT]:
                links.append((_key(sketch), _key(other), found.relation))
                matched.add(sketch.key)
        linked = _groups(sketches, inner)
        for group in linked:
            if len(group) < 2 or any(s.key in matched for s in group):
                continue
            found = [
                made for other in earlier_groups if (made := group_links(group, other, thresholds=thresholds))
            ]
            if found:
                best = max(found, key=lambda made: (made[0][2].similarity, made[0][1].key))
                links += [(_key(a), _key(b), m.relation) for a, b, m in best]
        links += [(a, b, "rebuts") for a, b in inner]
        for restated in restatement_groups(sketches, thresholds=thresholds):
            for sibling in restated[1:]:
                components.union(_key(sibling), _key(restated[0]))
        earlier += sketches
        earlier_groups += [g for g in linked if len(g) > 1]
        # The threads as the next article finds them (the service stores them article by article).
        for a, b, _ in links:
            components.union(a, b)
    return graph_from_links(links, threads={k: components.find(k) for k in components.parent})


def _story(g: GoldStatement) -> str:
    return g.proposition.split("/", 1)[0]


def pair_counts(gold: Iterable[GoldStatement], graph: PredictedGraph) -> dict[str, dict[str, list[int]]]:
    """tp/fp/fn of thread and rebuttal pairs, by the story both statements belong to."""
    counts: dict[str, dict[str, list[int]]] = {}
    for a, b in combinations(gold, 2):
        if a.article == b.article:
            continue
        bucket = _story(a) if _story(a) == _story(b) else ACROSS
        c = counts.setdefault(bucket, {"thread": [0, 0, 0], "rebuttal": [0, 0, 0]})
        same = a.proposition == b.proposition
        _count(c["thread"], same, graph.same_thread(a.key, b.key))
        _count(c["rebuttal"], same and a.stance != b.stance, graph.rebutted(a.key, b.key))
    return counts


def _count(c: list[int], gold: bool, predicted: bool) -> None:
    if gold and predicted:
        c[0] += 1
    elif predicted:
        c[1] += 1
    elif gold:
        c[2] += 1


def _total(counts: dict[str, dict[str, list[int]]], buckets: Iterable[str]) -> dict[str, list[int]]:
    total = {"thread": [0, 0, 0], "rebuttal": [0, 0, 0]}
    for b in buckets:
        for measure, c in counts.get(b, {}).items():
            total[measure] = [x + y for x, y in zip(total[measure], c, strict=True)]
    return total


def _report(total: dict[str, list[int]]) -> dict:
    return {measure: _prf(*c) for measure, c in total.items()}


def run(
    directory: Path,
    thresholds: Thresholds,
    *,
    by_story: bool = False,
    context: bool = True,
    service: bool = False,
    thread_check: bool = True,
) -> dict:
    _, gold = load_gold(directory)
    if service:
        graph = simulate_service(directory, thresholds, context=context, thread_check=thread_check)
    else:
        graph = simulate(directory, thresholds, context=context)
    counts = pair_counts(gold, graph)
    report = _report(_total(counts, counts))
    report["statements"] = len(gold)
    report["articles"] = len({g.article for g in gold})
    if by_story:
        report["by_story"] = {story: _report(c) for story, c in sorted(counts.items())}
    return report


def _objective(total: dict[str, list[int]]) -> float:
    # Issue 12's bar: precision first (a wrong thread misleads more than a missing one).
    score = 0.0
    for c in total.values():
        prf = _prf(*c)
        score += prf["f1"] - 2 * max(0.0, 0.85 - prf["precision"])
    return score


def leave_one_story_out(
    directory: Path,
    thresholds: Thresholds,
    *,
    context: bool = True,
    choose: str = "similarity",
    service: bool = False,
    thread_check: bool = True,
) -> dict:
    _, gold = load_gold(directory)
    sim = partial(simulate_service, thread_check=thread_check) if service else simulate
    grid = GRID if choose == "similarity" else RESTATEMENT_GRID
    by_threshold = {
        s: pair_counts(gold, sim(directory, replace(thresholds, **{choose: s}), context=context))
        for s in grid
    }
    stories = sorted({_story(g) for g in gold})
    held_out = {"thread": [0, 0, 0], "rebuttal": [0, 0, 0]}
    chosen: dict[str, float] = {}
    for story in stories:
        rest = [b for b in (*stories, ACROSS) if b != story]
        best = max(grid, key=lambda s: (_objective(_total(by_threshold[s], rest)), -s))
        chosen[story] = best
        held = _total(by_threshold[best], [story])
        for measure, c in held.items():
            held_out[measure] = [x + y for x, y in zip(held_out[measure], c, strict=True)]
    everything = (*stories, ACROSS)
    best_all = max(grid, key=lambda s: (_objective(_total(by_threshold[s], everything)), -s))
    in_sample = _total(by_threshold[best_all], stories)
    return {
        "held_out": _report(held_out),
        "in_sample": _report(in_sample) | {choose: best_all},
        "across_stories_at_in_sample": _report(_total(by_threshold[best_all], [ACROSS])),
        f"chosen_{choose}": chosen,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("--similarity", type=float, default=Thresholds().similarity)
    parser.add_argument("--confidence", type=float, default=Thresholds().confidence)
    parser.add_argument(
        "--group", type=float, default=Thresholds().group, help="pooled threshold for in-article groups"
    )
    parser.add_argument("--no-groups", action="store_true", help="groups join a thread only member by member")
    parser.add_argument("--by-story", action="store_true", help="figures of each story's own pairs")
    parser.add_argument(
        "--leave-one-story-out", action="store_true", help="threshold chosen without the story"
    )
    parser.add_argument(
        "--restatement",
        type=float,
        default=Thresholds().restatement,
        help="in-article similarity at which statements restate one another",
    )
    parser.add_argument("--no-restatements", action="store_true", help="no in-article restatement groups")
    parser.add_argument(
        "--choose",
        choices=("similarity", "restatement"),
        default="similarity",
        help="the threshold --leave-one-story-out picks",
    )
    parser.add_argument(
        "--as-service", action="store_true", help="the service's rule: pairwise links, threads merged"
    )
    parser.add_argument(
        "--no-thread-check",
        action="store_true",
        help="with --as-service: pair matches taken without matching the other end's thread",
    )
    parser.add_argument("--no-context", action="store_true", help="without the articles' salient names")
    args = parser.parse_args()
    # A pooled similarity never exceeds 1: above it, no group joins on its pooled words.
    thresholds = Thresholds(
        args.similarity,
        args.confidence,
        2.0 if args.no_groups else args.group,
        2.0 if args.no_restatements else args.restatement,
    )
    context = not args.no_context
    if args.leave_one_story_out:
        report = leave_one_story_out(
            args.gold,
            thresholds,
            context=context,
            choose=args.choose,
            service=args.as_service,
            thread_check=not args.no_thread_check,
        )
    else:
        report = run(
            args.gold,
            thresholds,
            by_story=args.by_story,
            context=context,
            service=args.as_service,
            thread_check=not args.no_thread_check,
        )
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
