"""Consistency checks of an ärende: :func:`granska` reports every finding at once.

Structural errors are refused when the model is built; here the data is well-formed and
the question is whether it hangs together and is complete. Each finding names a stable
rule id (:class:`Regel`), a severity (:class:`Allvarlighet`), the path of the field
(``insatser[0].avslut.datum``) and a Swedish explanation. Nothing is ever fixed.

The rules, their ids and their sources are listed on the docs page *Granskning*, generated
from :class:`Regel`. A vendor turns rules off, changes their severity and their thresholds
in one :class:`Granskningsinstallningar` (the command line reads it from a TOML file);
:data:`STANDARD` is the rules as documented.

Example:
    >>> from datetime import date
    >>> from socialtjanst_variabler.arende.modell import Arende, Avslut, Insats
    >>> a = Arende(
    ...     id="A-1",
    ...     aktualiseringsdatum=date(2026, 3, 1),
    ...     insatser=(Insats(beslutsdatum=date(2026, 2, 1), avslut=Avslut()),),
    ... )
    >>> for f in granska(a, vid=date(2026, 6, 1)):
    ...     print(f.regel, f.allvarlighet, f.falt)
    DATUMORDNING fel insatser[0].beslutsdatum
    SAKNAS saknas aktualiseringsorsak
    SAKNAS saknas juridiskt_kon
    SAKNAS saknas fodelsedatum
    SAKNAS saknas ursprung
    SAKNAS saknas hushallstyp
    SAKNAS saknas tidigare_kontakt
    SAKNAS saknas problematik
    SAKNAS saknas insatser[0].verkstallighetsdatum
    SAKNAS saknas insatser[0].insatstyp
    SAKNAS saknas insatser[0].avslut.datum
    SAKNAS saknas insatser[0].avslut.genomforande
    SAKNAS saknas insatser[0].avslut.avslutsorsak
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from functools import lru_cache
from operator import attrgetter
from typing import TYPE_CHECKING, Any

import attrs

from socialtjanst_variabler._datum import alder, plus_manader
from socialtjanst_variabler.arende._lokala import TOMMA
from socialtjanst_variabler.arende.modell import (
    Arende,
    Avslut,
    AvslutUtanInsats,
    Insats,
    Uppfoljning,
    slutdatum,
)
from socialtjanst_variabler.errors import DateBeforeBirth, InvalidValue
from socialtjanst_variabler.katalog import KATALOG
from socialtjanst_variabler.vardemangder import (
    INGEN_SAMVERKAN,
    Avslutsorsak,
    Beslutsutfall,
    Forandring,
    Genomforande,
    Insatstyp,
    OrsakUtanInsats,
    ParallellaInsatser,
    Problematik,
    Samverkan,
    Sip,
    Ursprung,
)

if TYPE_CHECKING:
    from socialtjanst_variabler.lokala.definition import Utokning

__all__ = [
    "STANDARD",
    "Allvarlighet",
    "Fynd",
    "Granskningsinstallningar",
    "Regel",
    "granska",
]


class Allvarlighet(enum.StrEnum):
    """How serious a finding is."""

    #: The data contradicts itself or the spec, so the record is wrong.
    FEL = "fel"
    #: Probably wrong, or impossible to judge from what is recorded.
    VARNING = "varning"
    #: A variable that a step already passed should have recorded is absent.
    SAKNAS = "saknas"


class Regel(enum.StrEnum):
    """The consistency rules; the value is the stable rule id."""

    DATUMORDNING = "DATUMORDNING"
    FRAMTIDA_DATUM = "FRAMTIDA_DATUM"
    FORE_FODELSE = "FORE_FODELSE"
    PABORJADES_ALDRIG = "PABORJADES_ALDRIG"
    EFTER_DODSFALL = "EFTER_DODSFALL"
    VARDNADSHAVARE_VUXEN = "VARDNADSHAVARE_VUXEN"
    B2_UTAN_FORBATTRING = "B2_UTAN_FORBATTRING"
    AVSLAG_VERKSTALLT = "AVSLAG_VERKSTALLT"
    AVSLUT_UTAN_INSATS_MED_INSATS = "AVSLUT_UTAN_INSATS_MED_INSATS"
    PABORJADES_ALDRIG_GENOMFORD = "PABORJADES_ALDRIG_GENOMFORD"
    PABORJADES_ALDRIG_UPPFOLJD = "PABORJADES_ALDRIG_UPPFOLJD"
    ENSAMKOMMANDE_VUXEN = "ENSAMKOMMANDE_VUXEN"
    ENSAMKOMMANDE_FODD_I_SVERIGE = "ENSAMKOMMANDE_FODD_I_SVERIGE"
    SKOLRELATERAD_VUXEN = "SKOLRELATERAD_VUXEN"
    LVU_HEM_VUXEN = "LVU_HEM_VUXEN"
    JOURHEM_VUXEN = "JOURHEM_VUXEN"
    LVM_HEM_UNG = "LVM_HEM_UNG"
    STODBOENDE_UNG = "STODBOENDE_UNG"
    FORSORJNINGSSTOD_UNG = "FORSORJNINGSSTOD_UNG"
    HOG_ALDER = "HOG_ALDER"
    EJ_VERKSTALLT = "EJ_VERKSTALLT"
    SEN_VERKSTALLIGHET = "SEN_VERKSTALLIGHET"
    SAMVERKAN_KOMBINERAD = "SAMVERKAN_KOMBINERAD"
    SIP_UTAN_SAMVERKAN = "SIP_UTAN_SAMVERKAN"
    PARALLELLA_INSATSER_NEJ = "PARALLELLA_INSATSER_NEJ"
    INAKTIVT_ARENDE = "INAKTIVT_ARENDE"
    SAKNAS = "SAKNAS"
    # Local variables (socialtjanst_variabler.lokala): found with the extensions given.
    LOKAL_OGILTIG = "LOKAL_OGILTIG"
    LOKAL_OKAND_UTOKNING = "LOKAL_OKAND_UTOKNING"
    LOKAL_RULLNING = "LOKAL_RULLNING"
    NATIONELL_ANVANDS_INTE = "NATIONELL_ANVANDS_INTE"
    LOKAL_SAKNAS = "LOKAL_SAKNAS"

    @property
    def allvarlighet(self) -> Allvarlighet:
        """The usual severity of this rule's findings (a vendor may change it, see
        :class:`Granskningsinstallningar`).

        Some rules judge the severity when found: B2 answered while neither B1a nor B1b
        is (varning), an adult's guardian when the avslut has no date (varning), an
        aktualisering before birth (varning), an avslut dated after a death (varning),
        Ensamkommande barn at 18–20 (varning).
        """
        return _ALLVARLIGHET.get(self, Allvarlighet.FEL)

    @property
    def beskrivning(self) -> str:
        """What the rule checks (Swedish), for the docs."""
        return _BESKRIVNING[self][0]

    @property
    def kalla(self) -> str:
        """Where the rule comes from (Swedish), for the docs."""
        return _BESKRIVNING[self][1]


#: The rules whose usual severity is not fel.
_ALLVARLIGHET: dict[Regel, Allvarlighet] = {
    Regel.SAKNAS: Allvarlighet.SAKNAS,
    Regel.LOKAL_SAKNAS: Allvarlighet.SAKNAS,
    **dict.fromkeys(
        (
            Regel.ENSAMKOMMANDE_FODD_I_SVERIGE,
            Regel.SKOLRELATERAD_VUXEN,
            Regel.LVM_HEM_UNG,
            Regel.STODBOENDE_UNG,
            Regel.FORSORJNINGSSTOD_UNG,
            Regel.HOG_ALDER,
            Regel.EJ_VERKSTALLT,
            Regel.SEN_VERKSTALLIGHET,
            Regel.PARALLELLA_INSATSER_NEJ,
            Regel.INAKTIVT_ARENDE,
            Regel.LOKAL_OKAND_UTOKNING,
            Regel.NATIONELL_ANVANDS_INTE,
        ),
        Allvarlighet.VARNING,
    ),
}

_SKL = "SKL-2019"
_ALDER_INSATS = (
    "Åldern räknas vid verkställandet (variabel 11), annars vid beslutet (variabel 10); "
    "avslag prövas inte. Med bara födelseår avgör regeln bara när hela åldersintervallet "
    "ligger på ena sidan gränsen."
)
_ALDER_ARENDE = (
    "Åldern räknas vid aktualiseringen (variabel 1), också för problematiken (variabel 9, "
    "som registreras senare): den lägsta möjliga åldern, så att ett fynd är säkert. Med "
    "bara födelseår avgör regeln bara när hela åldersintervallet ligger på ena sidan "
    "gränsen."
)
_BESKRIVNING: dict[Regel, tuple[str, str]] = {
    Regel.DATUMORDNING: (
        "Datumen följer processen: aktualisering ≤ beslut ≤ verkställande ≤ uppföljning ≤ avslut.",
        f"{_SKL}: datumen ska kunna kopplas till processen för att bestämma handläggnings- "
        "och insatstider.",
    ),
    Regel.FRAMTIDA_DATUM: (
        "Inget datum ligger efter granskningsdagen.",
        "Ett registrerat datum beskriver något som har hänt.",
    ),
    Regel.FORE_FODELSE: (
        "Ingen händelse ligger före brukarens födelsedatum (fel). En aktualisering före "
        "födelsen är en varning: en oro för ett ofött barn kan registreras i barnets ärende.",
        "Födelsedatum ur personnumret (variabel 3) eller angivet.",
    ),
    Regel.PABORJADES_ALDRIG: (
        "Avslutsorsak 8 ”Insatsen påbörjades aldrig” men ett datum för verkställande finns.",
        f"{_SKL}, variabel 11 och 20.",
    ),
    Regel.EFTER_DODSFALL: (
        "Avslutsorsak 7 ”Brukaren har avlidit”, men ärendet har beslut, verkställande eller "
        "uppföljningar efter det första sådana avslutsdatumet (fel). Ett annat avslut "
        "daterat senare är en varning, eftersom ett avslutsdatum är ett "
        "registreringsdatum; ett senare avslut med samma orsak (också avslut utan insats "
        "med orsak ”Brukaren har avlidit”) är väntat och prövas inte.",
        f"{_SKL}, variabel 18 och 20.",
    ),
    Regel.VARDNADSHAVARE_VUXEN: (
        "Avslutsorsak 5 ”… på initiativ av vårdnadshavare” för en brukare som fyllt 18 år "
        "vid avslutet; vårdnadshavare finns bara för barn.",
        f"{_SKL}, variabel 20; föräldrabalken 6 kap.",
    ),
    Regel.B2_UTAN_FORBATTRING: (
        "B2 är besvarad fast varken B1a eller B1b visar en förbättring (fel), eller fast "
        "ingen av dem är besvarad (varning).",
        f"{_SKL}, bilaga 2: B2 ställs om situationen/livskvaliteten har förbättrats.",
    ),
    Regel.AVSLAG_VERKSTALLT: (
        "Beslutet om insatsen är avslag, men insatsen har ett datum för verkställande, en "
        "uppföljning eller ett avslut: det som avslagits verkställs aldrig.",
        f"{_SKL}, variabel 10 ”Datum för beslut om insats (eller ej)”; bibliotekets "
        "tillägg Beslutets utfall.",
    ),
    Regel.AVSLUT_UTAN_INSATS_MED_INSATS: (
        "Ärendet är avslutat utan beslut om insats, men har en insats som inte avslagits.",
        "Bibliotekets tillägg Avslut utan insats: ett ärende med en beviljad insats "
        "avslutas genom insatsens avslut (variabel 18).",
    ),
    Regel.PABORJADES_ALDRIG_GENOMFORD: (
        "Avslutsorsak 8 ”Insatsen påbörjades aldrig” men genomförandet är 1 ”… har "
        "genomförts som planerat” eller 2 ”… har delvis genomförts som planerat”: det som "
        "aldrig påbörjades har inte genomförts.",
        f"{_SKL}, variabel 19 och 20.",
    ),
    Regel.PABORJADES_ALDRIG_UPPFOLJD: (
        "Avslutsorsak 8 ”Insatsen påbörjades aldrig” men insatsen har uppföljningar: det "
        "som aldrig påbörjades kan inte följas upp.",
        f"{_SKL}, variabel 13 och 20.",
    ),
    Regel.ENSAMKOMMANDE_VUXEN: (
        "Aktualiseringsorsak eller problematik 13 ”Ensamkommande barn” för en brukare som "
        "fyllt 21 år (fel) eller 18–20 år (varning: unga vuxna kan ha stöd som fortsätter "
        f"efter 18). {_ALDER_ARENDE}",
        f"{_SKL}, variabel 2 och 9, kod 13. Ensamkommande barn är barn under 18 år som "
        "kommit till Sverige utan vårdnadshavare; vård för unga upphör senast vid 21 år "
        "(LVU 21 §).",
    ),
    Regel.ENSAMKOMMANDE_FODD_I_SVERIGE: (
        "Aktualiseringsorsak eller problematik 13 ”Ensamkommande barn” med ursprung 1 eller "
        "2 ”Född i Sverige …” (varning: den som är född i Sverige kan ha rest ut och kommit "
        "tillbaka ensam, men det är sällsynt).",
        f"{_SKL}, variabel 2, 6 och 9: ett ensamkommande barn har kommit till Sverige.",
    ),
    Regel.SKOLRELATERAD_VUXEN: (
        "Aktualiseringsorsak eller problematik 12 ”Skolrelaterad problematik” för en brukare "
        "som fyllt 21 år (varning: vuxenutbildning finns, men koden avser i regel barn och "
        f"unga). {_ALDER_ARENDE}",
        f"{_SKL}, variabel 2 och 9, kod 12; skollagen (grundskola och gymnasieskola).",
    ),
    Regel.LVU_HEM_VUXEN: (
        f"Insatstyp 1 ”§ 12 LVU-hem” för en brukare som fyllt 21 år. {_ALDER_INSATS}",
        f"{_SKL}, variabel 12, kod 1. Särskilda ungdomshem (LVU 12 §) tar emot unga; vård "
        "enligt LVU upphör senast när den unge fyller 21 år (LVU 21 §).",
    ),
    Regel.JOURHEM_VUXEN: (
        f"Insatstyp 16 ”Jourhem och beredskapshem” för en brukare som fyllt 21 år. "
        f"{_ALDER_INSATS} Familjehem (kod 10) prövas inte: familjehem för vuxna finns.",
        f"{_SKL}, variabel 12, kod 16. Ett jourhem tar emot barn för tillfällig vård och "
        "fostran (socialtjänstlagen); vård för unga upphör senast vid 21 år (LVU 21 §).",
    ),
    Regel.LVM_HEM_UNG: (
        f"Insatstyp 23 ”LVM-hem” för en brukare under 18 år (varning). {_ALDER_INSATS}",
        f"{_SKL}, variabel 12, kod 23. Tvångsvård av unga med missbruk ges i regel enligt "
        "LVU (3 §) i ett särskilt ungdomshem; LVM-hem är för vuxna.",
    ),
    Regel.STODBOENDE_UNG: (
        f"Insatstyp 31 ”Stödboende” för en brukare under 16 år (varning). {_ALDER_INSATS} "
        "Stödboende för vuxna prövas inte.",
        f"{_SKL}, variabel 12, kod 31. Stödboende som placeringsform för barn och unga "
        "är till för 16–20 år (socialtjänstlagen; HSLF-FS 2016:55).",
    ),
    Regel.FORSORJNINGSSTOD_UNG: (
        f"Insatstyp 11 ”Försörjningsstöd” för en brukare under 18 år (varning). {_ALDER_INSATS}",
        f"{_SKL}, variabel 12, kod 11. Ett barn ingår i vårdnadshavarnas hushåll och "
        "försörjs av dem (föräldrabalken 7 kap.); den som är under 18 och bor för sig kan "
        "ändå få stöd, därför en varning.",
    ),
    Regel.HOG_ALDER: (
        "Brukaren är över 110 år vid ärendets slut, eller vid granskningsdagen när ärendet "
        "är öppet (varning: födelsedatum eller födelseår är troligen fel).",
        "Rimlighet: mycket få människor blir över 110 år.",
    ),
    Regel.EJ_VERKSTALLT: (
        "Ett beslut om insats (inte avslag) är inte verkställt, inte uppföljt och inte "
        "avslutat mer än 3 månader efter beslutsdatumet, räknat till granskningsdagen "
        "(varning).",
        "IVO: kommunen ska rapportera gynnande beslut som inte verkställts inom tre månader "
        f"från beslutet (socialtjänstlagen; ”ej verkställda beslut”). {_SKL}, variabel 10 "
        "och 11.",
    ),
    Regel.SEN_VERKSTALLIGHET: (
        "Verkställandet ligger mer än 3 månader efter beslutet (varning).",
        "IVO: beslut som inte verkställts inom tre månader ska rapporteras, också när de "
        f"senare verkställs (”ej verkställda beslut”). {_SKL}, variabel 10 och 11.",
    ),
    Regel.SAMVERKAN_KOMBINERAD: (
        "Samverkan (variabel 14) har kod 11 eller 12 (”Ingen samverkan …”) tillsammans med "
        "en annan kod. Modellen avvisar det vid registrering; ett uttag läses ändå, så att "
        "ärendets övriga fynd syns, och felet rapporteras här.",
        f"{_SKL}, variabel 14: koderna 11 och 12 utesluter varandra och koderna 1–10.",
    ),
    Regel.SIP_UTAN_SAMVERKAN: (
        "SIP 1 ”Ja, SIP finns” eller 2 ”Nej, men det finns behov av SIP” i samma uppföljning "
        "som samverkan bara 12 ”Ingen samverkan … och behov av samverkan har inte funnits”.",
        f"{_SKL}, variabel 14 och 15. En SIP är en plan för samordning mellan "
        "socialtjänst och hälso- och sjukvård, så behov av SIP är behov av samverkan.",
    ),
    Regel.PARALLELLA_INSATSER_NEJ: (
        "Parallella insatser 2 ”Nej” vid en uppföljning då en annan insats i samma ärende "
        "pågick (verkställd på eller före uppföljningsdatumet och inte avslutad före det) "
        "(varning).",
        f"{_SKL}, variabel 16 ”Parallella insatser inom socialtjänsten”.",
    ),
    Regel.INAKTIVT_ARENDE: (
        "Ärendet är öppet (inget avslut utan insats, och minst en insats som varken "
        "avslagits eller avslutats, eller ingen insats alls) men dess senaste händelse "
        "ligger mer än 12 månader före granskningsdagen (varning: ärendet har troligen "
        "inte avslutats i systemet, eller uppföljningar registreras inte).",
        f"{_SKL}: ”nya, pågående respektive avslutade ärenden” ska kunna räknas. Ett år "
        "utan beslut, verkställande, uppföljning eller avslut är längre än lagens tider för "
        "att utreda barn (fyra månader) och överväga vård utanför hemmet (var sjätte "
        "månad).",
    ),
    Regel.SAKNAS: (
        "En variabel saknas i ett steg som processen redan har passerat: variabel 1–2 i "
        "varje ärende; 4–9 när ärendet har en insats (4–5 inte för en anonym brukare, 5 "
        "inte när födelseåret är känt men inte hela datumet); 10 och 12 i varje insats; "
        "11 när insatsen följts upp eller avslutats av annan orsak än att den aldrig "
        "påbörjades, och aldrig efter avslag; 13–17 i varje uppföljning; 18–20 i varje "
        "avslut; datum och orsak i ett avslut utan insats.",
        f"{_SKL}, processtegen och variablernas placering i dem.",
    ),
    Regel.LOKAL_OGILTIG: (
        "Ett lokalt värde följer sin definition: en variabel som finns i utökningen, på "
        "rätt nivå, med rätt dataformat och en kod ur sin värdemängd (med utökningen "
        "given; läsaren vägrar redan ett sådant värde när den får utökningen).",
        "Kommunens definitionsfil för lokala variabler (se sidan Lokala variabler).",
    ),
    Regel.LOKAL_OKAND_UTOKNING: (
        "Lokala värden för en utökning som inte är given (varning: värdena sparas som de "
        "är men prövas inte; ge definitionsfilen med --lokala).",
        f"{_SKL}: verksamheterna kompletterar variablerna med egna uppgifter; de får "
        "aldrig försvinna i ett uttag.",
    ),
    Regel.LOKAL_RULLNING: (
        "En finare lokal kod räknas under sin nationella kod: den nationella variabeln på "
        "samma nivå (t.ex. variabel 12 för en lokal indelning av Insatstyp) har koden när "
        "den är registrerad.",
        "Definitionsfilens overordnad_kod; den nationella statistiken räknar bara de "
        "nationella variablerna.",
    ),
    Regel.NATIONELL_ANVANDS_INTE: (
        "En nationell variabel som utökningen säger att kommunen inte använder "
        "(anvands_inte) är registrerad (varning). Dess SAKNAS-fynd lämnas bort.",
        f"{_SKL}: kommunen väljer vilka av de generella variablerna den använder.",
    ),
    Regel.LOKAL_SAKNAS: (
        "En lokal variabel saknas i ett steg som processen redan har passerat, bedömt som "
        "för de nationella variablerna på samma nivå (SAKNAS).",
        "Kommunens definitionsfil: variabelns processteg och nivå.",
    ),
}


@attrs.frozen(kw_only=True)
class Fynd:
    """One finding of :func:`granska`.

    Attributes:
        regel: the rule broken.
        allvarlighet: fel, varning or saknas.
        falt: the path of the field, e.g. ``insatser[0].avslut.datum``.
        text: a Swedish explanation (never containing a personnummer).
    """

    regel: Regel
    allvarlighet: Allvarlighet
    falt: str
    text: str


# --- settings -----------------------------------------------------------------------------

#: The value that turns a rule off in a settings file's ``[regler]`` table.
AV = "av"


def _regler(value: Iterable[Regel | str]) -> frozenset[Regel]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidValue("av", "ska vara en mängd regel-id")
    return frozenset(_regel(r, "av") for r in value)


def _regel(value: object, falt: str) -> Regel:
    try:
        return Regel(value)  # type: ignore[arg-type]  # anything: a ValueError tells
    except ValueError:
        raise InvalidValue(falt, f"okänd regel {value!r}") from None


def _allvarligheter(
    value: Mapping[Regel, Allvarlighet] | Mapping[str, str] | Iterable[tuple[Regel, Allvarlighet]],
) -> tuple[tuple[Regel, Allvarlighet], ...]:
    try:
        value = dict(value)
    except (TypeError, ValueError):
        raise InvalidValue(
            "allvarlighet", "ska vara en mappning från regel-id till allvarlighet"
        ) from None
    par: dict[Regel, Allvarlighet] = {}
    for regel, grad in value.items():
        r = _regel(regel, "allvarlighet")
        try:
            par[r] = Allvarlighet(grad)
        except ValueError:
            raise InvalidValue(
                f"allvarlighet.{r.value}",
                f"okänd allvarlighet {grad!r} (välj fel, varning eller saknas)",
            ) from None
    return tuple(sorted(par.items()))


def _grans(minst: int, hogst: int) -> Any:
    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not int or not minst <= value <= hogst:
            raise InvalidValue(attribute.name, f"ska vara ett heltal {minst}–{hogst}")

    return check


def _ar(default: int) -> Any:
    return attrs.field(default=default, validator=_grans(0, 150))


def _manader(default: int) -> Any:
    return attrs.field(default=default, validator=_grans(1, 1200))


@attrs.frozen(kw_only=True)
class Granskningsinstallningar:
    """What :func:`granska` checks: rules turned off, severities changed, thresholds.

    The defaults are the rules as documented (:data:`STANDARD`). Override any of them in
    one object, e.g. ``Granskningsinstallningar(av={Regel.INAKTIVT_ARENDE})`` or
    ``attrs.evolve(STANDARD, verkstallighet_manader=4)``, and pass it to :func:`granska`;
    the command line reads the same from a TOML file (:meth:`fran_toml`).

    Attributes:
        av: rules whose findings are left out.
        allvarlighet: rules whose findings all get this severity instead (pairs, sorted;
            give a mapping). A rule that is off stays off (and is dropped here).
        verkstallighet_manader: months from the beslut after which an insats not yet
            verkställd is EJ_VERKSTALLT, and a later verkställande SEN_VERKSTALLIGHET
            (IVO: three months). Default 3.
        inaktiv_manader: months before the granskningsdag before which the latest event
            of an open ärende makes it INAKTIVT_ARENDE. Default 12.
        hogsta_alder: HOG_ALDER above this age. Default 110.
        ensamkommande_fel_alder: ENSAMKOMMANDE_VUXEN is fel from this age. Default 21.
        ensamkommande_varning_alder: and varning from this age. Default 18.
        skolrelaterad_alder: SKOLRELATERAD_VUXEN from this age. Default 21.
        lvu_hem_alder: LVU_HEM_VUXEN from this age. Default 21.
        jourhem_alder: JOURHEM_VUXEN from this age. Default 21.
        lvm_hem_alder: LVM_HEM_UNG under this age. Default 18.
        stodboende_alder: STODBOENDE_UNG under this age. Default 16.
        forsorjningsstod_alder: FORSORJNINGSSTOD_UNG under this age. Default 18.

    Raises:
        InvalidValue: an unknown rule or severity, a threshold that is not an int in its
            range (ages 0–150, months 1–1200), or a varning age for Ensamkommande barn
            above its fel age.

    Example:
        >>> g = Granskningsinstallningar(av={"INAKTIVT_ARENDE"}, verkstallighet_manader=4)
        >>> g.avvikelser()
        {'regler': {'INAKTIVT_ARENDE': 'av'}, 'verkstallighet_manader': 4}
    """

    av: frozenset[Regel] = attrs.field(default=frozenset(), converter=_regler)
    allvarlighet: tuple[tuple[Regel, Allvarlighet], ...] = attrs.field(
        default=(), converter=_allvarligheter
    )
    verkstallighet_manader: int = _manader(3)
    inaktiv_manader: int = _manader(12)
    hogsta_alder: int = _ar(110)
    ensamkommande_fel_alder: int = _ar(21)
    ensamkommande_varning_alder: int = _ar(18)
    skolrelaterad_alder: int = _ar(21)
    lvu_hem_alder: int = _ar(21)
    jourhem_alder: int = _ar(21)
    lvm_hem_alder: int = _ar(18)
    stodboende_alder: int = _ar(16)
    forsorjningsstod_alder: int = _ar(18)

    def __attrs_post_init__(self) -> None:
        if any(r in self.av for r, _ in self.allvarlighet):
            # Off wins: a severity of a rule that is off would say nothing.
            kvar = tuple(p for p in self.allvarlighet if p[0] not in self.av)
            object.__setattr__(self, "allvarlighet", kvar)
        if self.ensamkommande_varning_alder > self.ensamkommande_fel_alder:
            raise InvalidValue(
                "ensamkommande_varning_alder", "får inte vara högre än ensamkommande_fel_alder"
            )

    def avvikelser(self) -> dict[str, Any]:
        """What differs from :data:`STANDARD`, in the form of a settings file: the
        ``regler`` table (rule id: ``"av"`` or a severity) and the thresholds."""
        regler = {r.value: a.value for r, a in self.allvarlighet}
        regler |= {r.value: AV for r in sorted(self.av)}
        ut: dict[str, Any] = {"regler": dict(sorted(regler.items()))} if regler else {}
        for namn in _TROSKLAR:
            if getattr(self, namn) != getattr(STANDARD, namn):
                ut[namn] = getattr(self, namn)
        return ut

    def som_toml(self) -> str:
        """A settings file (TOML) that :meth:`fran_toml` reads back to these settings:
        every threshold, and the rules that differ."""
        rader = ["# Granskningsinställningar för socialtjanst-variabler granska --regler"]
        rader += [f"{namn} = {getattr(self, namn)}" for namn in _TROSKLAR]
        regler = self.avvikelser().get("regler", {})
        if regler:
            rader += ["", "[regler]"] + [f'{r} = "{v}"' for r, v in regler.items()]
        return "\n".join(rader) + "\n"

    @classmethod
    def fran_toml(cls, text: str) -> Granskningsinstallningar:
        """Settings from a TOML text: top-level thresholds (the attribute names) and a
        ``[regler]`` table of rule id = ``"av"``, ``"fel"``, ``"varning"`` or ``"saknas"``.
        What the file does not name keeps its default.

        Raises:
            InvalidValue: naming the key: not TOML, an unknown key, rule or severity, or a
                threshold of the wrong type or out of range.

        Example:
            >>> Granskningsinstallningar.fran_toml(
            ...     'hogsta_alder = 105\\n[regler]\\nHOG_ALDER = "fel"\\n'
            ... ).avvikelser()
            {'regler': {'HOG_ALDER': 'fel'}, 'hogsta_alder': 105}
        """
        import tomllib

        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            problem = str(exc)
        else:
            return cls._fran_dict(data)
        raise InvalidValue("regelfil", f"inte giltig TOML: {problem}")

    @classmethod
    def _fran_dict(cls, data: dict[str, Any]) -> Granskningsinstallningar:
        trosklar: dict[str, int] = {}
        for nyckel, varde in data.items():
            if nyckel == "regler":
                continue
            if nyckel not in _TROSKLAR:
                kanda = ", ".join(("regler", *_TROSKLAR))
                raise InvalidValue(nyckel, f"okänd nyckel (kända: {kanda})")
            if type(varde) is not int:
                raise InvalidValue(nyckel, "ska vara ett heltal")
            trosklar[nyckel] = varde
        regler = data.get("regler", {})
        if not isinstance(regler, dict):
            raise InvalidValue("regler", "ska vara en tabell [regler]")
        av: set[Regel] = set()
        grader: dict[Regel, Allvarlighet] = {}
        for nyckel, varde in regler.items():
            regel = _regel(nyckel, f"regler.{nyckel}")
            if varde == AV:
                av.add(regel)
            elif isinstance(varde, str) and varde in set(Allvarlighet):
                grader[regel] = Allvarlighet(varde)
            else:
                raise InvalidValue(
                    f"regler.{nyckel}", 'ska vara "av", "fel", "varning" eller "saknas"'
                )
        return cls(av=av, allvarlighet=grader, **trosklar)


#: The thresholds of :class:`Granskningsinstallningar`, in order.
_TROSKLAR: tuple[str, ...] = tuple(
    f.name for f in attrs.fields(Granskningsinstallningar) if f.name not in ("av", "allvarlighet")
)

#: The rules as documented.
STANDARD = Granskningsinstallningar()


@lru_cache(maxsize=16)
def _omskrivning(installningar: Granskningsinstallningar) -> dict[Regel, Allvarlighet | None]:
    """Each changed rule and its new severity (None: off)."""
    ut: dict[Regel, Allvarlighet | None] = dict(installningar.allvarlighet)
    ut |= dict.fromkeys(installningar.av)
    return ut


def _tillampa(fynd: tuple[Fynd, ...], installningar: Granskningsinstallningar) -> tuple[Fynd, ...]:
    andrade = _omskrivning(installningar)
    ut: list[Fynd] = []
    for f in fynd:
        if f.regel not in andrade:
            ut.append(f)
        elif (grad := andrade[f.regel]) is not None:
            ut.append(attrs.evolve(f, allvarlighet=grad))
    return tuple(ut)


# --- the rules ----------------------------------------------------------------------------


def _fynd(regel: Regel, falt: str, text: str, allvarlighet: Allvarlighet | None = None) -> Fynd:
    return Fynd(regel=regel, allvarlighet=allvarlighet or regel.allvarlighet, falt=falt, text=text)


# Each rule first asks its question of the data in the cheapest way (``max`` of the
# dates, ``all`` of the fields, comparisons of dates kept in locals) and builds field
# paths and findings only when the answer is yes: most ärenden have no findings.


_AVSLUT_UTAN_INSATS = "avslut_utan_insats.datum"


def _plats(i: int, var: str | int | None) -> str:
    """The path of a date in insats *i*: None is the aktualisering, an int the date of
    that uppföljning, a str a field of the insats; the ärende's avslut utan insats is
    its own path, whatever *i*."""
    if var is None:
        return "aktualiseringsdatum"
    if isinstance(var, int):
        return f"insatser[{i}].uppfoljningar[{var}].datum"
    if var == _AVSLUT_UTAN_INSATS:
        return var
    return f"insatser[{i}].{var}"


def _handelser(arende: Arende) -> list[tuple[date, int, str | int | None]]:
    """Every recorded event date of the ärende, with where it is (see _plats)."""
    out: list[tuple[date, int, str | int | None]] = []
    if arende.aktualiseringsdatum:
        out.append((arende.aktualiseringsdatum, 0, None))
    for i, insats in enumerate(arende.insatser):
        for namn in ("beslutsdatum", "verkstallighetsdatum"):
            if d := getattr(insats, namn):
                out.append((d, i, namn))
        for j, u in enumerate(insats.uppfoljningar):
            if u.datum:
                out.append((u.datum, i, j))
        if insats.avslut and insats.avslut.datum:
            out.append((insats.avslut.datum, i, "avslut.datum"))
    if arende.avslut_utan_insats and arende.avslut_utan_insats.datum:
        out.append((arende.avslut_utan_insats.datum, 0, _AVSLUT_UTAN_INSATS))
    return out


def _fore(i: int, var: str | int, senast: str | int | None) -> Fynd:
    return _fynd(Regel.DATUMORDNING, _plats(i, var), f"ligger före {_plats(i, senast)}")


def _datumordning(akt: date | None, i: int, insats: Insats, ut: list[Fynd]) -> None:
    """DATUMORDNING within insats *i*: aktualisering ≤ beslut ≤ verkställande ≤
    uppföljning ≤ avslut."""
    # The latest date so far, and where it is (see _plats).
    senast, var = akt, None
    for namn in ("beslutsdatum", "verkstallighetsdatum"):
        d = getattr(insats, namn)
        if d is None:
            continue
        if senast is not None and d < senast:
            ut.append(_fore(i, namn, var))
        if senast is None or d > senast:
            senast, var = d, namn
    # Uppföljningar may come in any order among themselves; the avslut comes after all.
    hogst = senast
    hogst_var: str | int | None = var
    for j, u in enumerate(insats.uppfoljningar):
        d = u.datum
        if d is None:
            continue
        if senast is not None and d < senast:
            ut.append(_fore(i, j, var))
        if hogst is None or d > hogst:
            hogst, hogst_var = d, j
    slut = insats.avslut.datum if insats.avslut else None
    if slut and hogst and slut < hogst:
        ut.append(_fore(i, "avslut.datum", hogst_var))


def _tidslinje(
    arende: Arende, vid: date, kanda: list[date], hogst: date | None, ut: list[Fynd]
) -> None:
    """FRAMTIDA_DATUM and FORE_FODELSE, for the ärende's event dates *kanda* (*hogst* the
    latest, None without any)."""
    fodd = arende.fodelsedatum
    if fodd is None and arende.fodelsear is not None:
        # Only the year is known: an event before it is certainly before birth.
        fodd = date(arende.fodelsear, 1, 1)
    if fodd and fodd > vid:
        falt = "fodelsedatum" if arende.fodelsedatum else "fodelsear"
        ut.append(_fynd(Regel.FRAMTIDA_DATUM, falt, f"ligger efter granskningsdagen {vid}"))
    if hogst is None or (hogst <= vid and (fodd is None or min(kanda) >= fodd)):
        return
    for d, i, var in _handelser(arende):
        if d > vid:
            ut.append(
                _fynd(Regel.FRAMTIDA_DATUM, _plats(i, var), f"ligger efter granskningsdagen {vid}")
            )
        if fodd and d < fodd:
            ut.append(
                # A concern about an unborn child is registered on the child's ärende.
                _fynd(
                    Regel.FORE_FODELSE,
                    _plats(i, var),
                    "aktualiseringen ligger före brukarens födelsedatum (rimligt bara för en "
                    "oro för ett ofött barn)",
                    Allvarlighet.VARNING,
                )
                if var is None
                else _fynd(Regel.FORE_FODELSE, _plats(i, var), "ligger före brukarens födelsedatum")
            )


_DOD = Avslutsorsak.BRUKAREN_HAR_AVLIDIT
_PLANERAT = frozenset({Genomforande.SOM_PLANERAT, Genomforande.DELVIS_SOM_PLANERAT})


def _avslut(arende: Arende, vid: date, i: int, insats: Insats, ut: list[Fynd]) -> None:
    """The rules on avslutsorsak (variable 20), for an insats whose avslut has one
    (EFTER_DODSFALL is judged once per ärende, see _efter_dodsfall)."""
    a = insats.avslut
    assert a is not None  # called only for an insats with an avslut
    orsak = a.avslutsorsak
    if orsak is Avslutsorsak.PABORJADES_ALDRIG:
        if insats.verkstallighetsdatum:
            ut.append(
                _fynd(
                    Regel.PABORJADES_ALDRIG,
                    f"insatser[{i}].verkstallighetsdatum",
                    "insatsen påbörjades aldrig enligt avslutsorsaken men har ett datum för "
                    "verkställande",
                )
            )
        if a.genomforande in _PLANERAT:
            assert a.genomforande is not None
            ut.append(
                _fynd(
                    Regel.PABORJADES_ALDRIG_GENOMFORD,
                    f"insatser[{i}].avslut.genomforande",
                    f"insatsen påbörjades aldrig enligt avslutsorsaken men genomförandet är "
                    f"”{a.genomforande.label}”",
                )
            )
        if insats.uppfoljningar:
            ut.append(
                _fynd(
                    Regel.PABORJADES_ALDRIG_UPPFOLJD,
                    f"insatser[{i}].uppfoljningar",
                    "insatsen påbörjades aldrig enligt avslutsorsaken men har uppföljningar",
                )
            )
    elif orsak is Avslutsorsak.AVBRYTS_AV_VARDNADSHAVARE:
        fodd = arende.fodelsedatum
        if fodd is not None and alder(fodd, a.datum or vid) >= 18:
            # Without an avslut date only the age today is known: the client may have
            # been a child when the insats ended.
            ut.append(
                _fynd(
                    Regel.VARDNADSHAVARE_VUXEN,
                    f"insatser[{i}].avslut.avslutsorsak",
                    "avbruten på initiativ av vårdnadshavare, men brukaren hade fyllt 18 år"
                    if a.datum
                    else "avbruten på initiativ av vårdnadshavare, men brukaren har fyllt "
                    "18 år och avslutsdatum saknas",
                    None if a.datum else Allvarlighet.VARNING,
                )
            )


def _efter_dodsfall(arende: Arende, dod: date, i: int, ut: list[Fynd]) -> None:
    """EFTER_DODSFALL: events after *dod*, the earliest avslut date of insats *i* with
    avslutsorsak "Brukaren har avlidit". An avslut date is a registration date: other
    avslut with the same orsak are expected after it, other avslut are a warning."""
    insatser = arende.insatser
    for d, annan, var in _handelser(arende):  # annan: the insats of that event
        if d <= dod:
            continue
        grad = None
        if var == "avslut.datum":
            avslut = insatser[annan].avslut
            assert avslut is not None
            if avslut.avslutsorsak is _DOD:
                continue
            grad = Allvarlighet.VARNING
        elif var == _AVSLUT_UTAN_INSATS:
            utan = arende.avslut_utan_insats
            assert utan is not None
            if utan.orsak is OrsakUtanInsats.BRUKAREN_HAR_AVLIDIT:
                continue
            grad = Allvarlighet.VARNING
        ut.append(
            _fynd(
                Regel.EFTER_DODSFALL,
                _plats(annan, var),
                f"ligger efter insatser[{i}].avslut.datum, då brukaren enligt avslutsorsaken "
                "har avlidit"
                + (" (ett avslutsdatum kan vara ett registreringsdatum)" if grad else ""),
                grad,
            )
        )


def _intervall(arende: Arende, vid: date) -> tuple[int, int] | None:
    """The client's lowest and highest possible age on *vid*, or None (no birth date or
    year, or *vid* before birth: FORE_FODELSE tells)."""
    try:
        return arende.alder_intervall(vid=vid)
    except DateBeforeBirth:
        return None


_ENSAM = Problematik.ENSAMKOMMANDE_BARN
_SKOLA = Problematik.SKOLRELATERAD_PROBLEMATIK
_ALDERSPROBLEM = frozenset({_ENSAM, _SKOLA})
_FODD_I_SVERIGE = frozenset(
    {
        Ursprung.FODD_I_SVERIGE_MINST_EN_FORALDER_FODD_I_SVERIGE,
        Ursprung.FODD_I_SVERIGE_BADA_FORALDRARNA_FODDA_UTOMLANDS,
    }
)


def _arendealder(arende: Arende, inst: Granskningsinstallningar, ut: list[Fynd]) -> None:
    """The rules on codes 12 and 13 of variables 2 and 9, at the aktualisering."""
    akt = arende.aktualiseringsdatum
    intervall = _intervall(arende, akt) if akt else None
    ensam = []
    for falt in ("aktualiseringsorsak", "problematik"):
        koder: frozenset[Problematik] | None = getattr(arende, falt)
        if not koder:
            continue
        if _ENSAM in koder:
            ensam.append(falt)
            if intervall is not None and intervall[0] >= inst.ensamkommande_varning_alder:
                fel = intervall[0] >= inst.ensamkommande_fel_alder
                grans = inst.ensamkommande_fel_alder if fel else inst.ensamkommande_varning_alder
                ut.append(
                    _fynd(
                        Regel.ENSAMKOMMANDE_VUXEN,
                        falt,
                        f"kod 13 {_ENSAM.label}, men brukaren hade fyllt {grans} år vid "
                        "aktualiseringen",
                        None if fel else Allvarlighet.VARNING,
                    )
                )
        if _SKOLA in koder and intervall is not None and intervall[0] >= inst.skolrelaterad_alder:
            ut.append(
                _fynd(
                    Regel.SKOLRELATERAD_VUXEN,
                    falt,
                    f"kod 12 {_SKOLA.label}, men brukaren hade fyllt "
                    f"{inst.skolrelaterad_alder} år vid aktualiseringen",
                )
            )
    if ensam and arende.ursprung in _FODD_I_SVERIGE:
        assert arende.ursprung is not None
        ut.append(
            _fynd(
                Regel.ENSAMKOMMANDE_FODD_I_SVERIGE,
                "ursprung",
                f"”{arende.ursprung.label}”, men {' och '.join(ensam)} har kod 13 {_ENSAM.label}",
            )
        )


# Insatstyp codes whose age is checked: (code, rule, threshold's name, over): *over* finds
# an age at or above the threshold, otherwise an age below it.
_INSATSALDER: tuple[tuple[Insatstyp, Regel, str, bool], ...] = (
    (Insatstyp.LVU_HEM_12, Regel.LVU_HEM_VUXEN, "lvu_hem_alder", True),
    (Insatstyp.JOURHEM_OCH_BEREDSKAPSHEM, Regel.JOURHEM_VUXEN, "jourhem_alder", True),
    (Insatstyp.LVM_HEM, Regel.LVM_HEM_UNG, "lvm_hem_alder", False),
    (Insatstyp.STODBOENDE, Regel.STODBOENDE_UNG, "stodboende_alder", False),
    (Insatstyp.FORSORJNINGSSTOD, Regel.FORSORJNINGSSTOD_UNG, "forsorjningsstod_alder", False),
)
_INSATSALDERSKODER = frozenset(kod for kod, *_ in _INSATSALDER)


def _insatsalder(
    arende: Arende,
    i: int,
    *,
    insats: Insats,
    typ: frozenset[Insatstyp],
    inst: Granskningsinstallningar,
    ut: list[Fynd],
) -> None:
    """The rules on insatstyp codes that depend on age, at the verkställande (or else
    the beslut)."""
    d = insats.verkstallighetsdatum or insats.beslutsdatum
    if d is None:
        return
    nar = "verkställandet" if insats.verkstallighetsdatum else "beslutet"
    ar = arende.fodelsear
    intervall: tuple[int, int] | None = None
    for kod, regel, namn, over in _INSATSALDER:
        if kod not in typ:
            continue
        grans: int = getattr(inst, namn)
        if not over and ar is not None and d.year - ar - 1 >= grans:
            continue  # old enough, whatever the day of birth: the common case, cheaply
        intervall = intervall or _intervall(arende, d)
        if intervall is None:
            return
        if over and intervall[0] >= grans:
            text = f"{kod.label}, men brukaren hade fyllt {grans} år vid {nar}"
        elif not over and intervall[1] < grans:
            text = f"{kod.label}, men brukaren var under {grans} år vid {nar}"
        else:
            continue
        ut.append(_fynd(regel, f"insatser[{i}].insatstyp", text))


@lru_cache(maxsize=16)
def _minst(manader: int) -> timedelta:
    """A span shorter than any *manader* calendar months: a cheap screen before the exact
    month arithmetic."""
    return timedelta(days=28 * manader)


_MINST_STANDARD = _minst(STANDARD.verkstallighet_manader)


@lru_cache(maxsize=64)
def _manader_fore(vid: date, manader: int) -> date:
    return plus_manader(vid, -manader)


def _verkstallighet(
    vid: date,
    i: int,
    *,
    insats: Insats,
    beslut: date,
    inst: Granskningsinstallningar,
    ut: list[Fynd],
) -> None:
    """EJ_VERKSTALLT and SEN_VERKSTALLIGHET for a granted insats with a beslut date."""
    n = inst.verkstallighet_manader
    verk = insats.verkstallighetsdatum
    if verk is None:
        # Not for an ended or followed-up insats: its avslut or its missing date tells.
        if insats.avslut is None and not insats.uppfoljningar and plus_manader(beslut, n) < vid:
            ut.append(
                _fynd(
                    Regel.EJ_VERKSTALLT,
                    f"insatser[{i}].verkstallighetsdatum",
                    f"beslutet {beslut} är inte verkställt mer än {n} månader senare",
                )
            )
    elif plus_manader(beslut, n) < verk:
        ut.append(
            _fynd(
                Regel.SEN_VERKSTALLIGHET,
                f"insatser[{i}].verkstallighetsdatum",
                f"verkställt mer än {n} månader efter beslutet {beslut}",
            )
        )


_INGET_BEHOV = frozenset({Samverkan.INGEN_SAMVERKAN_INGET_BEHOV})
_NEJ = ParallellaInsatser.NEJ


def _samverkan(
    i: int, j: int, u: Uppfoljning, samverkan: frozenset[Samverkan], ut: list[Fynd]
) -> None:
    """SAMVERKAN_KOMBINERAD and SIP_UTAN_SAMVERKAN, for a samverkan with code 11 or 12."""
    if len(samverkan) > 1:
        ut.append(
            _fynd(
                Regel.SAMVERKAN_KOMBINERAD,
                f"insatser[{i}].uppfoljningar[{j}].samverkan",
                "kod 11 och 12 (Ingen samverkan …) utesluter varandra och koderna 1–10",
            )
        )
    elif samverkan == _INGET_BEHOV and u.sip is not None and u.sip is not Sip.NEJ_INGET_BEHOV:
        ut.append(
            _fynd(
                Regel.SIP_UTAN_SAMVERKAN,
                f"insatser[{i}].uppfoljningar[{j}].sip",
                f"”{u.sip.label}”, men samverkan är bara kod 12: inget behov av samverkan",
            )
        )


def _parallella(insatser: tuple[Insats, ...], i: int, j: int, d: date, ut: list[Fynd]) -> None:
    """PARALLELLA_INSATSER_NEJ: "Nej" on *d*, while another insats was going on."""
    for k, annan in enumerate(insatser):
        verk = annan.verkstallighetsdatum
        if k == i or verk is None or verk > d or annan.beslut is Beslutsutfall.AVSLAG:
            continue
        slut = annan.avslut
        if slut is not None and (slut.datum is None or slut.datum < d):
            continue  # ended, or unknown when: not certainly going on
        ut.append(
            _fynd(
                Regel.PARALLELLA_INSATSER_NEJ,
                f"insatser[{i}].uppfoljningar[{j}].parallella_insatser",
                f"”Nej”, men insatser[{k}] pågick vid uppföljningen {d}",
            )
        )
        return


def _hog_alder(arende: Arende, vid: date, inst: Granskningsinstallningar, ut: list[Fynd]) -> None:
    """HOG_ALDER, at the end of the ärende, or at *vid* while it is open."""
    slut = slutdatum(arende)
    intervall = _intervall(arende, slut if slut is not None and slut < vid else vid)
    if intervall is not None and intervall[0] > inst.hogsta_alder:
        ut.append(
            _fynd(
                Regel.HOG_ALDER,
                "fodelsedatum" if arende.fodelsedatum else "fodelsear",
                f"brukaren skulle vara minst {intervall[0]} år, över {inst.hogsta_alder}",
            )
        )


def _inaktivt(arende: Arende, hogst: date, inst: Granskningsinstallningar, ut: list[Fynd]) -> None:
    """INAKTIVT_ARENDE, for an ärende whose latest event *hogst* is old."""
    i, var = next((i, var) for d, i, var in _handelser(arende) if d == hogst)
    ut.append(
        _fynd(
            Regel.INAKTIVT_ARENDE,
            _plats(i, var),
            f"ärendet är öppet, men den senaste händelsen är från {hogst}, mer än "
            f"{inst.inaktiv_manader} månader före granskningsdagen",
        )
    )


_FORBATTRING = frozenset(m for m in Forandring if m.is_forbattring)


def _b2(i: int, j: int, u: Uppfoljning, ut: list[Fynd]) -> None:
    """B2 answered although neither B1a nor B1b shows an improvement."""
    ut.append(
        _fynd(
            Regel.B2_UTAN_FORBATTRING,
            f"insatser[{i}].uppfoljningar[{j}].b2",
            "B2 ställs bara när B1a eller B1b visar en förbättring",
        )
        if u.b1a is not None or u.b1b is not None
        else _fynd(
            Regel.B2_UTAN_FORBATTRING,
            f"insatser[{i}].uppfoljningar[{j}].b2",
            "B2 är besvarad men varken B1a eller B1b, så villkoret kan inte prövas",
            Allvarlighet.VARNING,
        )
    )


# Completeness is driven by the catalog's field paths: which variables each level holds,
# as (attribute, message) pairs. Variable 3 is optional (some clients have none) and the
# client may decline the user questions.
def _falt_under(niva: str) -> tuple[tuple[str, str], ...]:
    return tuple(
        (v.falt.rpartition(".")[2], f"variabel {v.nummer} {v.namn} saknas")
        for v in KATALOG
        if v.falt.rpartition(".")[0] == niva and not v.is_brukarfraga and v.nummer != "3"
    )


class _Saknas:
    """SAKNAS for some fields of one level of the model: ``all(s.varden(obj))`` screens
    (a registered value is never false: a date, a code from 1, a non-empty multi-choice;
    were one false, ``fynd`` would still judge it right), ``s.fynd`` says which."""

    def __init__(self, falt: tuple[tuple[str, str], ...]) -> None:
        assert len(falt) > 1, "attrgetter of one name gives the bare value, not a tuple"
        self.falt = falt
        self.varden = attrgetter(*(namn for namn, _ in falt))

    def fynd(
        self,
        obj: Arende | Insats | Uppfoljning | Avslut | AvslutUtanInsats,
        prefix: str,
        ut: list[Fynd],
    ) -> None:
        ut += [
            _fynd(Regel.SAKNAS, prefix + namn, text)
            for namn, text in self.falt
            if getattr(obj, namn) is None
        ]


_ARENDE_FALT = _falt_under("")
_INSATS_FALT = _falt_under("insatser[]")
_ARENDE = _Saknas(_ARENDE_FALT)
# Birth date (5) not due when the birth year is all there is to know; legal sex and birth
# (4, 5) not due for an anonymous client.
_ARENDE_UTAN_DATUM = _Saknas(tuple(f for f in _ARENDE_FALT if f[0] != "fodelsedatum"))
_ARENDE_ANONYM = _Saknas(
    tuple(f for f in _ARENDE_FALT if f[0] not in {"fodelsedatum", "juridiskt_kon"})
)
_AKTUALISERING = _Saknas(_ARENDE_FALT[:2])  # variables 1 and 2: expected before any utredning
_INSATS = _Saknas(_INSATS_FALT)
_UTAN_VERKSTALLIGHET = _Saknas(tuple(f for f in _INSATS_FALT if f[0] != "verkstallighetsdatum"))
_UPPFOLJNING = _Saknas(_falt_under("insatser[].uppfoljningar[]"))
_AVSLUT = _Saknas(_falt_under("insatser[].avslut"))
_UTAN_INSATS = _Saknas(
    (
        ("datum", "datum för avslut utan beslut om insats saknas"),
        ("orsak", "orsak till avslut utan beslut om insats saknas"),
    )
)


def _avslag(i: int, insats: Insats, ut: list[Fynd]) -> None:
    """AVSLAG_VERKSTALLT: a refused insats with a trace of being carried out."""
    spar = [
        (namn, text)
        for namn, text, finns in (
            (
                "verkstallighetsdatum",
                "har ett datum för verkställande",
                insats.verkstallighetsdatum,
            ),
            ("uppfoljningar", "har uppföljningar", insats.uppfoljningar),
            ("avslut", "har ett avslut", insats.avslut),
        )
        if finns
    ]
    ut += [
        _fynd(Regel.AVSLAG_VERKSTALLT, f"insatser[{i}].{namn}", f"insatsen avslogs men {text}")
        for namn, text in spar
    ]


def _saknas_i(arende: Arende) -> _Saknas:
    """The variables of the ärende itself that are due by now."""
    if not arende.insatser:
        return _AKTUALISERING
    if arende.anonym:
        return _ARENDE_ANONYM
    if arende.fodelsedatum is None and arende.fodelsear is not None:
        return _ARENDE_UTAN_DATUM
    return _ARENDE


def _utan_insats(
    arende: Arende,
    slut: AvslutUtanInsats,
    ordning: list[Fynd],
    ut: list[Fynd],
    saknas: list[Fynd],
) -> None:
    """The rules on an ärende ended without a beslut on insats."""
    akt = arende.aktualiseringsdatum
    if akt and slut.datum and slut.datum < akt:
        ordning.append(
            _fynd(Regel.DATUMORDNING, _AVSLUT_UTAN_INSATS, "ligger före aktualiseringsdatum")
        )
    for i, insats in enumerate(arende.insatser):
        if insats.beslut is not Beslutsutfall.AVSLAG:
            ut.append(
                _fynd(
                    Regel.AVSLUT_UTAN_INSATS_MED_INSATS,
                    f"insatser[{i}]",
                    "ärendet är avslutat utan beslut om insats men har en insats som inte "
                    "avslagits",
                )
            )
    if not all(_UTAN_INSATS.varden(slut)):
        _UTAN_INSATS.fynd(slut, "avslut_utan_insats.", saknas)


def _med_lokala(
    arende: Arende, fynd: tuple[Fynd, ...], utokningar: Iterable[Utokning]
) -> tuple[Fynd, ...]:
    """*fynd* and the local variables' findings (the definitions are loaded only here)."""
    from socialtjanst_variabler.lokala.varden import granska_lokala, register, utan_oanvanda

    reg = register(utokningar)
    if reg:
        fynd = utan_oanvanda(fynd, reg)
    return (*fynd, *granska_lokala(arende, reg))


def granska(  # noqa: PLR0912, PLR0915 - the hot path, inlined on purpose
    arende: Arende,
    *,
    vid: date,
    installningar: Granskningsinstallningar = STANDARD,
    utokningar: Iterable[Utokning] = (),
) -> tuple[Fynd, ...]:
    """Every consistency and completeness finding of *arende* as of *vid*, at once.

    Findings come in a stable order: dates (order, future, before birth), the avslut
    rules, B2, the other rules (ages, verkställande, follow-ups, activity), then
    completeness, then the local variables' findings. *installningar* turns rules off,
    changes severities and thresholds (:class:`Granskningsinstallningar`; default
    :data:`STANDARD`).

    *utokningar*: the municipality's extensions (loaded with
    :func:`~socialtjanst_variabler.lokala.las_definition`): their local variables are
    checked too (:func:`~socialtjanst_variabler.lokala.varden.granska_lokala`: types,
    codes, roll-up codes, process-step completeness), and the national variables they
    declare unused are not reported missing. Local values of an extension not given are
    reported (``LOKAL_OKAND_UTOKNING``) with or without extensions; a record without
    local values has the same findings as without extensions.

    Raises:
        TypeError: *arende* is not an Arende, *vid* not a date, or *installningar* not
            Granskningsinstallningar.
        DuplicateExtension: two extensions share an id.
    """
    if arende.__class__ is not Arende:
        raise TypeError(f"arende ska vara en Arende, inte {type(arende).__name__}")
    if vid.__class__ is not date:  # a datetime is refused too: a day, not an instant
        raise TypeError(f"vid ska vara ett datum (datetime.date), inte {type(vid).__name__}")
    if installningar.__class__ is not Granskningsinstallningar:
        raise TypeError(
            f"installningar ska vara Granskningsinstallningar, inte {type(installningar).__name__}"
        )
    inst = installningar
    minst = _MINST_STANDARD if inst is STANDARD else _minst(inst.verkstallighet_manader)
    ordning: list[Fynd] = []
    avslut: list[Fynd] = []
    b2: list[Fynd] = []
    ovriga: list[Fynd] = []
    saknas: list[Fynd] = []
    akt = arende.aktualiseringsdatum
    datum = [akt]
    insatser = arende.insatser
    lokala = arende.lokala is not TOMMA  # any level with local values (the rare case)
    falt = _saknas_i(arende)
    if not all(falt.varden(arende)):
        falt.fynd(arende, "", saknas)
    orsak, problematik = arende.aktualiseringsorsak, arende.problematik
    if (orsak and not orsak.isdisjoint(_ALDERSPROBLEM)) or (
        problematik and not problematik.isdisjoint(_ALDERSPROBLEM)
    ):
        _arendealder(arende, inst, ovriga)
    utan_insats = arende.avslut_utan_insats
    if utan_insats is not None:
        datum.append(utan_insats.datum)
        _utan_insats(arende, utan_insats, ordning, avslut, saknas)
    dod: tuple[date, int] | None = None  # the earliest avslut "Brukaren har avlidit"
    # Open: no avslut utan insats, and no insats, or one neither refused nor ended (an
    # avslut without a date is SAKNAS, not a stalled ärende).
    oppet = utan_insats is None and not insatser
    for i, insats in enumerate(insatser):
        _datumordning(akt, i, insats, ordning)
        beslut = insats.beslutsdatum
        datum += (beslut, insats.verkstallighetsdatum)
        uppfoljningar = insats.uppfoljningar
        slut = insats.avslut
        if insats.lokala is not TOMMA or (slut is not None and slut.lokala is not TOMMA):
            lokala = True
        if insats.beslut is Beslutsutfall.AVSLAG:
            # Refused: only the beslut and what was applied for are due.
            _avslag(i, insats, avslut)
            if any(u.lokala is not TOMMA for u in uppfoljningar):
                lokala = True
            if not all(_UTAN_VERKSTALLIGHET.varden(insats)):
                _UTAN_VERKSTALLIGHET.fynd(insats, f"insatser[{i}].", saknas)
            continue
        typ = insats.insatstyp
        if typ and not typ.isdisjoint(_INSATSALDERSKODER):
            _insatsalder(arende, i, insats=insats, typ=typ, inst=inst, ut=ovriga)
        if beslut is not None:
            # Screened here (a span shorter than the months), judged exactly in the call.
            verk = insats.verkstallighetsdatum
            if (vid if verk is None else verk) - beslut > minst:
                _verkstallighet(vid, i, insats=insats, beslut=beslut, inst=inst, ut=ovriga)
        if slut is None:
            oppet = utan_insats is None
        else:
            datum.append(slut.datum)
            if slut.avslutsorsak is not None:
                _avslut(arende, vid, i, insats, avslut)
                if (
                    slut.avslutsorsak is _DOD
                    and slut.datum
                    and (dod is None or slut.datum < dod[0])
                ):
                    dod = slut.datum, i
        # Verkställande is due once the insats is followed up, or ended for any other
        # reason than that it never started.
        falt = (
            _INSATS
            if uppfoljningar
            or (slut is not None and slut.avslutsorsak is not Avslutsorsak.PABORJADES_ALDRIG)
            else _UTAN_VERKSTALLIGHET
        )
        if not all(falt.varden(insats)):
            falt.fynd(insats, f"insatser[{i}].", saknas)
        for j, u in enumerate(uppfoljningar):
            d = u.datum
            datum.append(d)
            if u.lokala is not TOMMA:
                lokala = True
            if u.b2 is not None and u.b1a not in _FORBATTRING and u.b1b not in _FORBATTRING:
                _b2(i, j, u, b2)
            samverkan = u.samverkan
            if samverkan is not None and not samverkan.isdisjoint(INGEN_SAMVERKAN):
                _samverkan(i, j, u, samverkan, ovriga)
            if u.parallella_insatser is _NEJ and d and len(insatser) > 1:
                _parallella(insatser, i, j, d, ovriga)
            if not all(_UPPFOLJNING.varden(u)):
                _UPPFOLJNING.fynd(u, f"insatser[{i}].uppfoljningar[{j}].", saknas)
        if slut is not None and not all(_AVSLUT.varden(slut)):
            _AVSLUT.fynd(slut, f"insatser[{i}].avslut.", saknas)
    kanda = list(filter(None, datum))  # a date is never false
    hogst = max(kanda) if kanda else None
    _tidslinje(arende, vid, kanda, hogst, ordning)
    if dod is not None and hogst is not None and hogst > dod[0]:
        _efter_dodsfall(arende, dod[0], dod[1], avslut)
    ar = arende.fodelsear
    if ar is not None and vid.year - ar > inst.hogsta_alder:
        _hog_alder(arende, vid, inst, ovriga)
    if oppet and hogst is not None and hogst < _manader_fore(vid, inst.inaktiv_manader):
        _inaktivt(arende, hogst, inst, ovriga)
    fynd = (*ordning, *avslut, *b2, *ovriga, *saknas)
    if lokala or utokningar:
        fynd = _med_lokala(arende, fynd, utokningar)
    if inst is not STANDARD and fynd and (inst.av or inst.allvarlighet):
        return _tillampa(fynd, inst)
    return fynd
