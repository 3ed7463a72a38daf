"""The gold pairs the oracle threads (or rebuts) and the pipeline does not, one by one, from the
database a ``bench/threads.py --keep`` run left: for each, both ends as extracted (kind,
speaker, content, in-article group, thread) and where the pair is lost.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres THREADS_BENCH_DB=ct_bench_NAME \
        .venv/bin/python bench/thread_gaps.py bench/gold/news-dev [--rebuttals] [--all]

Development gold only (news-dev): held-out sets are looked at in totals, never pair by pair.
"""

from __future__ import annotations

import argparse
import os
import sys
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("--rebuttals", action="store_true", help="only rebuttal pairs")
    parser.add_argument("--all", action="store_true", help="also pairs the oracle misses")
    parser.add_argument("--false", action="store_true", help="the predicted pairs the gold does not have")
    args = parser.parse_args()
    from bench.threads import BENCH_DB, _bench_url

    os.environ["DATABASE_URL"] = _bench_url(
        os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claimtrack.settings")
    os.environ.setdefault("DEBUG", "1")
    os.environ["REDIS_URL"] = ""
    import django

    django.setup()
    print(f"database {BENCH_DB}", file=sys.stderr)
    _report(args.gold, rebuttals=args.rebuttals, everything=args.all, false=args.false)


def _report(gold_dir: Path, *, rebuttals: bool, everything: bool, false: bool = False) -> None:
    from articles.models import Article
    from bench.thread_pairs import graph_from_links, load_gold, map_by_overlap
    from bench.threads_oracle import simulate
    from claims.models import Claim, ClaimLink, ReviewStatus
    from claims.selectors.threading import article_statements, article_window, in_article_pairs
    from claims.services import threading as threading_service
    from extraction.matching import Thresholds, _match

    _, gold = load_gold(gold_dir)
    title_of = dict(Article.objects.values_list("id", "title"))
    predicted: dict[str, list] = {}
    for claim_id, article_id, spans in Claim.objects.values_list("id", "article_id", "content_spans"):
        predicted.setdefault(title_of[article_id], []).append((str(claim_id), tuple(map(tuple, spans))))
    mapping = map_by_overlap(gold, predicted)
    rows, candidates, groups = {}, {}, {}
    speaker = dict(Claim.objects.values_list("id", "speaker__name"))
    target = dict(Claim.objects.values_list("id", "target__name"))
    for article_id in title_of:
        statements = [s for s in article_statements(article_id=article_id) if not s.rejected]
        rows.update({s.id: s for s in statements})
        groups.update(
            threading_service._components(
                {s.id: s for s in statements}, in_article_pairs(article_ids=[article_id])
            )
        )
        window = article_window(article_id=article_id)
        candidates.update(threading_service._candidates(article_id, statements, window) if window else {})
    key_of = {cid: (title_of[aid], str(cid)) for cid, aid in Claim.objects.values_list("id", "article_id")}
    links = [
        (key_of[s], key_of[t], r)
        for s, t, r in ClaimLink.objects.exclude(review_status=ReviewStatus.REJECTED)
        .filter(relation__in=("repeats", "rebuts"))
        .values_list("source_id", "target_id", "relation")
    ]
    threads = {key_of[r.id]: r.thread_id for r in rows.values() if r.thread_id is not None}
    graph = graph_from_links(links, threads=threads)
    oracle = simulate(gold_dir, Thresholds())
    everyone = Thresholds(similarity=0.0, confidence=0.0)

    def show(g, m) -> str:
        head = f"  gold {g.article}/{g.id} {g.kind} {g.stance} {g.speaker_actor}: {g.content[:110]!r}"
        if m is None:
            return head + "\n    -> not extracted"
        r = rows.get(int(m[1]))
        if r is None:
            return head + "\n    -> rejected"
        group = groups.get(r.id, (r.id,))
        return (
            head
            + f"\n    -> #{r.id} {r.kind} spk={speaker.get(r.id)} tgt={target.get(r.id)} thread={r.thread_id}"
            f" group={[(i, rows[i].kind) for i in group if i != r.id]}\n       {r.content[:140]!r}"
        )

    for a, b in combinations(gold, 2):
        if a.article == b.article:
            continue
        if false:
            ma, mb = mapping.get(a.key), mapping.get(b.key)
            if ma is None or mb is None:
                continue
            same = a.proposition == b.proposition
            wrong_thread = not same and graph.same_thread(ma, mb) and not rebuttals
            wrong_rebut = not (same and a.stance != b.stance) and graph.rebutted(ma, mb)
            if wrong_thread or wrong_rebut:
                print(f"FALSE {'REBUT' if wrong_rebut else 'THREAD'} {a.proposition} / {b.proposition}")
                print(show(a, ma))
                print(show(b, mb))
            continue
        if a.proposition != b.proposition:
            continue
        opposite = a.stance != b.stance
        if rebuttals and not opposite:
            continue
        a, b = sorted((a, b), key=lambda g: g.article)
        ma, mb = mapping.get(a.key), mapping.get(b.key)
        got = (
            ma is not None
            and mb is not None
            and (graph.rebutted(ma, mb) if opposite else graph.same_thread(ma, mb))
        )
        wanted = oracle.rebutted(a.key, b.key) if opposite else oracle.same_thread(a.key, b.key)
        if got or not (wanted or everything):
            continue
        note = ""
        if ma and mb and int(ma[1]) in rows and int(mb[1]) in rows:
            pa, pb = rows[int(ma[1])], rows[int(mb[1])]
            m = _match(pb.sketch, pa.sketch, everyone)
            cand = pa.id in candidates.get(pb.id, {})
            same = pa.thread_id is not None and pa.thread_id == pb.thread_id
            note = f" sim={m.similarity if m else 0} rel={m.relation if m else '-'} cand={cand} same_thread={same}"
        kind = "REBUT" if opposite else "THREAD"
        print(f"{kind} {a.proposition} oracle={wanted}{note}")
        print(show(a, ma))
        print(show(b, mb))


if __name__ == "__main__":
    main()
