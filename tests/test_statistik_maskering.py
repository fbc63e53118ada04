"""Small-number suppression: primary and secondary masking, and what travels with a table."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from socialtjanst_variabler.statistik.maskering import maskera
from socialtjanst_variabler.statistik.resultat import (
    Cell,
    Kolumn,
    Maskering,
    Slag,
    Status,
    Tabell,
)


def _tabell(matris: list[list[int]]) -> Tabell:
    """A table of counts with a total column and a total row, and their relations."""
    rader = [[*r, sum(r)] for r in matris]
    rader.append([sum(k) for k in zip(*rader, strict=True)])
    bredd = len(rader[0])
    kolumner = tuple(Kolumn(f"k{j}", f"K{j}", Slag.ANTAL) for j in range(bredd))
    relationer = []
    for i in range(len(rader)):
        relationer.append(tuple([(i, j, 1) for j in range(bredd - 1)] + [(i, bredd - 1, -1)]))
    for j in range(bredd):
        relationer.append(
            tuple([(i, j, 1) for i in range(len(rader) - 1)] + [(len(rader) - 1, j, -1)])
        )
    return Tabell(
        "T",
        kolumner,
        tuple(tuple(Cell(v) for v in r) for r in rader),
        relationer=tuple(relationer),
    )


_matriser = st.integers(1, 4).flatmap(
    lambda bredd: st.lists(
        st.lists(st.integers(0, 30), min_size=bredd, max_size=bredd), min_size=1, max_size=5
    )
)


@given(_matriser)
def test_ingen_dold_cell_kan_raknas_fram(matris: list[list[int]]) -> None:
    t = maskera(_tabell(matris), Maskering())
    for relation in t.relationer:
        dolda = [t.rader[i][j] for i, j, _ in relation if t.rader[i][j].status is Status.MASKERAD]
        assert len(dolda) != 1
    for rad, original in zip(t.rader, _tabell(matris).rader, strict=True):
        for c, o in zip(rad, original, strict=True):
            assert isinstance(o.varde, int)
            if 0 < o.varde < 5:
                assert c.status is Status.MASKERAD  # every small count is hidden
            if c.status is Status.OK:
                assert c.varde == o.varde  # nothing visible is changed
            else:
                assert c.varde is None


@given(_matriser)
def test_utan_sekundar_bara_primar(matris: list[list[int]]) -> None:
    t = maskera(_tabell(matris), Maskering(sekundar=False))
    for rad in t.rader:
        for c in rad:
            assert (c.status is Status.MASKERAD) == (c.varde is None)
    original = _tabell(matris)
    for rad, o in zip(t.rader, original.rader, strict=True):
        for c, ov in zip(rad, o, strict=True):
            assert (c.status is Status.MASKERAD) == (0 < ov.varde < 5)  # type: ignore[operator]


def test_andelar_och_tider() -> None:
    kolumner = (
        Kolumn("n", "n", Slag.ANTAL),
        Kolumn("andel", "%", Slag.ANDEL, kallor=("n",)),
        Kolumn("median", "Median", Slag.DAGAR),
        Kolumn("text", "Text", Slag.TEXT),
        Kolumn("index", "Index", Slag.TAL),
    )
    rader = (
        # share with denominator below 10; median with n below 10
        (Cell(9), Cell(50.0, taljare=5, namnare=9), Cell(3.0, namnare=9), Cell("a"), Cell(1.0)),
        # numerator 1–4; remainder 1–4
        (Cell(20), Cell(10.0, taljare=2, namnare=20), Cell(3.0, namnare=10), Cell("b"), Cell(2.0)),
        (
            Cell(20),
            Cell(90.0, taljare=18, namnare=20),
            Cell(None, Status.EJ_TILLAMPLIG),
            Cell("c"),
            Cell(3.0),
        ),
        (Cell(20), Cell(50.0, taljare=10, namnare=20), Cell(4.0, namnare=20), Cell("d"), Cell(4.0)),
        # a share of a masked count is hidden with it
        (Cell(3), Cell(30.0, taljare=3, namnare=10), Cell(4.0, namnare=3), Cell("e"), Cell(5.0)),
        (
            Cell(0),
            Cell(0.0, taljare=0, namnare=10),
            Cell(None, Status.EJ_TILLAMPLIG),
            Cell("f"),
            Cell(6.0),
        ),
    )
    t = maskera(Tabell("T", kolumner, rader), Maskering())
    status = [[c.status.value for c in r] for r in t.rader]
    assert status == [
        ["", "..", "..", "", ""],
        ["", "..", "", "", ""],
        ["", "..", ".", "", ""],
        ["", "", "", "", ""],
        ["..", "..", "..", "", ""],
        ["", "", ".", "", ""],
    ]
    assert t.maskering == Maskering()
    assert "Röjandekontroll" in t.noter[-1]
    assert "OMASKERAD" in Tabell("T", kolumner, rader).noter[-1]


def test_sekundar_tar_summan_nar_resten_ar_noll() -> None:
    t = maskera(_tabell([[3, 0]]), Maskering())
    assert [c.status.value for c in t.rader[0]] == ["..", "", ".."]


def test_beskrivning_utan_sekundar() -> None:
    assert "summa" not in Maskering(sekundar=False).beskrivning()
    assert "1–2" in Maskering(minsta_antal=3).beskrivning()
