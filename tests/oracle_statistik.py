"""An independent oracle for the reference reports: plain Python over the ärenden.

Written from STATISTIK.md, apart from the SQL and from the analysis tables: it reads the
model objects directly and returns, per report, the same ``(del, rad, kolumn) -> value``
mapping the SQL returns, so that both can be laid out and compared cell by cell.
"""

from __future__ import annotations

import calendar
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from socialtjanst_variabler.arende import Arende, Insats
from socialtjanst_variabler.statistik.aldersband import Aldersband

Data = dict[tuple[str, str, str], float | int | None]

_VET_INTE = {"b1a": 6, "b1b": 6, "b2": 5, "b3": 6, "b4": 6, "b5": 5}


def _ar(d: date, fodd: date) -> int:
    """Completed years; born 29 February: a year older on 28 February in common years."""
    manad, dag = fodd.month, fodd.day
    if (manad, dag) == (2, 29) and not calendar.isleap(d.year):
        dag = 28
    return d.year - fodd.year - (1 if (d.month, d.day) < (manad, dag) else 0)


def _fodd(a: Arende) -> tuple[date, date] | None:
    if a.fodelsedatum is not None:
        return a.fodelsedatum, a.fodelsedatum
    if a.personnummer is not None:  # a samordningsnummer with a partly unknown date
        return a.personnummer.fodelsedatum_intervall
    ar = a.fodelsear
    return None if ar is None else (date(ar, 1, 1), date(ar, 12, 31))


def band(a: Arende, d: date | None, b: Aldersband) -> str:
    """The age band at *d* of the ärende's person."""
    f = _fodd(a)
    if f is None or d is None:
        return "okänd"
    lag, hog = _ar(d, f[1]), _ar(d, f[0])
    if hog < 0:
        return "okänd"  # before birth
    lag = max(lag, 0)  # born in the year of d, not later than d
    for x in b.band_:
        if x.fran <= lag and (x.till is None or lag <= x.till):
            return x.etikett if x.fran <= hog and (x.till is None or hog <= x.till) else "okänd"
    return "okänd"


def slut(a: Arende) -> date | None:
    """The end of the ärende (STATISTIK.md): avslut utan insats, or every insats closed."""
    if a.avslut_utan_insats is not None:
        return a.avslut_utan_insats.datum
    if not a.insatser:
        return None
    datum = []
    for i in a.insatser:
        if i.avslut is not None and i.avslut.datum is not None:
            datum.append(i.avslut.datum)
        elif i.beslut is not None and int(i.beslut) == 3 and i.beslutsdatum is not None:
            datum.append(i.beslutsdatum)
        else:
            return None
    return max(datum)


def _kon(a: Arende) -> str:
    return str(int(a.juridiskt_kon)) if a.juridiskt_kon is not None else "0"


def _ursprung(a: Arende) -> str:
    u = a.ursprung
    if u is None:
        return "0"
    return {1: "1", 2: "1", 3: "2", 4: "2"}.get(int(u), "3")


def _i(d: date | None, s: date, e: date) -> bool:
    return d is not None and s <= d <= e


def _avslut(i: Insats) -> date | None:
    return i.avslut.datum if i.avslut is not None else None


def _bakat(start: date | None, stopp: date | None) -> bool:
    return start is not None and stopp is not None and stopp < start


def r1(arenden: Sequence[Arende], s: date, e: date, b: Aldersband) -> Data:
    ut: Counter[tuple[str, str, str]] = Counter()

    def rakna(del_: str, grupper: list[str], borjan: date, stopp: date | None) -> None:
        for g in grupper:
            for k, villkor in (
                ("pagaende_fore", borjan < s and (stopp is None or stopp >= s)),
                ("nya", s <= borjan <= e),
                ("avslutade", stopp is not None and s <= stopp <= e),
                ("pagaende_efter", borjan <= e and (stopp is None or stopp > e)),
                ("aktiva", borjan <= e and (stopp is None or stopp >= s)),
            ):
                ut[del_, g, k] += int(villkor)

    for a in arenden:
        st = slut(a)
        if a.aktualiseringsdatum is not None and not _bakat(a.aktualiseringsdatum, st):
            rakna("arende", [_kon(a), "T"], a.aktualiseringsdatum, st)
        for i in a.insatser:
            v, av = i.verkstallighetsdatum, _avslut(i)
            if v is None or _bakat(v, av):
                continue
            typer = [str(int(t)) for t in i.insatstyp] if i.insatstyp else ["0"]
            rakna("insats", [*typer, "T"], v, av)
    return dict(ut)


def r2(arenden: Sequence[Arende], s: date, e: date, b: Aldersband) -> Data:
    senaste: dict[object, tuple[date, int, Arende]] = {}
    for nr, a in enumerate(arenden):
        akt, st = a.aktualiseringsdatum, slut(a)
        if akt is None or akt > e or (st is not None and st < s) or _bakat(akt, st):
            continue
        pid = a.person_id
        nyckel: object = pid if pid is not None else ("utan nyckel", nr)
        if nyckel not in senaste or (akt, nr) > senaste[nyckel][:2]:
            senaste[nyckel] = (akt, nr, a)
    ut: Counter[tuple[str, str, str]] = Counter()
    for nyckel, (_, _, a) in senaste.items():
        for rad in (band(a, e, b), "T"):
            for k in (_kon(a), "T"):
                ut["alder", rad, k] += 1
        for rad in (_ursprung(a), "T"):
            for k in (_kon(a), "T"):
                ut["ursprung", rad, k] += 1
        if isinstance(nyckel, tuple):
            ut["utan_nyckel", "T", "antal"] += 1
    return dict(ut)


def r3(arenden: Sequence[Arende], s: date, e: date, b: Aldersband) -> Data:
    ut: Counter[tuple[str, str, str]] = Counter()
    for a in arenden:
        if not _i(a.aktualiseringsdatum, s, e):
            continue
        koder = a.aktualiseringsorsak or frozenset()
        for del_, grupp in (("kon", _kon(a)), ("alder", band(a, a.aktualiseringsdatum, b))):
            for g in (grupp, "T"):
                ut[del_, "n", g] += int(bool(koder))
                ut[del_, "saknas", g] += int(not koder)
                ut[del_, "koder", g] += len(koder)
                for k in koder:
                    ut[del_, str(int(k)), g] += 1
    return dict(ut)


def r5(arenden: Sequence[Arende], s: date, e: date, b: Aldersband) -> Data:
    ut: Counter[tuple[str, str, str]] = Counter()
    for a in arenden:
        for i in a.insatser:
            v, av = i.verkstallighetsdatum, _avslut(i)
            if v is None or _bakat(v, av):
                continue
            ny = int(s <= v <= e)
            aktiv = int(v <= e and (av is None or av >= s))
            typer = [str(int(t)) for t in i.insatstyp] if i.insatstyp else ["0"]
            for t in [*typer, "T"]:
                for g in (_kon(a), "T"):
                    ut["kon", t, g] += ny
                ut["kon", t, "aktiva"] += aktiv
                for g in (band(a, v, b), "T"):
                    ut["alder", t, g] += ny
    return dict(ut)


def r7(arenden: Sequence[Arende], s: date, e: date, b: Aldersband) -> Data:
    ut: Counter[tuple[str, str, str]] = Counter()
    for a in arenden:
        d = a.aktualiseringsdatum
        if d is not None and s.year <= d.year <= e.year:
            ut["sasong", str(d.month), str(d.year)] += 1
            ut["sasong", "T", str(d.year)] += 1
    return dict(ut)


def _kvartiler(dagar: list[int]) -> tuple[float, float, float]:
    if len(dagar) == 1:
        return float(dagar[0]), float(dagar[0]), float(dagar[0])
    q = statistics.quantiles(dagar, n=4, method="inclusive")
    return q[0], q[1], q[2]


def r8(arenden: Sequence[Arende], s: date, e: date, b: Aldersband) -> Data:  # noqa: PLR0912
    varden: dict[tuple[str, str], list[int]] = defaultdict(list)
    ut: Data = {}
    bakvand: Counter[str] = Counter()
    ej_verkstallda = 0

    def lagg(matt: str, dagar: int, a: Arende, bnd: str, i: Insats | None) -> None:
        rader = ["T", f"kon:{_kon(a)}", f"alder:{bnd}", f"ursprung:{_ursprung(a)}"]
        if i is not None:
            typer = [str(int(t)) for t in i.insatstyp] if i.insatstyp else ["0"]
            rader += [f"insatstyp:{t}" for t in typer]
        for r in rader:
            varden[matt, r].append(dagar)

    for a in arenden:
        akt, st = a.aktualiseringsdatum, slut(a)
        beslut = [i.beslutsdatum for i in a.insatser if i.beslutsdatum is not None]
        forsta = min(beslut) if beslut else None
        band_akt = band(a, akt, b)
        if _i(forsta, s, e) and akt is not None:
            assert forsta is not None
            if forsta < akt:
                bakvand["D1"] += 1
            else:
                lagg("D1", (forsta - akt).days, a, band_akt, None)
        if (
            akt is not None
            and akt <= e
            and (forsta is None or forsta > e)
            and (st is None or st > e)
        ):
            lagg("D1o", (e - akt).days, a, band_akt, None)
        if _i(st, s, e) and akt is not None:
            assert st is not None
            if st < akt:
                bakvand["D4"] += 1
            else:
                lagg("D4", (st - akt).days, a, band(a, st, b), None)
        if akt is not None and akt <= e and (st is None or st > e) and not _bakat(akt, st):
            lagg("D4o", (e - akt).days, a, band_akt, None)
        for i in a.insatser:
            bd, v, av = i.beslutsdatum, i.verkstallighetsdatum, _avslut(i)
            avslag = i.beslut is not None and int(i.beslut) == 3
            if _i(v, s, e) and bd is not None:
                assert v is not None
                if v < bd:
                    bakvand["D2"] += 1
                else:
                    lagg("D2", (v - bd).days, a, band(a, v, b), i)
            oppen = (v is None or v > e) and (av is None or av > e)
            if bd is not None and bd <= e and not avslag and oppen:
                lagg("D2o", (e - bd).days, a, band_akt, i)
                manad = bd.month + 3
                ar = bd.year + (manad - 1) // 12
                manad = (manad - 1) % 12 + 1
                plus3 = date(ar, manad, min(bd.day, calendar.monthrange(ar, manad)[1]))
                ej_verkstallda += int(plus3 < e)
            if _i(av, s, e) and v is not None:
                assert av is not None
                if av < v:
                    bakvand["D3"] += 1
                else:
                    lagg("D3", (av - v).days, a, band(a, av, b), i)
            if v is not None and v <= e and (av is None or av > e) and not _bakat(v, av):
                lagg("D3o", (e - v).days, a, band(a, v, b), i)
    for (matt, rad), dagar in varden.items():
        dagar.sort()
        p25, median, p75 = _kvartiler(dagar)
        ut[matt, rad, "n"] = len(dagar)
        ut[matt, rad, "min"] = dagar[0]
        ut[matt, rad, "max"] = dagar[-1]
        ut[matt, rad, "p25"] = p25
        ut[matt, rad, "median"] = median
        ut[matt, rad, "p75"] = p75
    for m in ("D1", "D2", "D3", "D4"):
        ut["bakvand", "T", m] = bakvand[m]
    ut["ej_verkstallda", "T", "antal"] = ej_verkstallda
    return ut


def r13(arenden: Sequence[Arende], s: date, e: date, b: Aldersband) -> Data:
    ut: Counter[tuple[str, str, str]] = Counter()
    for a in arenden:
        for i in a.insatser:
            for u in i.uppfoljningar:
                if not _i(u.datum, s, e):
                    continue
                ut["tackning", "T", "alla"] += 1
                svar = {f: getattr(u, f) for f in _VET_INTE if getattr(u, f) is not None}
                ut["tackning", "T", "med_svar"] += int(bool(svar))
                for f, kod in svar.items():
                    fraga = f.upper().replace("B1A", "B1a").replace("B1B", "B1b")
                    k = int(kod)
                    for g in (_kon(a), "T"):
                        ut["fordelning", f"{fraga}:{k}", g] += 1
                    for dim, grupp in (("kon", _kon(a)), ("alder", band(a, u.datum, b))):
                        for g in (grupp, "T"):
                            ut[f"positiv_{dim}", fraga, f"positiva:{g}"] += int(k in (1, 2))
                            ut[f"positiv_{dim}", fraga, f"bedomda:{g}"] += int(k < _VET_INTE[f])
                            ut[f"positiv_{dim}", fraga, f"vet_inte:{g}"] += int(k == _VET_INTE[f])
    return dict(ut)


def _alder_vid(a: Arende, d: date) -> int | None:
    """Completed years at *d* when what is known of the birth date settles them (every
    possible birth date up to *d* gives the same age), else None."""
    f = _fodd(a)
    if f is None or d < f[0]:
        return None
    lag, hog = _ar(d, min(f[1], d)), _ar(d, f[0])
    return lag if lag == hog else None


def _aktiv(a: Arende, s: date, e: date) -> bool:
    akt, st = a.aktualiseringsdatum, slut(a)
    return akt is not None and akt <= e and (st is None or st >= s) and not _bakat(akt, st)


def r4(arenden: Sequence[Arende], s: date, e: date, b: Aldersband) -> Data:
    ut: Counter[tuple[str, str, str]] = Counter()
    for a in arenden:
        beslut = [i.beslutsdatum for i in a.insatser if i.beslutsdatum is not None]
        if not beslut or not s <= min(beslut) <= e:
            continue
        koder = a.problematik or frozenset()
        for del_, grupp in (("kon", _kon(a)), ("alder", band(a, a.aktualiseringsdatum, b))):
            for g in (grupp, "T"):
                ut[del_, "n", g] += int(bool(koder))
                ut[del_, "saknas", g] += int(not koder)
                ut[del_, "koder", g] += len(koder)
                for k in koder:
                    ut[del_, str(int(k)), g] += 1
        orsaker = a.aktualiseringsorsak
        if koder and orsaker:
            nya = koder - orsaker
            for k in koder:
                ut["jamforelse", str(int(k)), "med"] += 1
                ut["jamforelse", str(int(k)), "ny"] += int(k in nya)
            ut["jamforelse", "T", "med"] += 1
            ut["jamforelse", "T", "ny"] += int(bool(nya))
    return dict(ut)


def r6(arenden: Sequence[Arende], s: date, e: date, b: Aldersband) -> Data:
    ut: Counter[tuple[str, str, str]] = Counter()
    for a in arenden:
        nya = [i for i in a.insatser if _i(i.verkstallighetsdatum, s, e)]
        if not nya:
            continue
        typer = {int(t) for i in nya for t in i.insatstyp or ()}
        for p in a.problematik or ():
            ut["matris", str(int(p)), "n"] += 1
            for t in typer:
                ut["matris", str(int(p)), str(t)] += 1
    return dict(ut)


def r9(arenden: Sequence[Arende], s: date, e: date, b: Aldersband) -> Data:
    ut: Counter[tuple[str, str, str]] = Counter()
    for a in arenden:
        if not _aktiv(a, s, e):
            continue
        typer = {
            int(t)
            for i in a.insatser
            if i.verkstallighetsdatum is not None
            and i.verkstallighetsdatum <= e
            and (_avslut(i) is None or _avslut(i) >= s)  # type: ignore[operator]
            and not _bakat(i.verkstallighetsdatum, _avslut(i))
            for t in i.insatstyp or ()
        }
        for del_, grupp in (("kon", _kon(a)), ("alder", band(a, e, b)), ("ursprung", _ursprung(a))):
            for g in (grupp, "T"):
                ut[del_, "n", g] += 1
                for t in typer:
                    ut[del_, str(t), g] += 1
    return dict(ut)


def _sista_mal(i: Insats) -> int | None:
    av = _avslut(i)
    assert av is not None
    fore = [(u.datum, n, u) for n, u in enumerate(i.uppfoljningar) if u.datum and u.datum <= av]
    if not fore:
        return None
    m = max(fore, key=lambda x: (x[0], x[1]))[2].maluppfyllelse
    return None if m is None else int(m)


def r10(arenden: Sequence[Arende], s: date, e: date, b: Aldersband) -> Data:
    ut: Counter[tuple[str, str, str]] = Counter()
    for a in arenden:
        for i in a.insatser:
            av = _avslut(i)
            if not _i(av, s, e):
                continue
            m = _sista_mal(i)
            typer = [str(int(t)) for t in i.insatstyp] if i.insatstyp else ["0"]
            rader = ["T", f"kon:{_kon(a)}", f"alder:{band(a, av, b)}", f"ursprung:{_ursprung(a)}"]
            for r in rader + [f"insatstyp:{t}" for t in typer]:
                ut["mal", r, "n"] += 1
                ut["mal", r, "bedomda"] += int(m is not None and 1 <= m <= 5)
                ut["mal", r, "positiva"] += int(m in (1, 2))
                ut["mal", r, "alla_mal"] += int(m in (1, 3))
                ut["mal", r, "kan_inte"] += int(m == 6)
                ut["mal", r, "saknas"] += int(m is None)
    return dict(ut)


def r11(arenden: Sequence[Arende], s: date, e: date, b: Aldersband) -> Data:
    ut: Counter[tuple[str, str, str]] = Counter()
    for a in arenden:
        grupper = [str(int(p)) for p in a.problematik] if a.problematik else ["0"]
        for i in a.insatser:
            koder: set[int] = set()
            for u in i.uppfoljningar:
                if not _i(u.datum, s, e):
                    continue
                koder |= {int(k) for k in u.samverkan or ()}
                if u.sip is not None:
                    ut["sip", str(int(u.sip)), "antal"] += 1
                    ut["sip", "T", "antal"] += 1
            if not koder:
                continue
            for g in [*grupper, "T"]:
                ut["grupp", g, "n"] += 1
                ut["grupp", g, "nagon"] += int(any(k <= 10 for k in koder))
                ut["grupp", g, "behov"] += int(11 in koder)
                ut["grupp", g, "inget_behov"] += int(12 in koder)
            ut["aktor", "n", "antal"] += 1
            for k in koder:
                ut["aktor", str(k), "antal"] += 1
    return dict(ut)


def r12(arenden: Sequence[Arende], s: date, e: date, b: Aldersband) -> Data:
    ut: Counter[tuple[str, str, str]] = Counter()
    for a in arenden:
        for i in a.insatser:
            av = _avslut(i)
            if not _i(av, s, e):
                continue
            assert i.avslut is not None
            orsak = str(int(i.avslut.avslutsorsak or 0))
            genomforande = str(int(i.avslut.genomforande or 0))
            for dim, grupp in (
                ("kon", _kon(a)),
                ("alder", band(a, av, b)),
                ("ursprung", _ursprung(a)),
            ):
                for rad in (orsak, "T"):
                    for g in (grupp, "T"):
                        ut[f"orsak_{dim}", rad, g] += 1
                for rad in (genomforande, "T"):
                    for g in (grupp, "T"):
                        ut[f"genomforande_{dim}", rad, g] += 1
    return {**dict(ut), **{k: v for k, v in r8(arenden, s, e, b).items() if k[0] == "D3"}}


def r14(arenden: Sequence[Arende], s: date, e: date, b: Aldersband) -> Data:
    halvar = date(e.year - 1, 6, 30)
    fran = date(e.year - 1, 1, 1)
    per_person: dict[str, list[tuple[int, Arende]]] = defaultdict(list)
    ut: Counter[tuple[str, str, str]] = Counter()
    for nr, a in enumerate(arenden):
        if a.person_id is not None:
            per_person[a.person_id].append((nr, a))
        elif _i(slut(a), fran, halvar):
            ut["utan_nyckel", "T", "antal"] += 1
    for alla in per_person.values():
        fore = [
            (nr, a)
            for nr, a in alla
            if a.aktualiseringsdatum is not None
            and a.aktualiseringsdatum <= halvar
            and not _bakat(a.aktualiseringsdatum, slut(a))
        ]
        if not fore or any(slut(a) is None for _, a in fore):
            continue
        sista = max(slut(a) for _, a in fore)  # type: ignore[type-var]
        assert sista is not None
        if not fran <= sista <= halvar:
            continue
        _, senast = max((nr, a) for nr, a in fore if slut(a) == sista)
        ar = _alder_vid(senast, sista)
        grupp = "okänd" if ar is None else "0–12" if ar <= 12 else "13–20" if ar <= 20 else "21+"
        ater = any(
            a.aktualiseringsdatum is not None and 0 < (a.aktualiseringsdatum - sista).days <= 365
            for _, a in alla
        )
        for g in (grupp, "T"):
            ut["ater", g, "personer"] += 1
            ut["ater", g, "ej_ater"] += int(not ater)
    return dict(ut)


ORAKEL: dict[str, Callable[[Sequence[Arende], date, date, Aldersband], Any]] = {
    "R1": r1,
    "R2": r2,
    "R3": r3,
    "R4": r4,
    "R5": r5,
    "R6": r6,
    "R7": r7,
    "R8": r8,
    "R9": r9,
    "R10": r10,
    "R11": r11,
    "R12": r12,
    "R13": r13,
    "R14": r14,
}
