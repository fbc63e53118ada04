"""Hypothesis strategies for definition files of local variables (tests only)."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from socialtjanst_variabler.katalog import KATALOG
from socialtjanst_variabler.lokala import DATAFORMAT, Niva, konstant_for
from socialtjanst_variabler.lokala.definition import _NATIONELLA_NAMN
from socialtjanst_variabler.vardemangder import VARDEMANGDER, Insatstyp, Problematik

# Printable text without surrounding blanks; any script (labels are Swedish, but a
# municipality may write anything printable).
_TEXT = st.text(
    st.characters(
        blacklist_categories=["Cc", "Cs", "Co", "Cn", "Zl", "Zp"], blacklist_characters="\x7f"
    ),
    min_size=1,
    max_size=30,
).filter(lambda t: t == t.strip() and bool(t.strip()))
_NATIONELLA = {vm.__name__: vm for vm in VARDEMANGDER}


def _text(*extra: str) -> st.SearchStrategy[str]:
    return st.one_of(_TEXT, st.sampled_from(["Boende", "Ja, under det senaste året", *extra]))


@st.composite
def vardemangd(draw: st.DrawFn, namn: str) -> dict[str, Any]:
    parent = draw(st.sampled_from([None, Insatstyp, Problematik]))
    nationella_koder = {m.value for m in parent} if parent else set()
    nationella_etiketter = {m.label.casefold() for m in parent} if parent else set()
    koder = draw(
        st.lists(
            st.integers(1, 999_999).filter(lambda k: k not in nationella_koder),
            min_size=1,
            max_size=5,
            unique=True,
        )
    )
    etiketter = draw(
        st.lists(
            _text().filter(lambda e: e.casefold() not in nationella_etiketter),
            min_size=len(koder),
            max_size=len(koder),
            unique_by=str.casefold,
        )
    )
    poster: list[dict[str, Any]] = []
    konstanter: set[str] = set()
    for kod, etikett in zip(koder, etiketter, strict=True):
        post: dict[str, Any] = {"kod": kod, "etikett": etikett}
        if konstant_for(etikett) in konstanter or draw(st.booleans()):
            post["konstant"] = f"KOD_{kod}"
        konstanter.add(post.get("konstant", konstant_for(etikett)))
        if draw(st.booleans()):
            post["definition"] = draw(_text())
        if parent is not None:
            post["overordnad_kod"] = draw(st.sampled_from([m.value for m in parent]))
        poster.append(post)
    out: dict[str, Any] = {"namn": namn, "koder": poster}
    if parent is not None:
        out["overordnad"] = parent.__name__
    if draw(st.booleans()):
        out["beskrivning"] = draw(_text())
    return out


@st.composite
def definitioner(draw: st.DrawFn) -> dict[str, Any]:
    """A valid definition as data (keyed like the TOML file)."""
    vm_namn = draw(
        st.lists(st.from_regex(r"[A-Z][a-z0-9]{0,8}Lok", fullmatch=True), max_size=3, unique=True)
    )
    vardemangder = [draw(vardemangd(n)) for n in vm_namn]
    antal = draw(st.integers(len(vardemangder), len(vardemangder) + 3))
    nummer = draw(st.lists(st.integers(1, 9999), min_size=antal, max_size=antal, unique=True))
    namn = draw(
        st.lists(
            _text().filter(lambda n: n.casefold() not in _NATIONELLA_NAMN),
            min_size=antal,
            max_size=antal,
            unique_by=str.casefold,
        )
    )
    variabler: list[dict[str, Any]] = []
    for i in range(antal):
        niva = draw(st.sampled_from(list(Niva)))
        v: dict[str, Any] = {
            "nummer": f"L{nummer[i]}",
            "namn": namn[i],
            "processteg": draw(st.sampled_from([s.value for s in niva.processteg])),
            "niva": niva.value,
        }
        if i < len(vardemangder):  # every local value set is used
            v["dataformat"] = draw(st.sampled_from(["enkelval", "flerval"]))
            v["vardemangd"] = vardemangder[i]["namn"]
        else:
            v["dataformat"] = draw(st.sampled_from([d.value for d in DATAFORMAT]))
            if v["dataformat"] in ("enkelval", "flerval"):
                v["vardemangd"] = draw(st.sampled_from(sorted(_NATIONELLA) + vm_namn))
            if v["dataformat"] == "heltal" and draw(st.booleans()):
                v["minst"] = draw(st.integers(-100, 100))
                v["hogst"] = draw(st.integers(v["minst"], 1000))
        if draw(st.booleans()):
            v["fraga"] = draw(_text())
        variabler.append(v)
    foraldrar = {vm["overordnad"] for vm in vardemangder if "overordnad" in vm}
    skyddade = {v.nummer for v in KATALOG if v.vardemangd and v.vardemangd.__name__ in foraldrar}
    anvands_inte = draw(
        st.lists(
            st.sampled_from([v.nummer for v in KATALOG if v.nummer not in skyddade]), unique=True
        )
    )
    utokning: dict[str, Any] = {
        "id": draw(
            st.from_regex(r"[a-z][a-z0-9-]{0,8}(\.[a-z0-9][a-z0-9-]{0,8}){0,3}", fullmatch=True)
        ),
        "namn": draw(_text()),
        "version": draw(st.from_regex(r"[0-9]{1,3}(\.[0-9]{1,3}){0,2}", fullmatch=True)),
        "bygger_pa": "SKL-2019",
    }
    if anvands_inte:
        utokning["anvands_inte"] = anvands_inte
    if draw(st.booleans()):
        utokning["kalla"] = draw(_text())
    data: dict[str, Any] = {"utokning": utokning}
    if variabler:
        data["variabel"] = variabler
    if vardemangder:
        data["vardemangd"] = vardemangder
    return data
