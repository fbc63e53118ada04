"""The reference reports R1–R14: one SQL definition each, and how its rows are laid out.

Each report's SQL (``statistik/sql/rN.sql``) is the single definition of its numbers. It
reads the analysis tables and the one-row table ``period`` and returns rows
``(del, rad, kolumn, varde)``: a count, a denominator or a duration statistic, in long
form, so that the same four columns come back from DuckDB and PostgreSQL alike. Shares,
indices and means are then the quotients of two of those numbers (stated per column
below); labels come from the value sets. Nothing in the SQL is specific to one engine:
no ``median()``, no ``GROUP BY ALL``, ``floor()`` for truncation, quartiles from a
per-day histogram.

Example:
    >>> list(RAPPORTER)[:3], len(RAPPORTER)
    (['R1', 'R2', 'R3'], 14)
    >>> "GROUP BY ALL" in sql("R8") or "median(" in sql("R8")
    False
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Sequence
from functools import cache
from importlib.resources import files
from typing import Any

import attrs

from socialtjanst_variabler.statistik.aldersband import OKAND, Aldersband
from socialtjanst_variabler.statistik.resultat import (
    Cell,
    Kolumn,
    Period,
    Slag,
    Status,
    Tabell,
)
from socialtjanst_variabler.vardemangder import (
    Avslutsorsak,
    Bemotande,
    Betydelse,
    Delaktighet,
    Forandring,
    Genomforande,
    Insatstyp,
    JuridisktKon,
    Nojdhet,
    Problematik,
    Samverkan,
    Sip,
    Vardemangd,
)

__all__ = ["RAPPORTER", "Data", "Rapportdef", "period_sql", "sql"]

#: The report's raw result, ``(del, rad, kolumn) -> varde``.
Data = dict[tuple[str, str, str], float | int | None]


@cache
def sql(rapport: str) -> str:
    """The SQL text of *rapport* (``"R1"`` … ``"R14"``), exactly as it runs."""
    return (
        files("socialtjanst_variabler.statistik")
        .joinpath(f"sql/{rapport.lower()}.sql")
        .read_text(encoding="utf-8")
    )


def period_sql(p: Period) -> tuple[str, str]:
    """The two statements that set the one-row table ``period`` to *p* (portable)."""
    fjol = p.till.year - 1
    skottar = "TRUE" if calendar.isleap(p.till.year) else "FALSE"
    nyckel = p.till.year * 10000 + p.till.month * 100 + p.till.day
    return (
        "DELETE FROM period",
        f"INSERT INTO period VALUES (DATE '{p.fran.isoformat()}', DATE '{p.till.isoformat()}', "
        f"{nyckel}, {skottar}, DATE '{fjol:04d}-01-01', DATE '{fjol:04d}-06-30')",
    )


# --- layout: from long rows to tables -----------------------------------------------------


@attrs.frozen
class Kol:
    """A column of a laid-out table.

    For a count or duration, *sql* is the ``kolumn`` value it reads (in row *namnare_rad*
    when given). For a share or mean,
    *taljare* and *namnare* name the ``kolumn`` values of numerator and denominator;
    the denominator is read in row *namnare_rad* when given (else the same row), and the
    quotient is multiplied by *faktor* (100 for percent). A *skillnad* column is the
    difference of two earlier columns of the row (percentage points).
    """

    namn: str
    rubrik: str
    slag: Slag
    sql: str | None = None
    taljare: str | None = None
    namnare: str | None = None
    namnare_rad: str | None = None
    faktor: float = 100.0
    kalla: str | None = None
    skillnad: tuple[str, str] | None = None


@attrs.frozen
class Del:
    """A table of a report: which ``del`` of the rows it shows, its rows and columns.

    Attributes:
        rader: ``(rad, label)`` in display order.
        summarad: the row key that is the sum of the others (for suppression).
        summakolumn: the column that is the sum of *delkolumner*.
        radsummor: further ``(sum row, part rows)`` relations, for every count column.
        kolumnsummor: further ``(sum column, part columns)`` relations, for every row.
        identitet: signed columns whose sum is zero in every row (the stock identity).
        sortera: sort the rows (all but the last *fasta*) by this column, descending.
    """

    del_: str
    rubrik: str
    radrubrik: str
    rader: tuple[tuple[str, str], ...]
    kolumner: tuple[Kol, ...]
    summarad: str | None = None
    summakolumn: str | None = None
    delkolumner: tuple[str, ...] = ()
    radsummor: tuple[tuple[str, tuple[str, ...]], ...] = ()
    kolumnsummor: tuple[tuple[str, tuple[str, ...]], ...] = ()
    identitet: tuple[tuple[str, int], ...] = ()
    sortera: str | None = None
    fasta: int = 0
    fotnot: str | None = None
    transponerad: bool = False


def _antal(v: float | int | None) -> int:
    return 0 if v is None else int(v)


def _relationer(
    d: Del, nycklar: list[str], kolumner: tuple[Kolumn, ...]
) -> tuple[tuple[tuple[int, int, int], ...], ...]:
    """The additive relations of the laid-out table, for secondary suppression."""
    namn = [k.namn for k in kolumner]
    relationer: list[tuple[tuple[int, int, int], ...]] = []
    antal = [j for j, k in enumerate(kolumner) if k.slag is Slag.ANTAL]
    if d.summarad is not None:
        s = nycklar.index(d.summarad)
        for j in antal:
            rel = [(i, j, 1) for i in range(len(nycklar)) if i != s] + [(s, j, -1)]
            relationer.append(tuple(rel))
    for summa, delrader in d.radsummor:
        s = nycklar.index(summa)
        delar = [nycklar.index(r) for r in delrader]
        for j in antal:
            relationer.append(tuple([(i, j, 1) for i in delar] + [(s, j, -1)]))
    kolumnsummor = list(d.kolumnsummor)
    if d.summakolumn is not None:
        kolumnsummor.append((d.summakolumn, d.delkolumner))
    for summa, delkolumner in kolumnsummor:
        s = namn.index(summa)
        delar = [namn.index(k) for k in delkolumner]
        for i in range(len(nycklar)):
            relationer.append(tuple([(i, j, 1) for j in delar] + [(i, s, -1)]))
    if d.identitet:
        for i in range(len(nycklar)):
            relationer.append(tuple((i, namn.index(k), tecken) for k, tecken in d.identitet))
    return tuple(relationer)


def lagg_ut(d: Del, data: Data) -> Tabell:
    """The table *d* filled from *data* (unmasked)."""
    kolumner = (
        Kolumn("rad", d.radrubrik, Slag.TEXT),
        *(Kolumn(k.namn, k.rubrik, k.slag, _kallor(k)) for k in d.kolumner),
    )
    rader: list[tuple[str, list[Cell]]] = []
    namn_ = [k.namn for k in d.kolumner]
    for rad, label in d.rader:
        celler = [Cell(label)]
        for k in d.kolumner:
            if k.skillnad is not None:
                a, b = (celler[1 + namn_.index(x)] for x in k.skillnad)
                celler.append(_skillnad(a, b))
            else:
                celler.append(_cell(k, d.del_, rad, data, d.transponerad))
        rader.append((rad, celler))
    if d.sortera is not None:
        j = 1 + [k.namn for k in d.kolumner].index(d.sortera)
        rorliga = rader[: len(rader) - d.fasta]
        rorliga.sort(key=lambda r: -_antal(r[1][j].varde))  # type: ignore[arg-type]
        rader = rorliga + rader[len(rader) - d.fasta :]
    relationer = _relationer(d, [r for r, _ in rader], kolumner)
    fotnoter = (d.fotnot,) if d.fotnot else ()
    return Tabell(
        rubrik=d.rubrik,
        kolumner=kolumner,
        rader=tuple(tuple(c) for _, c in rader),
        relationer=relationer,
        fotnoter=fotnoter,
    )


def _kallor(k: Kol) -> tuple[str, ...]:
    if k.skillnad is not None:
        return k.skillnad
    return () if k.kalla is None else (k.kalla,)


def _skillnad(a: Cell, b: Cell) -> Cell:
    if not isinstance(a.varde, float) or not isinstance(b.varde, float):
        return Cell(None, Status.EJ_TILLAMPLIG)
    return Cell(a.varde - b.varde)


def _cell(k: Kol, del_: str, rad: str, data: Data, transponerad: bool) -> Cell:
    def hamta(r: str, kolumn: str) -> float | int | None:
        return data.get((del_, kolumn, r) if transponerad else (del_, r, kolumn))

    if k.slag is Slag.ANTAL:
        assert k.sql is not None
        return Cell(_antal(hamta(k.namnare_rad or rad, k.sql)))
    if k.slag is Slag.DAGAR:
        assert k.sql is not None
        assert k.namnare is not None
        v = hamta(rad, k.sql)
        n = _antal(hamta(rad, k.namnare))
        if v is None or n == 0:
            return Cell(None, Status.EJ_TILLAMPLIG, namnare=n)
        return Cell(float(v), namnare=n)
    assert k.taljare is not None
    assert k.namnare is not None
    t = _antal(hamta(rad, k.taljare))
    n = _antal(hamta(k.namnare_rad or rad, k.namnare))
    if n == 0:
        return Cell(None, Status.EJ_TILLAMPLIG, taljare=t, namnare=n)
    return Cell(k.faktor * t / n, taljare=t, namnare=n)


# --- the reports ----------------------------------------------------------------------------


@attrs.frozen
class Rapportdef:
    """A report: its id, title, the seed's question, its unit and its tables.

    Attributes:
        lanar: other reports whose rows it shows too (R12 shows R8's durations).
    """

    id: str
    titel: str
    fraga: str
    enhet: str
    delar: Callable[[Aldersband, Data], Sequence[Del]]
    lanar: tuple[str, ...] = ()


def _koder(vm: type[Vardemangd], saknas: bool = True) -> tuple[tuple[str, str], ...]:
    rader = tuple((str(m.value), f"{m.value} {m.label}") for m in vm)
    return (*rader, ("0", "Uppgift saknas")) if saknas else rader


_KON: tuple[tuple[str, str], ...] = (
    *((str(m.value), m.label) for m in JuridisktKon),
    ("0", "Uppgift saknas"),
    ("T", "Totalt"),
)
_URSPRUNG = (
    ("1", "Inrikes född (1–2)"),
    ("2", "Utrikes född (3–4)"),
    ("3", "Vet inte (5)"),
    ("0", "Uppgift saknas"),
    ("T", "Totalt"),
)


def _band(b: Aldersband) -> tuple[tuple[str, str], ...]:
    return tuple((e, e) for e in b.etiketter)


def _andel(namn: str, rubrik: str, taljare: str, namnare: str) -> Kol:
    """The share *taljare* / *namnare* of one row, masked with its count *taljare*."""
    return Kol(namn, rubrik, Slag.ANDEL, taljare=taljare, namnare=namnare, kalla=taljare)


def _antal_kol(grupper: Sequence[tuple[str, str]], prefix: str = "") -> tuple[Kol, ...]:
    return tuple(Kol(f"{prefix}{g}", label, Slag.ANTAL, sql=f"{prefix}{g}") for g, label in grupper)


def _r1(_: Aldersband, __: Data) -> Sequence[Del]:
    matt = (
        Kol("pagaende_fore", "Pågående dagen före s", Slag.ANTAL, sql="pagaende_fore"),
        Kol("nya", "Nya", Slag.ANTAL, sql="nya"),
        Kol("avslutade", "Avslutade", Slag.ANTAL, sql="avslutade"),
        Kol("pagaende_efter", "Pågående vid e", Slag.ANTAL, sql="pagaende_efter"),
        Kol("aktiva", "Aktiva under perioden", Slag.ANTAL, sql="aktiva"),
    )
    identitet = (("pagaende_fore", 1), ("nya", 1), ("avslutade", -1), ("pagaende_efter", -1))
    not_ = "Pågående vid e = pågående dagen före s + nya − avslutade (gäller varje rad)."
    return (
        Del(
            "arende",
            "Ärenden per juridiskt kön",
            "Juridiskt kön",
            _KON,
            matt,
            summarad="T",
            identitet=identitet,
            fotnot=not_,
        ),
        Del(
            "insats",
            "Insatser per insatstyp (en insats räknas under var och en av sina typer)",
            "Insatstyp",
            (*_koder(Insatstyp), ("T", "Totalt (varje insats en gång)")),
            matt,
            identitet=identitet,
            fotnot=not_,
        ),
    )


def _r2(band: Aldersband, __: Data) -> Sequence[Del]:
    kol = (*_antal_kol(_KON[:-1]), Kol("T", "Totalt", Slag.ANTAL, sql="T"))
    andel = Kol(
        "andel",
        "Andel av alla (%)",
        Slag.ANDEL,
        taljare="T",
        namnare="T",
        namnare_rad="T",
        kalla="T",
    )
    delkol = tuple(g for g, _ in _KON[:-1])
    return (
        Del(
            "alder",
            "Personer per åldersband (ålder vid e) och juridiskt kön",
            "Åldersband",
            (*_band(band), ("T", "Totalt")),
            (*kol, andel),
            summarad="T",
            summakolumn="T",
            delkolumner=delkol,
        ),
        Del(
            "ursprung",
            "Personer per ursprung och juridiskt kön",
            "Ursprung",
            _URSPRUNG,
            (*kol, andel),
            summarad="T",
            summakolumn="T",
            delkolumner=delkol,
        ),
        Del(
            "utan_nyckel",
            "Personer utan personnyckel (varje ärende räknat som en egen person)",
            "",
            (("T", "Antal"),),
            (Kol("antal", "Antal", Slag.ANTAL, sql="antal"),),
        ),
    )


def _flerval_delar(vm: type[Vardemangd], variabel: str, band: Aldersband) -> tuple[Del, ...]:
    rader = _koder(vm, saknas=False)
    delar = []
    for del_, rubrik, grupper in (
        ("kon", "juridiskt kön", _KON),
        ("alder", "åldersband vid aktualiseringen", (*_band(band), ("T", "Totalt"))),
    ):
        kol: list[Kol] = []
        for g, label in grupper:
            kol.append(Kol(f"antal:{g}", label, Slag.ANTAL, sql=g))
            kol.append(
                Kol(
                    f"andel:{g}",
                    f"{label} (%)",
                    Slag.ANDEL,
                    taljare=g,
                    namnare=g,
                    namnare_rad="n",
                    kalla=f"antal:{g}",
                )
            )
        delar.append(
            Del(
                del_,
                f"Variabel {variabel} per {rubrik} "
                "(flerval: andelarna kan summera till över 100 %)",
                "Kod",
                rader,
                tuple(kol),
                sortera="antal:T",
            )
        )
        delar.append(
            Del(
                del_,
                f"Variabel {variabel}: registrering per {rubrik}",
                rubrik[0].upper() + rubrik[1:],
                grupper,
                (
                    Kol("n", "Registrerad", Slag.ANTAL, sql="n"),
                    Kol("saknas", "Saknas", Slag.ANTAL, sql="saknas"),
                    Kol("koder", "Valda koder", Slag.ANTAL, sql="koder"),
                    Kol(
                        "medel",
                        "Koder per ärende",
                        Slag.TAL,
                        taljare="koder",
                        namnare="n",
                        faktor=1.0,
                        kalla="n",
                    ),
                ),
                transponerad=True,
                summarad="T",
            )
        )
    return tuple(delar)


def _r3(band: Aldersband, __: Data) -> Sequence[Del]:
    return _flerval_delar(Problematik, "2 Aktualiseringsorsak", band)


def _r4(band: Aldersband, __: Data) -> Sequence[Del]:
    rader = (*_koder(Problematik, saknas=False), ("T", "Någon kod"))
    jamforelse = Del(
        "jamforelse",
        "Problematik som inte fanns bland aktualiseringsorsakerna (ärenden med båda "
        "variablerna registrerade)",
        "Problematik",
        rader,
        (
            Kol("med", "Ärenden med koden", Slag.ANTAL, sql="med"),
            Kol("ny", "Inte bland orsakerna", Slag.ANTAL, sql="ny"),
            _andel("andel", "Andel (%)", "ny", "med"),
        ),
        fotnot="Raden ”Någon kod”: ärenden där minst en problematik inte var en "
        "aktualiseringsorsak.",
    )
    return (*_flerval_delar(Problematik, "9 Problematik", band), jamforelse)


def _r6(_: Aldersband, __: Data) -> Sequence[Del]:
    kol = tuple(
        Kol(
            str(p.value),
            f"{p.value} (%)",
            Slag.ANDEL,
            taljare=str(p.value),
            namnare=str(p.value),
            namnare_rad="n",
        )
        for p in Problematik
    )
    rader = _koder(Insatstyp, saknas=False)
    return (
        Del(
            "matris",
            "Ärenden med en insats verkställd under perioden, per problematik (nämnaren)",
            "Problematik",
            _koder(Problematik, saknas=False),
            (Kol("n", "Ärenden", Slag.ANTAL, sql="n"),),
        ),
        Del(
            "matris",
            "Andel av ärendena med problematik p (kolumn) som fått insatstyp i (rad) "
            "verkställd under perioden",
            "Insatstyp",
            rader,
            kol,
            transponerad=True,
            fotnot="Kolumnerna är problematikens koder (variabel 9).",
        ),
    )


def _r9(band: Aldersband, __: Data) -> Sequence[Del]:
    rader = (("n", "Ärenden i gruppen (n)"), *_koder(Insatstyp, saknas=False))
    delar = []
    for del_, rubrik, grupper in (
        ("kon", "juridiskt kön", _KON),
        ("alder", "åldersband vid e", (*_band(band), ("T", "Totalt"))),
        ("ursprung", "ursprung", _URSPRUNG),
    ):
        kol: list[Kol] = []
        for g, label in grupper:
            kol.append(Kol(f"antal:{g}", label, Slag.ANTAL, sql=g))
            kol.append(
                Kol(
                    f"per100:{g}",
                    f"{label} per 100",
                    Slag.ANDEL,
                    taljare=g,
                    namnare=g,
                    namnare_rad="n",
                    kalla=f"antal:{g}",
                )
            )
        delar.append(
            Del(
                del_,
                f"Ärenden med insatstypen per 100 ärenden i gruppen, per {rubrik}",
                "Insatstyp",
                rader,
                tuple(kol),
                kolumnsummor=(("antal:T", tuple(f"antal:{g}" for g, _ in grupper[:-1])),),
            )
        )
    return delar


def _r5(band: Aldersband, __: Data) -> Sequence[Del]:
    rader = (*_koder(Insatstyp), ("T", "Totalt (varje insats en gång)"))
    kon = (*_antal_kol(_KON), Kol("aktiva", "Aktiva under perioden", Slag.ANTAL, sql="aktiva"))
    alder = _antal_kol((*_band(band), ("T", "Totalt")))
    return (
        Del(
            "kon",
            "Nya insatser (verkställda under perioden) per insatstyp och juridiskt kön",
            "Insatstyp",
            rader,
            kon,
            summakolumn="T",
            delkolumner=tuple(g for g, _ in _KON[:-1]),
            sortera="T",
            fasta=1,
        ),
        Del(
            "alder",
            "Nya insatser per insatstyp och åldersband vid verkställandet",
            "Insatstyp",
            rader,
            alder,
            summakolumn="T",
            delkolumner=tuple(band.etiketter),
            sortera="T",
            fasta=1,
        ),
    )


_MANADER = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)


def _r7(_: Aldersband, data: Data) -> Sequence[Del]:
    ar = sorted({k for d, _, k in data if d == "sasong"})
    kol: list[Kol] = []
    for a in ar:
        kol.append(Kol(f"antal:{a}", a, Slag.ANTAL, sql=a))
        kol.append(
            Kol(
                f"index:{a}",
                f"{a} index",
                Slag.TAL,
                taljare=a,
                namnare=a,
                namnare_rad="T",
                faktor=1200.0,
                kalla=f"antal:{a}",
            )
        )
    rader = (*((str(m), _MANADER[m - 1]) for m in range(1, 13)), ("T", "Helår"))
    return (
        Del(
            "sasong",
            "Nya ärenden per månad; index = antal / (årets antal / 12) × 100",
            "Månad",
            rader,
            tuple(kol),
            summarad="T",
            delkolumner=tuple(f"antal:{a}" for a in ar),
        ),
    )


_MATT = {
    "D1": "D1 Aktualisering → första beslut (beslut under perioden)",
    "D2": "D2 Beslut → verkställande (verkställande under perioden)",
    "D3": "D3 Verkställande → avslut (avslut under perioden)",
    "D4": "D4 Aktualisering → ärendets slut (slut under perioden)",
    "D1o": "D1 öppna vid e: dagar hittills sedan aktualiseringen",
    "D2o": "D2 öppna vid e: beslut ännu inte verkställda, dagar hittills",
    "D3o": "D3 öppna vid e: pågående insatser, dagar hittills",
    "D4o": "D4 öppna vid e: pågående ärenden, dagar hittills",
}


_TIDKOL = (
    Kol("n", "n", Slag.ANTAL, sql="n"),
    Kol("p25", "P25", Slag.DAGAR, sql="p25", namnare="n"),
    Kol("median", "Median", Slag.DAGAR, sql="median", namnare="n"),
    Kol("p75", "P75", Slag.DAGAR, sql="p75", namnare="n"),
    Kol("min", "Min", Slag.DAGAR, sql="min", namnare="n"),
    Kol("max", "Max", Slag.DAGAR, sql="max", namnare="n"),
)


def _tidgrupper(band: Aldersband) -> list[tuple[str, str]]:
    grupper: list[tuple[str, str]] = [("T", "Totalt")]
    grupper += [(f"kon:{g}", f"Kön: {label}") for g, label in _KON[:-1]]
    grupper += [(f"alder:{e}", f"Ålder: {e}") for e in band.etiketter]
    grupper += [(f"ursprung:{g}", f"Ursprung: {label}") for g, label in _URSPRUNG[:-1]]
    return grupper


def _gruppsummor(band: Aldersband) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each person is in exactly one kön, age band and ursprung group: they sum to T."""
    return (
        ("T", tuple(f"kon:{g}" for g, _ in _KON[:-1])),
        ("T", tuple(f"alder:{e}" for e in band.etiketter)),
        ("T", tuple(f"ursprung:{g}" for g, _ in _URSPRUNG[:-1])),
    )


def _r8(band: Aldersband, __: Data) -> Sequence[Del]:
    kol = _TIDKOL
    grupper = _tidgrupper(band)
    insats = [(f"insatstyp:{g}", f"Insatstyp: {label}") for g, label in _koder(Insatstyp)]
    delar = []
    for matt, rubrik in _MATT.items():
        rader = tuple(grupper + (insats if matt[:2] in ("D2", "D3") else []))
        delar.append(
            Del(matt, f"{rubrik}, dagar", "Grupp", rader, kol, radsummor=_gruppsummor(band))
        )
    delar.append(
        Del(
            "bakvand",
            "Intervall som går baklänges (konsistensfel), uteslutna ur tiderna",
            "",
            (("T", "Antal"),),
            tuple(Kol(m, m, Slag.ANTAL, sql=m) for m in ("D1", "D2", "D3", "D4")),
        )
    )
    delar.append(
        Del(
            "ej_verkstallda",
            "Beslut som inte verkställts mer än tre månader efter beslutet, vid e",
            "",
            (("T", "Antal"),),
            (Kol("antal", "Antal", Slag.ANTAL, sql="antal"),),
        )
    )
    return delar


_BRUKARFRAGOR: tuple[tuple[str, type[Vardemangd]], ...] = (
    ("B1a", Forandring),
    ("B1b", Forandring),
    ("B2", Betydelse),
    ("B3", Nojdhet),
    ("B4", Bemotande),
    ("B5", Delaktighet),
)


def _r10(band: Aldersband, __: Data) -> Sequence[Del]:
    rader = _tidgrupper(band) + [
        (f"insatstyp:{g}", f"Insatstyp: {label}") for g, label in _koder(Insatstyp)
    ]
    kol = (
        Kol("n", "Avslutade insatser", Slag.ANTAL, sql="n"),
        Kol("bedomda", "Bedömda (1–5)", Slag.ANTAL, sql="bedomda"),
        Kol("positiva", "Positiv förändring (1–2)", Slag.ANTAL, sql="positiva"),
        _andel("andel_pos", "Positiv (%)", "positiva", "bedomda"),
        Kol("alla_mal", "Alla mål uppnådda (1, 3)", Slag.ANTAL, sql="alla_mal"),
        _andel("andel_mal", "Alla mål (%)", "alla_mal", "bedomda"),
        Kol("kan_inte", "Kan inte bedöma (6)", Slag.ANTAL, sql="kan_inte"),
        _andel("andel_kan_inte", "% av alla", "kan_inte", "n"),
        Kol("saknas", "Uppgift saknas", Slag.ANTAL, sql="saknas"),
    )
    kvinnor, man = (str(m.value) for m in JuridisktKon)
    skillnad = Del(
        "mal",
        "Skillnad mellan kvinnor och män (procentenheter)",
        "Mått",
        (("positiva", "Positiv förändring (1–2 av 1–5)"), ("alla_mal", "Alla mål (1, 3 av 1–5)")),
        (
            Kol("n_k", "Flicka/Kvinna: n", Slag.ANTAL, sql=f"kon:{kvinnor}", namnare_rad="bedomda"),
            Kol(
                "k",
                "Flicka/Kvinna (%)",
                Slag.ANDEL,
                taljare=f"kon:{kvinnor}",
                namnare=f"kon:{kvinnor}",
                namnare_rad="bedomda",
            ),
            Kol("n_m", "Pojke/Man: n", Slag.ANTAL, sql=f"kon:{man}", namnare_rad="bedomda"),
            Kol(
                "m",
                "Pojke/Man (%)",
                Slag.ANDEL,
                taljare=f"kon:{man}",
                namnare=f"kon:{man}",
                namnare_rad="bedomda",
            ),
            Kol("skillnad", "Skillnad (procentenheter)", Slag.TAL, skillnad=("k", "m")),
        ),
        transponerad=True,
    )
    return (
        Del(
            "mal",
            "Måluppfyllelse (variabel 17) vid avslutet",
            "Grupp",
            tuple(rader),
            kol,
            radsummor=_gruppsummor(band),
            identitet=(("n", -1), ("bedomda", 1), ("kan_inte", 1), ("saknas", 1)),
        ),
        skillnad,
    )


def _r11(_: Aldersband, __: Data) -> Sequence[Del]:
    grupp = Del(
        "grupp",
        "Insatser med samverkan registrerad, per ärendets problematik",
        "Problematik",
        (("T", "Alla"), *_koder(Problematik)),
        (
            Kol("n", "Insatser", Slag.ANTAL, sql="n"),
            Kol("nagon", "Samverkan (1–10)", Slag.ANTAL, sql="nagon"),
            _andel("andel_nagon", "Samverkan (%)", "nagon", "n"),
            Kol("behov", "Behov men ingen (11)", Slag.ANTAL, sql="behov"),
            _andel("andel_behov", "Behov men ingen (%)", "behov", "n"),
            Kol("inget_behov", "Inget behov (12)", Slag.ANTAL, sql="inget_behov"),
            _andel("andel_inget", "Inget behov (%)", "inget_behov", "n"),
        ),
        fotnot="En insats räknas under var och en av ärendets problematikkoder.",
    )
    aktor = Del(
        "aktor",
        "Samverkan per verksamhet (andel av insatserna)",
        "Samverkan (variabel 14)",
        _koder(Samverkan, saknas=False),
        (
            Kol("antal", "Insatser", Slag.ANTAL, sql="antal"),
            Kol(
                "andel",
                "Andel av insatserna (%)",
                Slag.ANDEL,
                taljare="antal",
                namnare="antal",
                namnare_rad="n",
                kalla="antal",
            ),
        ),
    )
    sip = Del(
        "sip",
        "SIP (variabel 15) i uppföljningarna under perioden",
        "SIP",
        (*_koder(Sip, saknas=False), ("T", "Totalt")),
        (
            Kol("antal", "Uppföljningar", Slag.ANTAL, sql="antal"),
            Kol(
                "andel",
                "Andel (%)",
                Slag.ANDEL,
                taljare="antal",
                namnare="antal",
                namnare_rad="T",
                kalla="antal",
            ),
        ),
        summarad="T",
    )
    return (grupp, aktor, sip)


def _r12(band: Aldersband, __: Data) -> Sequence[Del]:
    delar = []
    for var, rubrik, vm in (
        ("orsak", "Avslutsorsak (variabel 20)", Avslutsorsak),
        ("genomforande", "Genomförande (variabel 19)", Genomforande),
    ):
        for dim, dimrubrik, grupper in (
            ("kon", "juridiskt kön", _KON),
            ("alder", "åldersband vid avslutet", (*_band(band), ("T", "Totalt"))),
            ("ursprung", "ursprung", _URSPRUNG),
        ):
            delar.append(
                Del(
                    f"{var}_{dim}",
                    f"{rubrik} per {dimrubrik}",
                    rubrik,
                    (*_koder(vm), ("T", "Totalt")),
                    _antal_kol(grupper),
                    summarad="T",
                    summakolumn="T",
                    delkolumner=tuple(g for g, _ in grupper[:-1]),
                )
            )
    delar.append(
        Del(
            "D3",
            "Tid från verkställande till avslut (R8, D3), dagar, per grupp",
            "Grupp",
            tuple(_tidgrupper(band)),
            _TIDKOL,
            radsummor=_gruppsummor(band),
        )
    )
    return delar


_ATER_GRUPPER = (("0–12", "0–12 år"), ("13–20", "13–20 år"), ("21+", "21+ år"))


def _r14(_: Aldersband, __: Data) -> Sequence[Del]:
    return (
        Del(
            "ater",
            "Personer vars ärenden avslutades första halvåret T−1, och andel som inte "
            "återaktualiserats inom 365 dagar",
            "Ålder vid avslutet",
            (*_ATER_GRUPPER, ("okänd", "okänd"), ("T", "Totalt")),
            (
                Kol("personer", "Personer", Slag.ANTAL, sql="personer"),
                Kol("ej_ater", "Ej återaktualiserade", Slag.ANTAL, sql="ej_ater"),
                _andel("andel", "Andel (%)", "ej_ater", "personer"),
            ),
            summarad="T",
            fotnot="T är året för periodens sista dag; uppföljningen är fullständig när "
            "perioden slutar 30 juni T eller senare.",
        ),
        Del(
            "utan_nyckel",
            "Ärenden avslutade första halvåret T−1 utan personnyckel (kan inte följas)",
            "",
            (("T", "Antal"),),
            (Kol("antal", "Antal", Slag.ANTAL, sql="antal"),),
        ),
    )


def _r13(band: Aldersband, __: Data) -> Sequence[Del]:
    rader: list[tuple[str, str]] = []
    for fraga, vm in _BRUKARFRAGOR:
        rader += [(f"{fraga}:{m.value}", f"{fraga} {m.value} {m.label}") for m in vm]
    fordelning = Del(
        "fordelning",
        "Svarsfördelning per fråga och juridiskt kön",
        "Fråga och svar",
        tuple(rader),
        _antal_kol(_KON),
        summakolumn="T",
        delkolumner=tuple(g for g, _ in _KON[:-1]),
    )
    fragor = tuple((f, f) for f, _ in _BRUKARFRAGOR)
    delar = [fordelning]
    for dim, rubrik, grupper in (
        ("kon", "juridiskt kön", _KON),
        ("alder", "åldersband vid uppföljningen", (*_band(band), ("T", "Totalt"))),
    ):
        kol: list[Kol] = []
        for g, label in grupper:
            kol.append(Kol(f"bedomda:{g}", f"{label}: n", Slag.ANTAL, sql=f"bedomda:{g}"))
            kol.append(Kol(f"positiva:{g}", f"{label}: positiva", Slag.ANTAL, sql=f"positiva:{g}"))
            kol.append(
                Kol(
                    f"andel:{g}",
                    f"{label} (%)",
                    Slag.ANDEL,
                    taljare=f"positiva:{g}",
                    namnare=f"bedomda:{g}",
                    kalla=f"positiva:{g}",
                )
            )
            kol.append(Kol(f"vet_inte:{g}", f"{label}: vet inte", Slag.ANTAL, sql=f"vet_inte:{g}"))
        delar.append(
            Del(
                f"positiv_{dim}",
                f"Andel positiva svar (1–2, utan ”Vet inte”) per {rubrik}",
                "Fråga",
                fragor,
                tuple(kol),
                kolumnsummor=tuple(
                    (f"{m}:T", tuple(f"{m}:{g}" for g, _ in grupper[:-1]))
                    for m in ("bedomda", "positiva", "vet_inte")
                ),
            )
        )
    delar.append(
        Del(
            "tackning",
            "Täckning: uppföljningar under perioden med något brukarsvar",
            "",
            (("T", "Uppföljningar"),),
            (
                Kol("med_svar", "Med svar", Slag.ANTAL, sql="med_svar"),
                Kol("alla", "Alla", Slag.ANTAL, sql="alla"),
                _andel("andel", "Täckning (%)", "med_svar", "alla"),
            ),
        )
    )
    return delar


#: The reports by id, in order R1 … R14.
RAPPORTER: dict[str, Rapportdef] = {
    r.id: r
    for r in sorted(
        (
            Rapportdef(
                "R1",
                "Flöde: nya, pågående och avslutade",
                "Hur många nya, pågående respektive avslutade ärenden har vi under olika "
                "tidsperioder?",
                "ärende; insats",
                _r1,
            ),
            Rapportdef(
                "R2",
                "Personer",
                "Hur många kvinnor respektive män finns i vår verksamhet?",
                "person aktiv under perioden",
                _r2,
            ),
            Rapportdef(
                "R3",
                "Aktualiseringsorsak",
                "Vilken är den vanligaste aktualiseringsorsaken?",
                "ärende aktualiserat under perioden",
                _r3,
            ),
            Rapportdef(
                "R4",
                "Problematik",
                "Vad är den vanligaste problematiken hos våra brukare (efter utredning)?",
                "ärende med första beslut under perioden",
                _r4,
            ),
            Rapportdef(
                "R5",
                "Insatser",
                "Vilka insatser är vanligast?",
                "insats",
                _r5,
            ),
            Rapportdef(
                "R7",
                "Säsong",
                "Hur sprids aktualiseringarna över året?",
                "ärende aktualiserat under periodens kalenderår",
                _r7,
            ),
            Rapportdef(
                "R8",
                "Tider",
                "Hur lång tid pågår utredningar och insatser från aktualisering till avslut?",
                "ärende; insats",
                _r8,
            ),
            Rapportdef(
                "R6",
                "Problematik och insats",
                "Hur matchar insatserna den problematik som finns hos brukarna?",
                "ärende med en insats verkställd under perioden",
                _r6,
            ),
            Rapportdef(
                "R9",
                "Målgrupp och insats",
                "I vilken utsträckning erbjuds olika målgrupper våra olika insatser?",
                "ärende aktivt under perioden",
                _r9,
            ),
            Rapportdef(
                "R10",
                "Måluppfyllelse",
                "Har kvinnor och män lika hög måluppfyllelse?",
                "insats avslutad under perioden",
                _r10,
            ),
            Rapportdef(
                "R11",
                "Samverkan",
                "Samverkar vi olika mycket beroende på vilken problematik våra klienter har?",
                "insats med uppföljning under perioden och samverkan registrerad",
                _r11,
            ),
            Rapportdef(
                "R12",
                "Avslut och jämlikhet",
                "Finns det omotiverade skillnader mellan grupper vad gäller måluppfyllelse, "
                "avslutsorsak och handläggningstider utifrån kön, ålder och ursprung?",
                "insats avslutad under perioden",
                _r12,
                lanar=("R8",),
            ),
            Rapportdef(
                "R13",
                "Brukarsvar",
                "De sex brukarfrågorna B1a–B5",
                "uppföljning under perioden",
                _r13,
            ),
            Rapportdef(
                "R14",
                "Återaktualisering",
                "Hur stor andel återaktualiseras inte inom ett år efter avslutat ärende "
                "(Kolada, KKiK)?",
                "person (personnyckel)",
                _r14,
            ),
        ),
        key=lambda r: int(r.id[1:]),
    )
}


def tolka(rader: Sequence[Sequence[Any]]) -> Data:
    """The raw ``(del, rad, kolumn, varde)`` rows as a dict; numbers as int or float."""
    data: Data = {}
    for del_, rad, kolumn, varde in rader:
        tal: float | int | None = None
        if varde is not None:
            f = float(varde)
            tal = int(f) if f.is_integer() else f
        data[str(del_), str(rad), str(kolumn)] = tal
    return data


__all__ += ["OKAND", "Del", "Kol", "lagg_ut", "tolka"]
