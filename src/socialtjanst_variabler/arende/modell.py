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
:func:`~socialtjanst_variabler.arende.granskning.granska`.

Derived facts (age, durations, the step reached) are computed, never stored.

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

from collections.abc import Callable
from datetime import date
from typing import Any

import attrs

from socialtjanst_variabler._datum import alder, ar_datum, dagar
from socialtjanst_variabler.errors import DateBeforeBirth, InvalidValue, mask
from socialtjanst_variabler.identitet.personnummer import Personnummer
from socialtjanst_variabler.processteg import Insatskontext, Processteg
from socialtjanst_variabler.vardemangder import (
    INGEN_SAMVERKAN,
    Avslutsorsak,
    Bemotande,
    Betydelse,
    Delaktighet,
    Forandring,
    Genomforande,
    Hushallstyp,
    Insatstyp,
    JuridisktKon,
    Maluppfyllelse,
    Nojdhet,
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
    "REGLER",
    "Arende",
    "Avslut",
    "Insats",
    "Uppfoljning",
    "handlaggningstid",
    "insatstid",
    "tid_till_verkstallighet",
    "total_tid",
    "uppnatt_processteg",
]

_Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]

# A field's validators come in two kinds. Its type check (a date, a Sip code, a frozenset
# of Insatstyp codes) is met by construction when the JSON reader builds the value; its
# rules (a multi-choice is not empty, codes 11 and 12 of variable 14 stand alone) hold
# whoever built it. Each field lists its rules in its metadata under REGLER, so that the
# reader's fast path runs exactly those and the rules are written once, here. A rule
# judges its value alone (the reader may call it with None for the instance, and keeps
# the code lists that have met it).

#: The metadata key under which a model field lists its rules (the validators that hold
#: whoever built the value, as opposed to its type check).
REGLER = "socialtjanst_variabler.regler"


def _falt(typ: _Validator, *regler: _Validator, default: Any = None, **kwargs: Any) -> Any:
    return attrs.field(
        default=default, validator=[typ, *regler], metadata={REGLER: regler}, **kwargs
    )


def _datum(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not ar_datum(value):
        raise InvalidValue(attribute.name, "ska vara ett datum (datetime.date, inte datetime)")


def _kod(vardemangd: type[Vardemangd]) -> _Validator:
    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None and type(value) is not vardemangd:
            raise InvalidValue(attribute.name, f"ska vara en kod i {vardemangd.__name__}")

    return check


def _koder(vardemangd: type[Vardemangd]) -> _Validator:
    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        # set(map(type, ...)) runs in C.
        if value is not None and (
            type(value) is not frozenset or not set(map(type, value)) <= {vardemangd}
        ):
            raise InvalidValue(
                attribute.name, f"ska vara en frozenset av koder i {vardemangd.__name__}"
            )

    return check


def _flerval(vardemangd: type[Vardemangd], *regler: _Validator) -> Any:
    return _falt(_koder(vardemangd), _minst_en, *regler)


def _minst_en(_: object, attribute: attrs.Attribute[Any], value: frozenset[Any] | None) -> None:
    if value is not None and not value:
        raise InvalidValue(attribute.name, "flerval ska ha minst en kod när det registrerats")


def _bool(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and type(value) is not bool:
        raise InvalidValue(attribute.name, "ska vara True eller False")


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
            raise InvalidValue(attribute.name, f"ska vara en {cls.__name__}")

    return check


def _tuple_of(cls: type) -> _Validator:
    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not tuple or not set(map(type, value)) <= {cls}:
            raise InvalidValue(attribute.name, f"ska vara en tuple av {cls.__name__}")

    return check


def _id(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not str or not value.strip():
        raise InvalidValue(attribute.name, "ärendets id ska vara en icke-tom sträng")


@attrs.frozen(kw_only=True)
class Uppfoljning:
    """One follow-up of an insats: variables 13–17 and the client's answers B1a–B5."""

    datum: date | None = _falt(_datum)
    samverkan: frozenset[Samverkan] | None = _flerval(Samverkan, _samverkan)
    sip: Sip | None = _falt(_kod(Sip))
    parallella_insatser: ParallellaInsatser | None = _falt(_kod(ParallellaInsatser))
    maluppfyllelse: Maluppfyllelse | None = _falt(_kod(Maluppfyllelse))
    b1a: Forandring | None = _falt(_kod(Forandring))
    b1b: Forandring | None = _falt(_kod(Forandring))
    b2: Betydelse | None = _falt(_kod(Betydelse))
    b3: Nojdhet | None = _falt(_kod(Nojdhet))
    b4: Bemotande | None = _falt(_kod(Bemotande))
    b5: Delaktighet | None = _falt(_kod(Delaktighet))


@attrs.frozen(kw_only=True)
class Avslut:
    """The end of an insats: variables 18–20."""

    datum: date | None = _falt(_datum)
    genomforande: Genomforande | None = _falt(_kod(Genomforande))
    avslutsorsak: Avslutsorsak | None = _falt(_kod(Avslutsorsak))


@attrs.frozen(kw_only=True)
class Insats:
    """An insats of the ärende: variables 10–12, its follow-ups and its avslut.

    Attributes:
        bistandsbedomd: the insats is granted after a needs assessment.
        foljs_upp_av_myndighetsutovningen: it is followed up by myndighetsutövningen;
            with ``bistandsbedomd`` it decides the process step of variables 10 and 12.
    """

    beslutsdatum: date | None = _falt(_datum)
    verkstallighetsdatum: date | None = _falt(_datum)
    insatstyp: frozenset[Insatstyp] | None = _flerval(Insatstyp)
    bistandsbedomd: bool | None = _falt(_bool)
    foljs_upp_av_myndighetsutovningen: bool | None = _falt(_bool)
    uppfoljningar: tuple[Uppfoljning, ...] = _falt(_tuple_of(Uppfoljning), default=())
    avslut: Avslut | None = _falt(_instans(Avslut))

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

    With a ``personnummer``, ``juridiskt_kon`` and ``fodelsedatum`` derive from it (an
    explicit value that contradicts it is refused); without one (some clients have
    none), give them explicitly.

    Attributes:
        id: the vendor's opaque case id.
    """

    # Masked in repr: a vendor may use the personnummer as its case id.
    id: str = attrs.field(
        validator=_id,
        metadata={REGLER: (_id,)},
        repr=lambda v: repr(mask(v)),
    )
    aktualiseringsdatum: date | None = _falt(_datum)
    aktualiseringsorsak: frozenset[Problematik] | None = _flerval(Problematik)
    personnummer: Personnummer | None = _falt(_instans(Personnummer))
    juridiskt_kon: JuridisktKon | None = _falt(_kod(JuridisktKon))
    fodelsedatum: date | None = _falt(_datum)
    ursprung: Ursprung | None = _falt(_kod(Ursprung))
    hushallstyp: Hushallstyp | None = _falt(_kod(Hushallstyp))
    tidigare_kontakt: TidigareKontakt | None = _falt(_kod(TidigareKontakt))
    problematik: frozenset[Problematik] | None = _flerval(Problematik)
    insatser: tuple[Insats, ...] = _falt(_tuple_of(Insats), default=())

    def __attrs_post_init__(self) -> None:
        p = self.personnummer
        if p is None:
            return
        # Written out for the two fields: this runs for every ärende read.
        if self.juridiskt_kon is None:
            _satt_juridiskt_kon(self, p.juridiskt_kon)
        elif self.juridiskt_kon != p.juridiskt_kon:
            raise InvalidValue("juridiskt_kon", "motsäger personnumret")
        if self.fodelsedatum is None:
            _satt_fodelsedatum(self, p.fodelsedatum)
        elif self.fodelsedatum != p.fodelsedatum:
            raise InvalidValue("fodelsedatum", "motsäger personnumret")

    def alder(self, *, vid: date) -> int | None:
        """Age in completed years on *vid* (variabel 5), or None without a birth date.

        Raises:
            DateBeforeBirth: *vid* lies before the birth date.
        """
        if self.fodelsedatum is None:  # with a personnummer, its birth date is here too
            return None
        if vid < self.fodelsedatum:
            raise DateBeforeBirth()
        return alder(self.fodelsedatum, vid)


# The slots' own setters, for the fields that derive from the personnummer (frozen).
_satt_juridiskt_kon = vars(Arende)["juridiskt_kon"].__set__
_satt_fodelsedatum = vars(Arende)["fodelsedatum"].__set__

#: The model class at each level of a catalog field path (:attr:`Variabel.falt
#: <socialtjanst_variabler.katalog.Variabel.falt>`): ``""`` is the ärende itself.
NIVAER: dict[str, type] = {
    "": Arende,
    "insatser[]": Insats,
    "insatser[].uppfoljningar[]": Uppfoljning,
    "insatser[].avslut": Avslut,
}


def handlaggningstid(arende: Arende, insats: Insats) -> int | None:
    """Days from aktualisering (variabel 1) to the beslut (variabel 10), if both known."""
    if arende.aktualiseringsdatum is None or insats.beslutsdatum is None:
        return None
    return dagar(arende.aktualiseringsdatum, insats.beslutsdatum)


def tid_till_verkstallighet(insats: Insats) -> int | None:
    """Days from the beslut (variabel 10) to verkställande (variabel 11), if both known."""
    if insats.beslutsdatum is None or insats.verkstallighetsdatum is None:
        return None
    return dagar(insats.beslutsdatum, insats.verkstallighetsdatum)


def insatstid(insats: Insats) -> int | None:
    """Days from verkställande (variabel 11) to avslut (variabel 18), if both known."""
    if insats.verkstallighetsdatum is None or insats.avslut is None or insats.avslut.datum is None:
        return None
    return dagar(insats.verkstallighetsdatum, insats.avslut.datum)


def total_tid(arende: Arende) -> int | None:
    """Days from aktualisering to the last avslut, once every insats has ended.

    None while an insats is open or a date is missing, or when there is no insats.
    """
    slut = [i.avslut.datum if i.avslut else None for i in arende.insatser]
    if arende.aktualiseringsdatum is None or not slut or None in slut:
        return None
    return dagar(arende.aktualiseringsdatum, max(d for d in slut if d is not None))


def uppnatt_processteg(arende: Arende) -> Processteg | None:
    """The furthest process step the ärende has reached, judged by what is recorded.

    Avsluta once every insats has an avslut date; Följa upp with a follow-up date;
    Genomföra with a date of verkställande; Besluta with a beslut date; Utreda with any
    of variables 6–9; Aktualisera with an aktualisering date; otherwise None.
    """
    insatser = arende.insatser
    utredd = (arende.ursprung, arende.hushallstyp, arende.tidigare_kontakt, arende.problematik)
    # From the last step back: the first that holds is the step reached.
    for steg, uppnatt in (
        (
            Processteg.AVSLUTA,
            bool(insatser) and all(i.avslut is not None and i.avslut.datum for i in insatser),
        ),
        (Processteg.FOLJA_UPP, any(u.datum for i in insatser for u in i.uppfoljningar)),
        (Processteg.GENOMFORA, any(i.verkstallighetsdatum for i in insatser)),
        (Processteg.BESLUTA, any(i.beslutsdatum for i in insatser)),
        (Processteg.UTREDA, any(v is not None for v in utredd)),
        (Processteg.AKTUALISERA, arende.aktualiseringsdatum is not None),
    ):
        if uppnatt:
            return steg
    return None
