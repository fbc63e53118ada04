-- R5 Insatser: insatser verkställda in [s, e] (new) by insatstyp, juridiskt kön and age band
-- at verkställande; and insatser active during [s, e]. An insats counts once under each of
-- its types; row T counts each insats once.
WITH i AS (
  SELECT i.insats_nr,
         CAST(COALESCE(a.juridiskt_kon, 0) AS VARCHAR) AS kon,
         i.aldersband_verkstallighet AS band,
         CASE WHEN i.verkstallighetsdatum >= p.fran AND i.verkstallighetsdatum <= p.till
              THEN 1 ELSE 0 END AS ny,
         CASE WHEN i.verkstallighetsdatum <= p.till
                   AND (i.avslutsdatum IS NULL OR i.avslutsdatum >= p.fran)
              THEN 1 ELSE 0 END AS aktiv
  FROM insats i
  JOIN arende a ON a.arende_nr = i.arende_nr
  CROSS JOIN period p
  WHERE i.verkstallighetsdatum IS NOT NULL AND NOT i.d3_bakvand
),
t AS (
  SELECT CAST(COALESCE(t.kod, 0) AS VARCHAR) AS typ, i.kon, i.band, i.ny, i.aktiv
  FROM i LEFT JOIN insatstyp t ON t.insats_nr = i.insats_nr
  UNION ALL
  SELECT 'T', kon, band, ny, aktiv FROM i
),
-- counted once per cell (insatstyp, kön, band), then summed into each grouping
c AS (
  SELECT typ, kon, band, SUM(ny) AS ny, SUM(aktiv) AS aktiv FROM t GROUP BY typ, kon, band
)
SELECT 'kon' AS del, typ AS rad,
       CASE WHEN GROUPING(kon) = 1 THEN 'T' ELSE kon END AS kolumn,
       SUM(ny) AS varde
FROM c GROUP BY typ, ROLLUP (kon)
UNION ALL
SELECT 'kon', typ, 'aktiva', SUM(aktiv) FROM c GROUP BY typ
UNION ALL
SELECT 'alder', typ, CASE WHEN GROUPING(band) = 1 THEN 'T' ELSE band END, SUM(ny)
FROM c GROUP BY typ, ROLLUP (band)
