"""Names a play's cast list gives a character besides its own: the name it goes under.

Drama declares a disguise in its list of persons: *Leonore, seine Gemahlin, unter dem
Namen Fidelio*; *Sextus, fils de Pompée, déguisé sous le nom de Clodomir*; *Viola,
disguised as Cesario*. The other characters call the character by that name, and the
title may too (*Fidelio*), so it is one of the character's names. DraCor keeps the list of
persons (``particDesc``) apart from the play's own cast list (``castList`` in the front
matter), where these notes stand; a ``castItem`` names its person by ``<role
corresp="#id">`` or, without markup, by its first words (*Leonore, ...*).

Only a name is taken: the words after the phrase, up to a comma, a bracket or a full
stop, when they begin with a capital (*disguised as a lady* gives none).

A castItem may also open with a fuller name than the list of persons gives (*Константин
Гаврилович Треплев, ее сын* for Треплев), and describe its person by a royal rank no one else
holds (*Lear*, *king of Britain*): both are names the others call the character by.

A list may also give a character the play's title as its description: *Dorothea, The
Virgin Martyr*; *Camiola. The Maid of Honour*; *Adrast, der Freigeist*. The title is then
that character's epithet (`CastEntry.epithets`): the play is named after them, as when the
title is their name, though no one calls them so in the text.

And a list describes who serves whom: *Pedrillo, Bedienter des Belmonte*; *LE MARQUIS DE
MASCARILLE, valet de La Grange*; *Pisanio, Posthumus's servant*; *Кочкарев, друг его*. A
servant, a friend or a confidant is there for another's story, however much they talk
(`CastEntry.attendant`, a feature of the main character's model).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

from lxml import etree

from whosestory.model import CastEntry
from whosestory.readers._tei_body import text_of
from whosestory.readers._xml import local_name
from whosestory.titles import ARTICLES, FAMILY_TITLES, FRIEND_WORDS, SERVING_WORDS

_UNDER_NAME = re.compile(
    r"(?:under the name of|disguised as|unter dem Namen|verkleidet als|"
    r"sous le nom d['’]|sous le nom de|déguisée? en|под именем)\s+([^,;.()\[\]]+)",
    re.IGNORECASE,
)
_MAX_WORDS = 4
_ARTICLE = r"(?:(?:" + "|".join(sorted(ARTICLES)) + r")\s+|l['’]\s*)"
"""An article before a title or an epithet (`ARTICLES`, or an elided *l'*)."""
_CAST_DIV_RE = re.compile(r"person|cast|dramatis", re.IGNORECASE)
"""The type of a front-matter div that lists the persons (``dramatis_personae``)."""


_UNDER_NAME_WORDS = ("name", "gu", "verkle", "nom", "имен")
"""A piece of each phrase of `_UNDER_NAME`, in letters whose case the pattern folds as
`str.lower` does (no *i* or *s*, nor Cyrillic *в д о с т*, which it also matches with their
other forms: *ı*, *ſ*, ...): an entry holding none of them cannot match, and most do not.
A search of the pattern, case-blind and with no literal start, tries all its phrases at
every letter."""


_ATTENDANT = re.compile(rf"{SERVING_WORDS}|{FRIEND_WORDS}", re.IGNORECASE)
"""A word for a servant, a confidant or a friend (`titles.SERVING_WORDS`, `FRIEND_WORDS`)."""


def _description(item: etree._Element, listed: str) -> str:
    """What a castItem says of its person: its ``roleDesc``, or the words after the name's
    comma (*Pedrillo, Bedienter des Belmonte*)."""
    desc = next(item.iter("{*}roleDesc"), None)
    return text_of(desc) if desc is not None else listed.partition(",")[2]


_NEXT_ENTRY = re.compile(r"\.\s+(?=[^\W\d_][^\W\d_]+,)")
"""A full stop and a name with its comma: the next person of an early print's list, run on in
the same item (*Wife to Don Pedro. Clara, Their Daughter. ...*)."""


def _said(description: str) -> str:
    """A description as the evidence quotes it: one line, up to the next person an early
    print runs on into it, without its closing stop."""
    own = _NEXT_ENTRY.split(" ".join(description.split()), maxsplit=1)[0]
    return own.strip(" ,;:").removesuffix(".")


def _alias(text: str) -> str | None:
    """The name a cast-list entry says its character goes under, if it gives one."""
    lowered = text.lower()
    if not any(word in lowered for word in _UNDER_NAME_WORDS):
        return None
    found = _UNDER_NAME.search(" ".join(text.split()))
    if not found:
        return None
    name = found.group(1).strip(" '’")
    words = name.split()
    if not words or len(words) > _MAX_WORDS or not words[0][0].isupper():
        return None
    return name


def _owner(item: etree._Element, cast: Sequence[CastEntry]) -> int | None:
    """The index in `cast` of the person a castItem describes, or None when unclear."""
    refs = [item.get("sameAs") or "", *(role.get("corresp") or "" for role in item.iter("{*}role"))]
    for ref in " ".join(refs).split():
        ident = ref.lstrip("#")
        for i, entry in enumerate(cast):
            if entry.id == ident:
                return i
    lead = text_of(item).split(",", 1)[0].casefold().split()
    matches = [
        i
        for i, entry in enumerate(cast)
        if entry.name.casefold().split() and entry.name.casefold().split() == lead
    ]
    return matches[0] if len(matches) == 1 else None


def with_cast_list_names(text: etree._Element, cast: Sequence[CastEntry]) -> tuple[CastEntry, ...]:
    """The declared cast, each entry with the names its castItem says it goes under, and
    what it says of an attendant (`CastEntry.attendant`)."""
    front = next(text.iterchildren("{*}front"), None)
    if front is None:  # the cast list is front matter: never walk the whole play for it
        return tuple(cast)
    entries = list(cast)
    names: dict[tuple[str, ...], list[int]] = {}
    for i, entry in enumerate(entries):
        if folded_name := tuple(entry.name.casefold().split()):
            names.setdefault(folded_name, []).append(i)
    ranks: dict[str, set[int]] = {}
    for item in _listed_items(front):
        _mark_attendant(entries, item, _description(item, text_of(item)))
    for item in front.iter("{*}castItem"):
        listed = text_of(item)
        description = _description(item, listed)
        _mark_attendant(entries, item, description)
        rank = _rank(description)
        if rank is not None and (holder := _owner(item, entries)) is not None:
            ranks.setdefault(rank, set()).add(holder)
        alias = _alias(listed)
        owner = None if alias is None else _owner(item, entries)
        if alias is None or owner is None:
            alias, owner = _full_name(listed, names)
        if alias is not None and owner is not None:
            entries[owner] = _with_alias(entries[owner], alias)
    for rank, holders in ranks.items():
        named = any(rank.casefold() == e.name.casefold() for e in entries)
        if len(holders) == 1 and not named:
            (holder,) = holders
            entries[holder] = _with_alias(entries[holder], rank)
    return tuple(entries)


def _mark_attendant(entries: list[CastEntry], item: etree._Element, description: str) -> None:
    """Keep on its person's entry what a list item says of an attendant (`_ATTENDANT`)."""
    described = _said(description)
    if _ATTENDANT.search(described) and (owner := _owner(item, entries)) is not None:
        entries[owner] = replace(entries[owner], attendant=described)


def _with_alias(entry: CastEntry, alias: str) -> CastEntry:
    words = set(entry.name.casefold().split())
    known = {a.casefold() for a in entry.aliases}
    if alias.casefold() in known or set(alias.casefold().split()) <= words:
        return entry
    return replace(entry, aliases=(*entry.aliases, alias))


_RANKS = frozenset(
    """king queen prince princess roi reine princesse könig königin prinz prinzessin
    царь царица король королева""".split()
)
"""Royal ranks, in the languages of the plays read: a rank the cast list gives one person
alone is what the others call them (*Lear*, *king of Britain*: "the King"), even beside a
*King of France*, whom they call France."""
_RANK_RE = re.compile(r"^\s*" + _ARTICLE + r"?([^\W\d_]+)", re.IGNORECASE)


def _rank(description: str) -> str | None:
    """The royal rank (`_RANKS`) a castItem's description (`_description`) opens with, in
    title case (*Людбрат, король финский*)."""
    found = _RANK_RE.match(description)
    word = found.group(1).casefold() if found else ""
    return word.capitalize() if word in _RANKS else None


def _full_name(
    listed: str, names: Mapping[tuple[str, ...], list[int]]
) -> tuple[str | None, int | None]:
    """The fuller name a castItem opens with, and whose it is: the words before its first
    comma, when they end or begin with the name of exactly one person and the other words
    are capitalised (*Константин Гаврилович Треплев, ее сын* for Треплев, *Войницкий Иван
    Петрович* for Войницкий: the others call them Константин Гаврилович, Иван Петрович).
    A title a family shares makes another person (*Frau Humbrecht* is not Humbrecht).
    `names` is each person's name in folded words -> their places in the cast."""
    lead = " ".join(listed.split(",", 1)[0].split()).rstrip(".;:")
    words = lead.split()
    if not 1 < len(words) <= _MAX_WORDS:
        return None, None
    folded = tuple(w.casefold() for w in words)
    if folded in names:
        return None, None  # a person's own entry (*Pastor Spitta*, beside Spitta his son)
    owners: set[int] = set()
    for size in range(1, len(words)):
        if folded[-size:] in names and _given(words[:-size]):
            owners.update(names[folded[-size:]])
        if folded[:size] in names and _given(words[size:]):
            owners.update(names[folded[:size]])
    return (lead, owners.pop()) if len(owners) == 1 else (None, None)


def with_title_epithets(
    text: etree._Element, cast: Sequence[CastEntry], title: str | None
) -> tuple[CastEntry, ...]:
    """The declared cast, with the play's title as the epithet of the one character whose
    entry in the list of persons is its name and then the title (*Dorothea, The Virgin
    Martyr.*), the title closing the entry. No character gets it when none or several do,
    or when the title is a character's name."""
    front = next(text.iterchildren("{*}front"), None)
    bare = re.sub(r"^" + _ARTICLE, "", " ".join((title or "").split()), flags=re.IGNORECASE)
    if front is None or not bare or any(_named_by(bare, entry) for entry in cast):
        return tuple(cast)
    words = r"\s+".join(map(re.escape, bare.split()))
    closing = re.compile(words + r"\s*[.;]?$", re.IGNORECASE)
    epithet = re.compile(r"\s*[,.:]\s*" + _ARTICLE + "?" + words + r"\s*[.;]?$", re.IGNORECASE)
    # only an entry that ends with the title can give it (one search each: a list of 900
    # persons against a cast of 900 would otherwise be 800,000 comparisons)
    closing_entries = [listed for listed in _entries(front) if closing.search(listed)]
    holders = {
        i
        for listed in closing_entries
        for i, entry in enumerate(cast)
        for name in {entry.name, entry.name.split()[0] if entry.name else ""}
        if len(name) > 2
        and listed.casefold().startswith(name.casefold())
        and epithet.match(listed, len(name))
    }
    if len(holders) != 1:
        return tuple(cast)
    (holder,) = holders
    entries = list(cast)
    entries[holder] = replace(entries[holder], epithets=(title or bare,))
    return tuple(entries)


def _listed_items(front: etree._Element) -> list[etree._Element]:
    """The ``item``s of the front matter's divs of persons (an early print's list of persons,
    *Sportlove, Friend to Valentine.*), where a play has no ``castList``."""
    return [
        item
        for div in front.iter("{*}div")
        if _CAST_DIV_RE.search(div.get("type") or "")
        for item in div.iter("{*}item")
    ]


def _entries(front: etree._Element) -> list[str]:
    """The entries of the list of persons, each as one line of text: a ``castItem``, or in
    a front-matter div of persons an ``item`` with the ``label`` before it."""
    found = [" ".join(text_of(item).split()) for item in front.iter("{*}castItem")]
    for item in _listed_items(front):
        label = item.getprevious()
        lead = text_of(label) if label is not None and local_name(label) == "label" else ""
        found.append(" ".join(f"{lead} {text_of(item)}".split()))
    return found


def _named_by(title: str, entry: CastEntry) -> bool:
    """Whether the title is the character's own name (the title features read that already)."""
    words = title.casefold().split()
    return any(name.casefold().split() == words for name in (entry.name, *entry.aliases))


def _given(words: Sequence[str]) -> bool:
    """Whether words beside a name may be more of the same person's name: capitalised, no
    article (*A Jailer*), and no title a family shares (`titles.FAMILY_TITLES`)."""
    return all(
        w[:1].isupper()
        and w.upper().rstrip(".") not in FAMILY_TITLES
        and w.casefold() not in ARTICLES
        for w in words
    )
