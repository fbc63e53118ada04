"""The seven process steps and the rule that places variables 10 and 12.

Socialstyrelsen's process model for the social services (Nationell informationsstruktur,
NI) has six steps; SKL-2019 adds a seventh, *Avsluta*, for the variables recorded when an
insats ends. No variable of SKL-2019 belongs to step 4, *Utforma uppdrag*: the spec says
so itself ("ingen av de föreslagna variablerna ... är kopplade till steg 4").
"""

from __future__ import annotations

import enum

import attrs

from socialtjanst_variabler.vardemangder._base import Vardemangd

__all__ = ["REGEL_KALLA", "Insatskontext", "Processteg", "steg_for_beslut_och_insatstyp"]

#: SKL-2019's own words for the step of variables 10 and 12.
REGEL_KALLA = (
    "För biståndsbedömda insatser som följs upp av myndighetsutövningen bör dessa variabler "
    "ligga i processteg Besluta. För service-/icke biståndsbeslutade insatser, och då "
    "uppföljning görs av utförare, hör variablerna hemma i processteg Genomföra."
)


@enum.verify(enum.UNIQUE, enum.CONTINUOUS)
class Processteg(Vardemangd):
    """A step of the process from aktualisering to avslut (SKL-2019 and NI).

    Example:
        >>> Processteg.FOLJA_UPP.label
        'Följa upp'
        >>> Processteg.AVSLUTA.is_skl_tillagg
        True
        >>> Processteg.from_label("Utredda")  # the spec's misspelling is accepted
        <Processteg.UTREDA: 2>
    """

    AKTUALISERA = 1, "Aktualisera"
    UTREDA = 2, "Utreda"
    BESLUTA = 3, "Besluta"
    UTFORMA_UPPDRAG = 4, "Utforma uppdrag", "SKL-2019 knyter ingen variabel till detta steg."
    GENOMFORA = 5, "Genomföra"
    FOLJA_UPP = 6, "Följa upp"
    AVSLUTA = (
        7,
        "Avsluta",
        "SKL:s tillägg till Socialstyrelsens processmodell (NI), som har sex steg.",
    )

    @property
    def is_skl_tillagg(self) -> bool:
        """True for the step SKL added to NI's six (Avsluta)."""
        return self is Processteg.AVSLUTA


@attrs.frozen(kw_only=True)
class Insatskontext:
    """What decides the process step of variables 10 and 12 for one insats.

    Attributes:
        bistandsbedomd: the insats is granted after a needs assessment (biståndsbedömd).
        foljs_upp_av_myndighetsutovningen: it is followed up by myndighetsutövningen
            (not by the utförare).
    """

    bistandsbedomd: bool = attrs.field(validator=lambda _, a, v: _bool(a.name, v))
    foljs_upp_av_myndighetsutovningen: bool = attrs.field(
        validator=lambda _, a, v: _bool(a.name, v)
    )


def _bool(namn: str, value: object) -> None:
    # Not attrs' instance_of, whose message echoes the value (which may be anything).
    if type(value) is not bool:
        raise TypeError(
            f"Insatskontext: {namn} ska vara True eller False, inte {type(value).__name__}"
        )


def steg_for_beslut_och_insatstyp(kontext: Insatskontext) -> Processteg:
    """The step of variables 10 (Datum för beslut) and 12 (Insatstyp) in *kontext*.

    The rule is SKL-2019's, quoted in :data:`REGEL_KALLA`.

    Example:
        >>> steg_for_beslut_och_insatstyp(
        ...     Insatskontext(bistandsbedomd=True, foljs_upp_av_myndighetsutovningen=True)
        ... )
        <Processteg.BESLUTA: 3>
        >>> steg_for_beslut_och_insatstyp(
        ...     Insatskontext(bistandsbedomd=True, foljs_upp_av_myndighetsutovningen=False)
        ... )
        <Processteg.GENOMFORA: 5>
    """
    if not isinstance(kontext, Insatskontext):
        raise TypeError(
            "steg_for_beslut_och_insatstyp(): kontext ska vara en Insatskontext, "
            f"inte {type(kontext).__name__}"
        )
    if kontext.bistandsbedomd and kontext.foljs_upp_av_myndighetsutovningen:
        return Processteg.BESLUTA
    return Processteg.GENOMFORA
