"""The record model: an ärende from aktualisering to avslut.

The model follows the process of SKL-2019: an :class:`Arende` (variables 1–9) holds its
:class:`Insats` objects (10–12), each holding zero or more :class:`Uppfoljning` objects
(13–17 and the client's answers B1a–B5) and, once it ends, an :class:`Avslut` (18–20).
Which field holds which variable is recorded once, in the catalog
(:attr:`~socialtjanst_variabler.katalog.Variabel.falt`).

A value not yet registered is ``None``, which is different from an answer such as
"Vet ej". Multi-choice variables (2, 9, 12, 14) hold a non-empty :class:`frozenset` of
codes once registered. Structural errors (a wrong type, an empty multi-choice, codes 11
or 12 of variable 14 combined with another code, a personnummer that contradicts the
explicit legal sex or birth date) raise :class:`~socialtjanst_variabler.errors.InvalidValue`
at construction; consistency problems in well-formed data are found by
:func:`~socialtjanst_variabler.arende.granskning.granska`. Variable 14's exclusivity is
both: the constructor refuses it (registration stays strict), while the JSON reader
builds the follow-up anyway and ``granska`` reports it as ``SAMVERKAN_KOMBINERAD``, so
that one wrong answer in an extract does not hide the rest of the ärende (the field
lists it under :data:`REGISTRERING`, not :data:`REGLER`).

Derived facts (age, durations, the step reached) are computed, never stored.

Every level (:class:`Arende`, :class:`Insats`, :class:`Uppfoljning`, :class:`Avslut`) also
has ``lokala``: the municipality's local variables, under their extension's id
(:class:`~socialtjanst_variabler.lokala.varden.LokalaVarden`, empty by default and then
left out of the JSON form; see :mod:`socialtjanst_variabler.lokala`).

Example:
    >>> from datetime import date
    >>> from socialtjanst_variabler import Insatstyp, Problematik
    >>> from socialtjanst_variabler.identitet.personnummer import Personnummer
    >>> a = Arende(
    ...     id="A-1",
    ...     aktualiseringsdatum=date(2026, 1, 5),
    ...     aktualiseringsorsak=frozenset({Problematik.HEMLOS}),
    ...     personnummer=Personnummer.parse("19121212-1212"),
    ...     insatser=(
    ...         Insats(
    ...             beslutsdatum=date(2026, 1, 20),
    ...             verkstallighetsdatum=date(2026, 2, 1),
    ...             insatstyp=frozenset({Insatstyp.STODBOENDE}),
    ...         ),
    ...     ),
    ... )
    >>> a.juridiskt_kon.label, a.fodelsedatum
    ('Pojke/Man', datetime.date(1912, 12, 12))
    >>> handlaggningstid(a, a.insatser[0]), tid_till_verkstallighet(a.insatser[0])
    (15, 12)
    >>> uppnatt_processteg(a).label
    'Genomföra'
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import attrs

from socialtjanst_variabler._datum import alder, ar_datum, dagar
from socialtjanst_variabler.arende._lokala import TOMMA, LokalaVarden
from socialtjanst_variabler.errors import (
    DateBeforeBirth,
    InvalidFieldType,
    InvalidInterval,
    InvalidValue,
    mask,
)
from socialtjanst_variabler.identitet.personnummer import Personnummer
from socialtjanst_variabler.identitet.pseudonym import is_pseudonym
from socialtjanst_variabler.identitet.reservnummer import Reservnummer
from socialtjanst_variabler.processteg import Insatskontext, Processteg
from socialtjanst_variabler.vardemangder import (
    INGEN_SAMVERKAN,
    Avslutsorsak,
    Bemotande,
    Beslutsutfall,
    Betydelse,
    Delaktighet,
    Forandring,
    Genomforande,
    Hushallstyp,
    Insatstyp,
    JuridisktKon,
    Maluppfyllelse,
    Nojdhet,
    OrsakUtanInsats,
    ParallellaInsatser,
    Problematik,
    Samverkan,
    Sip,
    TidigareKontakt,
    Ursprung,
    Vardemangd,
)
from socialtjanst_variabler.vardemangder.uppfoljning import INGEN_SAMVERKAN_REGEL

__all__ = [
    "NIVAER",
    "REGISTRERING",
    "REGLER",
    "SCHEMA",
    "Arende",
    "Avslut",
    "AvslutUtanInsats",
    "Insats",
    "Uppfoljning",
    "alla_lokala",
    "handlaggningstid",
    "insatstid",
    "slutdatum",
    "tid_till_verkstallighet",
    "total_tid",
    "uppnatt_processteg",
]

_Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]

# A field's validators come in three kinds. Its type check (a date, a Sip code, a
# frozenset of Insatstyp codes) is met by construction when the JSON reader builds the
# value; its rules (a multi-choice is not empty) hold whoever built it; its registration
# rules (codes 11 and 12 of variable 14 stand alone) hold when a value is registered, but
# an extract that breaks them is still read, and granska reports it. Each field lists its
# rules in its metadata under REGLER, so that the reader's fast path runs exactly those
# and the rules are written once, here; the registration rules under REGISTRERING. A rule
# judges its value alone (the reader may call it with None for the instance, and keeps
# the code lists that have met it).

#: The metadata key under which a model field lists its rules (the validators that hold
#: whoever built the value, as opposed to its type check).
REGLER = "socialtjanst_variabler.regler"

#: The metadata key of a field's rules that only the constructor runs (registration):
#: the JSON reader builds the value without them and leaves the finding to ``granska``.
#: Today one: variable 14's codes 11 and 12 alone (``granska``'s SAMVERKAN_KOMBINERAD).
REGISTRERING = "socialtjanst_variabler.registrering"

#: The metadata key of a field's extra JSON Schema keywords (bounds the type cannot say).
SCHEMA = "socialtjanst_variabler.schema"


def _falt(
    typ: _Validator,
    *regler: _Validator,
    default: Any = None,
    schema: dict[str, Any] | None = None,
    registrering: tuple[_Validator, ...] = (),
    **kwargs: Any,
) -> Any:
    metadata: dict[str, Any] = {REGLER: regler}
    if registrering:
        metadata[REGISTRERING] = registrering
    if schema:
        metadata[SCHEMA] = schema
    return attrs.field(
        default=default, validator=[typ, *regler, *registrering], metadata=metadata, **kwargs
    )


def _datum(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not ar_datum(value):
        raise InvalidFieldType(attribute.name, "ska vara ett datum (datetime.date, inte datetime)")


def _kod(vardemangd: type[Vardemangd]) -> _Validator:
    namn = vardemangd.__name__

    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None and type(value) is not vardemangd:
            # The type is wrong (an int, a str or another value set), never the code:
            # say how to get a member.
            raise InvalidFieldType(
                attribute.name,
                f"fel typ: ska vara en medlem av {namn}, inte {type(value).__name__} "
                f"(en kod blir en medlem med {namn}.from_code, en text med {namn}.parse)",
            )

    return check


def _koder(vardemangd: type[Vardemangd]) -> _Validator:
    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        # set(map(type, ...)) runs in C.
        if value is not None and (
            type(value) is not frozenset or not set(map(type, value)) <= {vardemangd}
        ):
            raise InvalidFieldType(
                attribute.name, f"ska vara en frozenset av koder i {vardemangd.__name__}"
            )

    return check


def _flerval(vardemangd: type[Vardemangd], registrering: tuple[_Validator, ...] = ()) -> Any:
    return _falt(_koder(vardemangd), _minst_en, registrering=registrering)


def _minst_en(_: object, attribute: attrs.Attribute[Any], value: frozenset[Any] | None) -> None:
    if value is not None and not value:
        raise InvalidValue(attribute.name, "flerval ska ha minst en kod när det registrerats")


def _bool(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and type(value) is not bool:
        raise InvalidFieldType(attribute.name, "ska vara True eller False")


def _samverkan(
    _: object, attribute: attrs.Attribute[Any], value: frozenset[Samverkan] | None
) -> None:
    if value and len(value) > 1 and value & INGEN_SAMVERKAN:
        raise InvalidValue(
            attribute.name,
            INGEN_SAMVERKAN_REGEL,
        )


def _instans(cls: type) -> _Validator:
    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None and type(value) is not cls:
            raise InvalidFieldType(attribute.name, f"ska vara en {cls.__name__}")

    return check


def _tuple_of(cls: type) -> _Validator:
    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not tuple or not set(map(type, value)) <= {cls}:
            raise InvalidFieldType(attribute.name, f"ska vara en tuple av {cls.__name__}")

    return check


def _id(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not str or not value.strip():
        raise InvalidValue(attribute.name, "ärendets id ska vara en icke-tom sträng")


_PERSON_ID_MAX = 200


def _text(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and type(value) is not str:
        raise InvalidFieldType(attribute.name, "ska vara en sträng")


def _person_id(_: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is None:
        return
    if not value.strip() or len(value) > _PERSON_ID_MAX:
        raise InvalidValue(
            attribute.name, f"ska vara en icke-tom sträng på högst {_PERSON_ID_MAX} tecken"
        )
    if not value.isprintable():
        raise InvalidValue(attribute.name, "får inte innehålla styrtecken eller radbrytningar")
    if mask(value) != value and not is_pseudonym(value):
        # The key links a person's ärenden; the personnummer itself must not travel as one.
        # A keyed pseudonym may hold ten digits in a row (base32), and is never a number.
        raise InvalidValue(
            attribute.name,
            "ser ut som ett personnummer; personnyckeln ska vara ogenomskinlig "
            "(leverantörens nyckel eller en pseudonym)",
        )


def _heltal(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and type(value) is not int:
        raise InvalidFieldType(attribute.name, "ska vara ett heltal")


_FORSTA_AR, _SISTA_AR = 1800, 9999


def _ar(_: object, attribute: attrs.Attribute[Any], value: int | None) -> None:
    if value is not None and not _FORSTA_AR <= value <= _SISTA_AR:
        raise InvalidValue(attribute.name, f"ska vara ett årtal {_FORSTA_AR}–{_SISTA_AR}")


def _lokala(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not LokalaVarden:
        raise InvalidFieldType(
            attribute.name, "ska vara LokalaVarden (socialtjanst_variabler.lokala.varden)"
        )


def _lokalt_falt() -> Any:
    """The ``lokala`` field of every level: local values under their extension's id,
    empty by default (and then left out of the JSON form)."""
    return _falt(_lokala, default=TOMMA)


def _bool_false(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not bool:
        raise InvalidFieldType(attribute.name, "ska vara True eller False")


@attrs.frozen(kw_only=True)
class Uppfoljning:
    """One follow-up of an insats: variables 13–17 and the client's answers B1a–B5."""

    datum: date | None = _falt(_datum)
    samverkan: frozenset[Samverkan] | None = _flerval(Samverkan, registrering=(_samverkan,))
    sip: Sip | None = _falt(_kod(Sip))
    parallella_insatser: ParallellaInsatser | None = _falt(_kod(ParallellaInsatser))
    maluppfyllelse: Maluppfyllelse | None = _falt(_kod(Maluppfyllelse))
    b1a: Forandring | None = _falt(_kod(Forandring))
    b1b: Forandring | None = _falt(_kod(Forandring))
    b2: Betydelse | None = _falt(_kod(Betydelse))
    b3: Nojdhet | None = _falt(_kod(Nojdhet))
    b4: Bemotande | None = _falt(_kod(Bemotande))
    b5: Delaktighet | None = _falt(_kod(Delaktighet))
    lokala: LokalaVarden = _lokalt_falt()


@attrs.frozen(kw_only=True)
class Avslut:
    """The end of an insats: variables 18–20."""

    datum: date | None = _falt(_datum)
    genomforande: Genomforande | None = _falt(_kod(Genomforande))
    avslutsorsak: Avslutsorsak | None = _falt(_kod(Avslutsorsak))
    lokala: LokalaVarden = _lokalt_falt()


@attrs.frozen(kw_only=True)
class AvslutUtanInsats:
    """The ärende ended without a beslut on insats (library addition, not an SKL variable).

    The utredning ended without one, or none was opened after the aktualisering
    (förhandsbedömning). The date ends the ärende.
    """

    datum: date | None = _falt(_datum)
    orsak: OrsakUtanInsats | None = _falt(_kod(OrsakUtanInsats))


@attrs.frozen(kw_only=True)
class Insats:
    """An insats of the ärende: variables 10–12, its follow-ups and its avslut.

    Attributes:
        beslut: what the beslut decided (library addition): with
            ``Beslutsutfall.AVSLAG`` nothing is
            granted, so the insats is never verkställd nor avslutad, and ``insatstyp`` is
            what was applied for.
        bistandsbedomd: the insats is granted after a needs assessment.
        foljs_upp_av_myndighetsutovningen: it is followed up by myndighetsutövningen;
            with ``bistandsbedomd`` it decides the process step of variables 10 and 12.
    """

    beslutsdatum: date | None = _falt(_datum)
    beslut: Beslutsutfall | None = _falt(_kod(Beslutsutfall))
    verkstallighetsdatum: date | None = _falt(_datum)
    insatstyp: frozenset[Insatstyp] | None = _flerval(Insatstyp)
    bistandsbedomd: bool | None = _falt(_bool)
    foljs_upp_av_myndighetsutovningen: bool | None = _falt(_bool)
    uppfoljningar: tuple[Uppfoljning, ...] = _falt(_tuple_of(Uppfoljning), default=())
    avslut: Avslut | None = _falt(_instans(Avslut))
    lokala: LokalaVarden = _lokalt_falt()

    @property
    def kontext(self) -> Insatskontext | None:
        """The context that places variables 10 and 12, when both flags are known."""
        if self.bistandsbedomd is None or self.foljs_upp_av_myndighetsutovningen is None:
            return None
        return Insatskontext(
            bistandsbedomd=self.bistandsbedomd,
            foljs_upp_av_myndighetsutovningen=self.foljs_upp_av_myndighetsutovningen,
        )


@attrs.frozen(kw_only=True)
class Arende:
    """An ärende: variables 1–9 and its insatser.

    Identity: at most one of ``personnummer`` (or samordningsnummer, possibly with a
    partly unknown birth date), ``reservnummer`` and ``anonym``. ``juridiskt_kon``,
    ``fodelsedatum`` and ``fodelsear`` derive from the identity where it carries them (an
    explicit value that contradicts it is refused): a personnummer gives all three, one
    with a partly unknown birth date gives kön and year, an IVO reservnummer kön and date,
    a regional reservnummer nothing. Otherwise give what is known explicitly:
    ``fodelsear`` alone when only the birth year is known.

    Attributes:
        id: the vendor's opaque case id.
        person_id: an opaque key of the person (the vendor's own, or a keyed pseudonym),
            never the personnummer: persons are counted, and their ärenden linked, by it.
        reservnummer: the client's reservnummer, for a client without a personnummer
            (library addition).
        anonym: the client is anonymous (no identity is recorded, by design).
        fodelsear: the birth year, derived from ``fodelsedatum`` when that is known.
        avslut_utan_insats: the ärende ended without a beslut on insats (library
            addition).
        lokala: the municipality's local values at this level (as on every level).
    """

    # Masked in repr: a vendor may use the personnummer as its case id.
    id: str = attrs.field(
        validator=_id,
        metadata={REGLER: (_id,)},
        repr=lambda v: repr(mask(v)),
    )
    person_id: str | None = _falt(_text, _person_id, schema={"maxLength": _PERSON_ID_MAX})
    aktualiseringsdatum: date | None = _falt(_datum)
    aktualiseringsorsak: frozenset[Problematik] | None = _flerval(Problematik)
    personnummer: Personnummer | None = _falt(_instans(Personnummer))
    reservnummer: Reservnummer | None = _falt(_instans(Reservnummer))
    anonym: bool = _falt(_bool_false, default=False)
    juridiskt_kon: JuridisktKon | None = _falt(_kod(JuridisktKon))
    fodelsedatum: date | None = _falt(_datum)
    fodelsear: int | None = _falt(
        _heltal, _ar, schema={"minimum": _FORSTA_AR, "maximum": _SISTA_AR}
    )
    ursprung: Ursprung | None = _falt(_kod(Ursprung))
    hushallstyp: Hushallstyp | None = _falt(_kod(Hushallstyp))
    tidigare_kontakt: TidigareKontakt | None = _falt(_kod(TidigareKontakt))
    problematik: frozenset[Problematik] | None = _flerval(Problematik)
    avslut_utan_insats: AvslutUtanInsats | None = _falt(_instans(AvslutUtanInsats))
    insatser: tuple[Insats, ...] = _falt(_tuple_of(Insats), default=())
    lokala: LokalaVarden = _lokalt_falt()

    def __attrs_post_init__(self) -> None:
        p = self.personnummer
        r = self.reservnummer
        if p is not None:
            if r is not None or self.anonym:
                raise InvalidValue("personnummer", _EN_IDENTITET)
            _harled(self, "juridiskt_kon", p.juridiskt_kon, "personnumret")
            if p.har_fullstandigt_datum:
                _harled(self, "fodelsedatum", p.fodelsedatum, "personnumret")
            else:
                _ofullstandigt(self, p)
        elif r is not None:
            if self.anonym:
                raise InvalidValue("reservnummer", _EN_IDENTITET)
            if not r.is_regionalt:
                _harled(self, "juridiskt_kon", r.juridiskt_kon, "reservnumret")
                _harled(self, "fodelsedatum", r.fodelsedatum, "reservnumret")
        fodd = self.fodelsedatum
        if fodd is not None:
            _harled(self, "fodelsear", fodd.year, "födelsedatumet")

    def alder(self, *, vid: date) -> int | None:
        """Age in completed years on *vid* (variabel 5), or None when it is not known.

        Known from a birth date; from a birth year alone only when *vid* settles it
        (see :meth:`alder_intervall`), never guessed.

        Raises:
            DateBeforeBirth: *vid* lies before the birth date.
            TypeError: *vid* is not a date.
        """
        intervall = self.alder_intervall(vid=vid)
        if intervall is None or intervall[0] != intervall[1]:
            return None
        return intervall[0]

    def alder_intervall(self, *, vid: date) -> tuple[int, int] | None:
        """The lowest and highest age on *vid* that what is recorded allows, or None.

        Equal bounds with a birth date; with a birth year alone, one year apart except
        on 31 December (and in the birth year itself, where both are 0).

        Raises:
            DateBeforeBirth: *vid* lies before the birth date, or before the birth year.
            TypeError: *vid* is not a date.
        """
        if not ar_datum(vid):
            raise TypeError(f"vid ska vara ett datum (datetime.date), inte {type(vid).__name__}")
        fodd = self.fodelsedatum
        if fodd is not None:  # with a personnummer, its birth date is here too
            if vid < fodd:
                raise DateBeforeBirth()
            ar = alder(fodd, vid)
            return ar, ar
        if self.personnummer is not None:  # a partly unknown birth date narrows the year
            return self.personnummer.alder_intervall(vid=vid)
        fodelsear = self.fodelsear
        if fodelsear is None:
            return None
        if vid.year < fodelsear:
            raise DateBeforeBirth()
        hogst = vid.year - fodelsear
        # Born on 31 December at the latest: not yet had the birthday, unless it is today.
        lagst = hogst if vid.month == 12 and vid.day == 31 else max(hogst - 1, 0)
        return lagst, hogst


_EN_IDENTITET = "ett ärende har högst en identitet: personnummer, reservnummer eller anonym"


def _ofullstandigt(arende: Arende, p: Personnummer) -> None:
    """A samordningsnummer whose birth date is partly unknown gives the year; an explicit
    birth date must be one of the dates it allows."""
    _harled(arende, "fodelsear", p.fodelsear, "personnumret")
    fodd = arende.fodelsedatum
    if fodd is not None:
        tidigast, senast = p.fodelsedatum_intervall
        if not tidigast <= fodd <= senast:
            raise InvalidValue("fodelsedatum", "motsäger personnumret")


def _harled(arende: Arende, falt: str, varde: object, kalla: str) -> None:
    """Set the derived field *falt* to *varde*, or refuse an explicit value that differs."""
    givet = getattr(arende, falt)
    if givet is None:
        _SATT[falt](arende, varde)
    elif givet != varde:
        raise InvalidValue(falt, f"motsäger {kalla}")


# The slots' own setters, for the fields that derive from the identity (frozen).
_SATT: dict[str, Callable[[Arende, object], None]] = {
    falt: vars(Arende)[falt].__set__ for falt in ("juridiskt_kon", "fodelsedatum", "fodelsear")
}

#: The model class at each level of a catalog field path (:attr:`Variabel.falt
#: <socialtjanst_variabler.katalog.Variabel.falt>`): ``""`` is the ärende itself.
NIVAER: dict[str, type] = {
    "": Arende,
    "insatser[]": Insats,
    "insatser[].uppfoljningar[]": Uppfoljning,
    "insatser[].avslut": Avslut,
    "avslut_utan_insats": AvslutUtanInsats,
}


def _typ(cls: type, namn: str, varde: object) -> None:
    """A derived fact asked of something else than the model: a TypeError that says so."""
    if type(varde) is not cls:
        raise TypeError(f"{namn} ska vara en {cls.__name__}, inte {type(varde).__name__}")


def _tid(start: date | None, slut: date | None, start_falt: str, slut_falt: str) -> int | None:
    """Elapsed days from *start* to *slut*; None if either is missing.

    Raises:
        InvalidInterval: *slut* lies before *start*: a duration is never negative.
    """
    if start is None or slut is None:
        return None
    if slut < start:
        raise InvalidInterval(start_falt, slut_falt)
    return dagar(start, slut)


def handlaggningstid(arende: Arende, insats: Insats) -> int | None:
    """Days from aktualisering (variabel 1) to the beslut (variabel 10), if both known.

    Raises:
        InvalidInterval: the beslut lies before the aktualisering.
        TypeError: *arende* is not an Arende or *insats* not an Insats.
    """
    _typ(Arende, "arende", arende)
    _typ(Insats, "insats", insats)
    return _tid(
        arende.aktualiseringsdatum, insats.beslutsdatum, "aktualiseringsdatum", "beslutsdatum"
    )


def tid_till_verkstallighet(insats: Insats) -> int | None:
    """Days from the beslut (variabel 10) to verkställande (variabel 11), if both known.

    Raises:
        InvalidInterval: verkställandet lies before the beslut.
        TypeError: *insats* is not an Insats.
    """
    _typ(Insats, "insats", insats)
    return _tid(
        insats.beslutsdatum, insats.verkstallighetsdatum, "beslutsdatum", "verkstallighetsdatum"
    )


def insatstid(insats: Insats) -> int | None:
    """Days from verkställande (variabel 11) to avslut (variabel 18), if both known.

    Raises:
        InvalidInterval: the avslut lies before verkställandet.
        TypeError: *insats* is not an Insats.
    """
    _typ(Insats, "insats", insats)
    slut = insats.avslut.datum if insats.avslut else None
    return _tid(insats.verkstallighetsdatum, slut, "verkstallighetsdatum", "avslut.datum")


def _avslagen(insats: Insats) -> bool:
    return insats.beslut is Beslutsutfall.AVSLAG


def alla_lokala(arende: Arende) -> Iterator[LokalaVarden]:
    """The local values of every level of *arende*, in document order."""
    yield arende.lokala
    for insats in arende.insatser:
        yield insats.lokala
        for u in insats.uppfoljningar:
            yield u.lokala
        if insats.avslut is not None:
            yield insats.avslut.lokala


def slutdatum(arende: Arende) -> date | None:
    """The date the ärende ended, or None while it is open.

    The date of :attr:`Arende.avslut_utan_insats` when recorded; otherwise, once every
    insats has ended (an avslut with a date) or was refused (beslut
    ``Beslutsutfall.AVSLAG`` with a beslut
    date), the latest of those dates. An ärende without insats and without
    ``avslut_utan_insats`` is open.

    Raises:
        TypeError: *arende* is not an Arende.
    """
    _typ(Arende, "arende", arende)
    if arende.avslut_utan_insats is not None:
        return arende.avslut_utan_insats.datum
    slut: list[date | None] = [
        i.beslutsdatum if _avslagen(i) else i.avslut.datum if i.avslut else None
        for i in arende.insatser
    ]
    if not slut or None in slut:
        return None
    return max(d for d in slut if d is not None)


def total_tid(arende: Arende) -> int | None:
    """Days from aktualisering to the end of the ärende (:func:`slutdatum`).

    None while the ärende is open or the aktualisering date is missing.

    Raises:
        InvalidInterval: the end lies before the aktualisering.
        TypeError: *arende* is not an Arende.
    """
    _typ(Arende, "arende", arende)
    return _tid(arende.aktualiseringsdatum, slutdatum(arende), "aktualiseringsdatum", "slutdatum")


def uppnatt_processteg(arende: Arende) -> Processteg | None:
    """The furthest process step the ärende has reached, judged by what is recorded.

    Avsluta once the ärende has ended (:func:`slutdatum`); Följa upp with a follow-up
    date; Genomföra with a date of verkställande; Besluta with a beslut date; Utreda with
    any of variables 6–9; Aktualisera with an aktualisering date; otherwise None.

    Raises:
        TypeError: *arende* is not an Arende.
    """
    _typ(Arende, "arende", arende)
    insatser = arende.insatser
    utredd = (arende.ursprung, arende.hushallstyp, arende.tidigare_kontakt, arende.problematik)
    # From the last step back: the first that holds is the step reached.
    for steg, uppnatt in (
        (Processteg.AVSLUTA, slutdatum(arende) is not None),
        (Processteg.FOLJA_UPP, any(u.datum for i in insatser for u in i.uppfoljningar)),
        (Processteg.GENOMFORA, any(i.verkstallighetsdatum for i in insatser)),
        (Processteg.BESLUTA, any(i.beslutsdatum for i in insatser)),
        (Processteg.UTREDA, any(v is not None for v in utredd)),
        (Processteg.AKTUALISERA, arende.aktualiseringsdatum is not None),
    ):
        if uppnatt:
            return steg
    return None
