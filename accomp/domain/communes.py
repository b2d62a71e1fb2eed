"""The French communes (INSEE code, La Poste postal codes, département, population),
shipped in resources/communes/communes.csv.gz, for completion in forms.

Pure and lazy: nothing is read until the first call, then the list and its search
index are built once (about 35,000 communes, 35,500 postal-code pairs) and kept.
One `Commune` is one (commune, postal code) pair, as La Poste lists them: Paris is
one INSEE code with twenty postal codes.

Search, accent- and case-insensitive:
- digits: postal codes starting with them;
- words: names starting with them ("saint et" -> Saint-Étienne…), then names with a
  later word starting with them ("etienne" -> Saint-Étienne); "st"/"ste" stand for
  "saint"/"sainte". Digits after words narrow to those postal codes
  ("saint etienne 42").
Within each kind of match, bigger communes come first, then alphabetical order. A
name given in full lists each of its postal codes; other matches show a commune
once, with its first postal code.

The first call takes about half a second (reading and indexing the list); after
that a search takes well under a millisecond. `warm_up()` does the first part
ahead, e.g. from a worker thread at start-up.
"""

from __future__ import annotations

import gzip
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import islice

from accomp.domain.text import fold

_RESOURCE = ("communes", "communes.csv.gz")
# Above this many candidates, walking the communes from the most populated down and
# keeping those that match is cheaper than ranking every candidate.
_DENSE = 1500
_ABBREVIATIONS = {"st": "saint", "ste": "sainte"}
_END = "\uffff"


@dataclass(frozen=True, slots=True)
class Commune:
    """One commune with one of its postal codes."""

    insee: str
    postal_code: str
    name: str
    departement: str
    population: int = 0

    @property
    def label(self) -> str:
        """As a completion list shows it: "Saint-Étienne (42000)"."""
        return f"{self.name} ({self.postal_code})"

    def as_input(self) -> dict[str, str]:
        """The `commune` field of an ActivityIn / BeneficiaryIn."""
        return {"name": self.name, "postal_code": self.postal_code, "insee": self.insee}


@dataclass(frozen=True, slots=True)
class _Index:
    """Communes by rank (0 = most populated; ties by folded name, then INSEE code),
    in parallel lists, and three sorted keys lists pointing to ranks. Commune objects
    are made only for what a call returns: that keeps the first load short."""

    insee: list[str]
    names: list[str]
    departements: list[str]
    populations: list[int]
    postals: list[tuple[str, ...]]  # in order
    keys: list[str]  # folded names
    rank_of: dict[str, int]  # INSEE code -> rank
    name_keys: list[str]  # sorted folded names …
    name_ranks: list[int]  # … and their ranks
    word_keys: list[str]  # sorted folded names from their second word on …
    word_ranks: list[int]
    postal_keys: list[str]  # sorted postal codes …
    postal_ranks: list[int]

    def commune(self, rank: int, postal_code: str) -> Commune:
        return Commune(self.insee[rank], postal_code, self.names[rank],
                       self.departements[rank], self.populations[rank])


_COLUMNS = ["insee", "postal_code", "name", "departement", "population"]


def _read_columns() -> list[list[str]]:
    """The file's five columns. The build script guarantees five fields a line and
    no ";" in a name, so one split of the whole text reads it, far faster than the
    csv module."""
    raw = resources.files("accomp.resources").joinpath(*_RESOURCE).read_bytes()
    header, _, body = gzip.decompress(raw).decode("utf-8").partition("\n")
    flat = body.strip("\n").replace("\n", ";").split(";")
    if header.split(";") != _COLUMNS or len(flat) % len(_COLUMNS):
        raise ValueError("communes.csv.gz is not in the expected format")
    return [flat[i::len(_COLUMNS)] for i in range(len(_COLUMNS))]


def _folder(names: Iterable[str]) -> Callable[[str], str]:
    """`fold`, made fast for many names: fold each distinct character once, then
    translate. It gives what `fold` gives because every step of `fold` works
    character by character (a test checks it on the whole list)."""
    table = {ord(ch): fold(ch) or " " for ch in set("".join(names))}
    return lambda name: " ".join(name.translate(table).split())


def _sorted_by(keys: Sequence[str]) -> list[int]:
    return sorted(range(len(keys)), key=keys.__getitem__)


@cache
def _index() -> _Index:
    insee, postal, name, departement, population = _read_columns()  # sorted by INSEE
    starts = [i for i in range(len(insee)) if i == 0 or insee[i] != insee[i - 1]]
    ends = [*starts[1:], len(insee)]
    fast_fold = _folder(name[i] for i in starts)
    folded = [fast_fold(name[i]) for i in starts]
    populations = [int(population[i] or 0) for i in starts]
    # rank: population descending, then folded name, then INSEE code (stable sorts)
    order = _sorted_by(folded)
    order.sort(key=lambda g: -populations[g])
    keys = [folded[g] for g in order]
    first_rows = [starts[g] for g in order]
    postals = [tuple(postal[starts[g]:ends[g]]) for g in order]
    word_keys: list[str] = []
    word_ranks: list[int] = []
    for rank, key in enumerate(keys):
        space = key.find(" ")
        while space >= 0:
            word_keys.append(key[space + 1:])
            word_ranks.append(rank)
            space = key.find(" ", space + 1)
    postal_keys = [pc for codes in postals for pc in codes]
    postal_ranks = [rank for rank, codes in enumerate(postals) for _ in codes]
    name_order = _sorted_by(keys)
    word_order = _sorted_by(word_keys)
    postal_order = _sorted_by(postal_keys)
    ranked_insee = [insee[i] for i in first_rows]
    return _Index(
        insee=ranked_insee,
        names=[name[i] for i in first_rows],
        departements=[departement[i] for i in first_rows],
        populations=[populations[g] for g in order],
        postals=postals,
        keys=keys,
        rank_of={code: rank for rank, code in enumerate(ranked_insee)},
        name_keys=[keys[i] for i in name_order],
        name_ranks=name_order,
        word_keys=[word_keys[i] for i in word_order],
        word_ranks=[word_ranks[i] for i in word_order],
        postal_keys=[postal_keys[i] for i in postal_order],
        postal_ranks=[postal_ranks[i] for i in postal_order],
    )


def warm_up() -> None:
    """Read the list and build the search index now rather than at the first call."""
    _index()


@cache
def all_communes() -> tuple[Commune, ...]:
    """Every (commune, postal code) pair, most populated communes first."""
    idx = _index()
    return tuple(idx.commune(r, pc) for r, codes in enumerate(idx.postals) for pc in codes)


def by_insee(code: str, postal_code: str | None = None) -> Commune | None:
    """The commune with this INSEE code: with this postal code when given (None if
    it is not one of the commune's), else with its first postal code."""
    idx = _index()
    rank = idx.rank_of.get(code.strip().upper())
    if rank is None:
        return None
    if postal_code is None:
        return idx.commune(rank, idx.postals[rank][0])
    postal_code = postal_code.strip()
    return idx.commune(rank, postal_code) if postal_code in idx.postals[rank] else None


def postal_codes(code: str) -> tuple[str, ...]:
    """Every postal code of the commune with this INSEE code (empty if unknown)."""
    idx = _index()
    rank = idx.rank_of.get(code.strip().upper())
    return () if rank is None else idx.postals[rank]


def of_departement(code: str) -> list[Commune]:
    """The communes of a département, each with its first postal code, most
    populated first."""
    idx = _index()
    code = code.strip().upper()
    return [idx.commune(r, idx.postals[r][0])
            for r, dep in enumerate(idx.departements) if dep == code]


def largest(count: int) -> list[Commune]:
    """The `count` most populated communes, each with its first postal code."""
    idx = _index()
    return [idx.commune(r, idx.postals[r][0]) for r in range(min(max(count, 0), len(idx.keys)))]


def search(prefix: str, limit: int = 20) -> list[Commune]:
    """Communes matching what was typed so far, best first (see the module doc)."""
    if limit <= 0:
        return []
    words, digits = _split(prefix[:100])
    idx = _index()
    if words and digits:
        return _search_both(idx, " ".join(words), digits, limit)
    if words:
        return _search_name(idx, " ".join(words), limit)
    if digits:
        return _search_postal(idx, digits, limit)
    return []


def _split(query: str) -> tuple[list[str], str]:
    tokens = fold(query).split()
    digits = "".join(t for t in tokens if t.isdigit())[:5]
    words = [t for t in tokens if not t.isdigit()]
    # "st" alone may be the start of "Strasbourg"; followed by a word it is "saint".
    words = [
        _ABBREVIATIONS.get(w, w) if i < len(words) - 1 else w for i, w in enumerate(words)
    ]
    return words, digits


def _span(keys: Sequence[str], prefix: str) -> tuple[int, int]:
    return bisect_left(keys, prefix), bisect_left(keys, prefix + _END)


def _in_rank_order(
    candidates: Sequence[int], universe: int, is_candidate: Callable[[int], bool]
) -> Iterator[int]:
    """The distinct candidates, best ranked first, lazily. Many candidates are not
    sorted: a walk over every rank that keeps the matching ones stops as soon as the
    caller has enough, which with that many matches comes early."""
    if len(candidates) <= _DENSE:
        yield from sorted(set(candidates))
    else:
        yield from (r for r in range(universe) if is_candidate(r))


def _search_postal(idx: _Index, digits: str, limit: int) -> list[Commune]:
    lo, hi = _span(idx.postal_keys, digits)
    ranks = _in_rank_order(
        idx.postal_ranks[lo:hi], len(idx.keys),
        lambda r: any(pc.startswith(digits) for pc in idx.postals[r]),
    )
    found = (idx.commune(r, pc) for r in ranks for pc in idx.postals[r] if pc.startswith(digits))
    return list(islice(found, limit))


def _search_name(idx: _Index, query: str, limit: int) -> list[Commune]:
    # 1. names given in full: each of their postal codes
    lo, hi = _span(idx.name_keys, query)
    exact_end = bisect_left(idx.name_keys, query + "\x00", lo, hi)
    exact = sorted(idx.name_ranks[lo:exact_end])
    out = [idx.commune(r, pc) for r in exact for pc in idx.postals[r]][:limit]
    # 2. names starting with the query, 3. names with a later word starting with it:
    # each commune once, with its first postal code
    seen = set(exact)
    inner = " " + query
    word_lo, word_hi = _span(idx.word_keys, query)
    classes: tuple[tuple[Sequence[int], Callable[[int], bool]], ...] = (
        (idx.name_ranks[exact_end:hi], lambda r: idx.keys[r].startswith(query)),
        (idx.word_ranks[word_lo:word_hi], lambda r: inner in idx.keys[r]),
    )
    for candidates, is_candidate in classes:
        for rank in _in_rank_order(candidates, len(idx.keys), is_candidate):
            if len(out) >= limit:
                return out
            if rank not in seen:
                seen.add(rank)
                out.append(idx.commune(rank, idx.postals[rank][0]))
    return out


def _search_both(idx: _Index, query: str, digits: str, limit: int) -> list[Commune]:
    """Words and digits: the communes of those postal codes, ranked on the name."""
    lo, hi = _span(idx.postal_keys, digits)
    inner = " " + query
    ranked: list[tuple[int, int]] = []
    for rank in set(idx.postal_ranks[lo:hi]):
        key = idx.keys[rank]
        if key == query:
            ranked.append((0, rank))
        elif key.startswith(query):
            ranked.append((1, rank))
        elif inner in key:
            ranked.append((2, rank))
    ranked.sort()
    out: list[Commune] = []
    for kind, rank in ranked:
        codes = [pc for pc in idx.postals[rank] if pc.startswith(digits)]
        out.extend(idx.commune(rank, pc) for pc in (codes if kind == 0 else codes[:1]))
        if len(out) >= limit:
            return out[:limit]
    return out
