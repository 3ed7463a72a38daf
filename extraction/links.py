"""Which statement rebuts which, and which quotation supports which statement.

A denial, accusation or criticism rebuts:
- the statement written inside its own content ("denied American claims that...",
  "criticised Guterres' condemnation of..."), or else
- the nearest earlier statement by another actor that is aimed at the speaker (or the
  speaker's state or body): "the US accused North Korea... North Korea denied".
A floating quotation supports the statement whose speaker it continues.
"""

from __future__ import annotations

from dataclasses import dataclass

from .types import Kind, Link, Span, within

_COUNTER_WINDOW = 2  # paragraphs
_REBUTTING: frozenset[Kind] = frozenset({"denial", "accusation", "criticism"})


@dataclass(frozen=True, slots=True)
class Node:
    """What link finding needs to know of a statement."""

    id: str
    kind: Kind
    content: tuple[Span, ...]
    cue: Span | None
    speaker: str | None  # actor id
    speaker_side: frozenset[str]  # the speaker and the actors it is affiliated with
    target: str | None
    target_side: frozenset[str]  # the target and the actors it is affiliated with
    continues: str | None  # id of the statement a floating quotation continues
    paragraph: int
    confidence: float
    words: frozenset[str] = frozenset()  # content lemmas: what the statement is about
    # Whose words the content names as rejected ("denied ISIS's claim"): that side's claims.
    owner_side: frozenset[str] = frozenset()


def find_links(nodes: list[Node]) -> tuple[Link, ...]:
    links: list[Link] = []
    # Statements reported inside a rebuttal ("rejected accusations by X that...") are what is
    # answered; they do not answer anything themselves.
    answered = {
        o.id for n in nodes if n.kind in _REBUTTING for o in nodes if o is not n and within(o.cue, n.content)
    }
    for i, node in enumerate(nodes):
        if node.continues is not None:
            links.append(Link(node.id, node.continues, "supports", round(node.confidence, 2)))
        if node.kind not in _REBUTTING:
            continue
        embedded = [
            o
            for o in nodes
            if o is not node and within(o.cue, node.content) and o.speaker_side.isdisjoint(node.speaker_side)
        ]
        if embedded:
            links.extend(Link(node.id, o.id, "rebuts", round(min(node.confidence, 0.9), 2)) for o in embedded)
            continue
        if not node.speaker_side or node.id in answered:
            continue
        if node.kind == "denial" and (claim := _denied_claim(node, nodes, i, node.owner_side)) is not None:
            links.append(Link(node.id, claim.id, "rebuts", round(node.confidence * 0.8, 2)))
            continue
        if node.kind == "denial" and (claim := _continued_denial(node, nodes[:i], links)) is not None:
            links.append(Link(node.id, claim, "rebuts", round(node.confidence * 0.7, 2)))
            continue
        if node.kind == "denial" and (claim := _denied_claim(node, nodes, i)) is not None:
            links.append(Link(node.id, claim.id, "rebuts", round(node.confidence * 0.8, 2)))
            continue
        for earlier in reversed(nodes[:i]):
            # A counter-accusation answers what was said just before; a denial may answer
            # a claim anywhere earlier in the article.
            if node.kind != "denial" and node.paragraph - earlier.paragraph > _COUNTER_WINDOW:
                break
            if earlier.speaker is None or earlier.speaker in node.speaker_side:
                continue
            if any(lk.source == earlier.id and lk.target == node.id for lk in links):
                continue  # the earlier statement answers this one; they do not answer each other
            if earlier.target in node.speaker_side and (
                node.target is None
                or not node.target_side.isdisjoint(earlier.speaker_side)
                or node.kind == "denial"
            ):
                links.append(Link(node.id, earlier.id, "rebuts", round(node.confidence * 0.8, 2)))
                break
    return tuple(links)


_MIN_SHARED_WORDS = 2


def _continued_denial(node: Node, earlier: list[Node], links: list[Link]) -> str | None:
    """A side that goes on denying answers the claim it denied before: "Kurdish fighters denied
    she had been captured... 'She is safe,' their spokesman said" rebuts the same claim."""
    by_id = {n.id: n for n in earlier}
    for other in reversed(earlier):
        if other.kind != "denial" or other.speaker_side.isdisjoint(node.speaker_side):
            continue
        for lk in links:
            if lk.source == other.id and lk.relation == "rebuts" and lk.target in by_id:
                return lk.target
    return None


def _denied_claim(node: Node, nodes: list[Node], i: int, owner: frozenset[str] = frozenset()) -> Node | None:
    """The claim a denial answers when it does not quote it: another side's claim or accusation
    about the same thing (most content words shared), before the denial if there is one, else after.
    "ISIS said it had beheaded her... Kurdish fighters said she was alive and had not been beheaded".
    With an owner (the side whose claim the denial names), only that side's claims, however few
    words they share: "ISIS said she was captured... Kurds called it ISIS propaganda"."""
    best: tuple[float, int, Node] | None = None
    for k, other in enumerate(nodes):
        if (
            k == i
            or other.kind not in ("claim", "accusation")
            or other.speaker is None
            or other.speaker in node.speaker_side
            or not other.speaker_side.isdisjoint(node.speaker_side)
            or other.continues is not None
        ):
            continue
        if owner and other.speaker_side.isdisjoint(owner):
            continue
        shared = len(node.words & other.words)
        if shared < (0 if owner else _MIN_SHARED_WORDS):
            continue
        # Shared words against the sizes of both, so that a long claim that mentions everything
        # does not win; earlier claims first, the nearest among equals.
        rank = (
            round(shared / max(len(node.words) * len(other.words), 1) ** 0.5, 3),
            -(abs(i - k) + (len(nodes) if k > i else 0)),
        )
        if best is None or rank > best[:2]:
            best = (*rank, other)
    return best[2] if best else None
