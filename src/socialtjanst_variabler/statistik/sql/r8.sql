-- R8 Tider: D1 aktualisering -> first beslut (cohort: that beslut in [s, e]); D2 beslut ->
-- verkställande (verkställande in [s, e]); D3 verkställande -> avslut (avslut in [s, e]);
-- D4 aktualisering -> end of ärende (end in [s, e]). Open intervals at e apart, with their
-- duration so far (D1o-D4o). Quartiles by linear interpolation (R type 7) read from a
-- per-day histogram with running sums. Intervals that run backwards are counted apart.
WITH e AS (
  SELECT 'D1' AS matt, a.d1_dagar AS dagar,
         CAST(COALESCE(a.juridiskt_kon, 0) AS VARCHAR) AS kon,
         a.aldersband_aktualisering AS band,
         CAST(COALESCE(a.ursprung_grupp, 0) AS VARCHAR) AS urs,
         CAST(NULL AS INTEGER) AS insats_nr
  FROM arende a CROSS JOIN period p
  WHERE a.forsta_beslutsdatum >= p.fran AND a.forsta_beslutsdatum <= p.till
    AND a.d1_dagar IS NOT NULL
  UNION ALL
  SELECT 'D1o', p.till - a.aktualiseringsdatum,
         CAST(COALESCE(a.juridiskt_kon, 0) AS VARCHAR), a.aldersband_aktualisering,
         CAST(COALESCE(a.ursprung_grupp, 0) AS VARCHAR), CAST(NULL AS INTEGER)
  FROM arende a CROSS JOIN period p
  WHERE a.aktualiseringsdatum <= p.till
    AND (a.forsta_beslutsdatum IS NULL OR a.forsta_beslutsdatum > p.till)
    AND (a.slutdatum IS NULL OR a.slutdatum > p.till)
  UNION ALL
  SELECT 'D4', a.d4_dagar,
         CAST(COALESCE(a.juridiskt_kon, 0) AS VARCHAR), a.aldersband_slut,
         CAST(COALESCE(a.ursprung_grupp, 0) AS VARCHAR), CAST(NULL AS INTEGER)
  FROM arende a CROSS JOIN period p
  WHERE a.slutdatum >= p.fran AND a.slutdatum <= p.till AND a.d4_dagar IS NOT NULL
  UNION ALL
  SELECT 'D4o', p.till - a.aktualiseringsdatum,
         CAST(COALESCE(a.juridiskt_kon, 0) AS VARCHAR), a.aldersband_aktualisering,
         CAST(COALESCE(a.ursprung_grupp, 0) AS VARCHAR), CAST(NULL AS INTEGER)
  FROM arende a CROSS JOIN period p
  WHERE a.aktualiseringsdatum <= p.till AND (a.slutdatum IS NULL OR a.slutdatum > p.till)
    AND NOT a.d4_bakvand
  UNION ALL
  SELECT 'D2', i.d2_dagar,
         CAST(COALESCE(a.juridiskt_kon, 0) AS VARCHAR), i.aldersband_verkstallighet,
         CAST(COALESCE(a.ursprung_grupp, 0) AS VARCHAR), i.insats_nr
  FROM insats i JOIN arende a ON a.arende_nr = i.arende_nr CROSS JOIN period p
  WHERE i.verkstallighetsdatum >= p.fran AND i.verkstallighetsdatum <= p.till
    AND i.d2_dagar IS NOT NULL
  UNION ALL
  SELECT 'D2o', p.till - i.beslutsdatum,
         CAST(COALESCE(a.juridiskt_kon, 0) AS VARCHAR), a.aldersband_aktualisering,
         CAST(COALESCE(a.ursprung_grupp, 0) AS VARCHAR), i.insats_nr
  FROM insats i JOIN arende a ON a.arende_nr = i.arende_nr CROSS JOIN period p
  WHERE i.beslutsdatum <= p.till AND (i.beslut IS NULL OR i.beslut <> 3)
    AND (i.verkstallighetsdatum IS NULL OR i.verkstallighetsdatum > p.till)
    AND (i.avslutsdatum IS NULL OR i.avslutsdatum > p.till)
  UNION ALL
  SELECT 'D3', i.d3_dagar,
         CAST(COALESCE(a.juridiskt_kon, 0) AS VARCHAR), i.aldersband_avslut,
         CAST(COALESCE(a.ursprung_grupp, 0) AS VARCHAR), i.insats_nr
  FROM insats i JOIN arende a ON a.arende_nr = i.arende_nr CROSS JOIN period p
  WHERE i.avslutsdatum >= p.fran AND i.avslutsdatum <= p.till AND i.d3_dagar IS NOT NULL
  UNION ALL
  SELECT 'D3o', p.till - i.verkstallighetsdatum,
         CAST(COALESCE(a.juridiskt_kon, 0) AS VARCHAR), i.aldersband_verkstallighet,
         CAST(COALESCE(a.ursprung_grupp, 0) AS VARCHAR), i.insats_nr
  FROM insats i JOIN arende a ON a.arende_nr = i.arende_nr CROSS JOIN period p
  WHERE i.verkstallighetsdatum <= p.till AND (i.avslutsdatum IS NULL OR i.avslutsdatum > p.till)
    AND NOT i.d3_bakvand
),
-- the histogram: e counted once per cell and day, then summed into each grouping
c AS (
  SELECT matt, kon, band, urs, dagar, COUNT(*) AS antal
  FROM e GROUP BY matt, kon, band, urs, dagar
),
h AS (
  SELECT matt, 'T' AS rad, dagar, CAST(SUM(antal) AS BIGINT) AS antal
  FROM c GROUP BY matt, dagar
  UNION ALL
  SELECT matt, 'kon:' || kon, dagar, CAST(SUM(antal) AS BIGINT)
  FROM c GROUP BY matt, kon, dagar
  UNION ALL
  SELECT matt, 'alder:' || band, dagar, CAST(SUM(antal) AS BIGINT)
  FROM c GROUP BY matt, band, dagar
  UNION ALL
  SELECT matt, 'ursprung:' || urs, dagar, CAST(SUM(antal) AS BIGINT)
  FROM c GROUP BY matt, urs, dagar
  UNION ALL
  SELECT e.matt, 'insatstyp:' || CAST(COALESCE(t.kod, 0) AS VARCHAR), e.dagar, COUNT(*)
  FROM e LEFT JOIN insatstyp t ON t.insats_nr = e.insats_nr
  WHERE e.insats_nr IS NOT NULL
  GROUP BY e.matt, COALESCE(t.kod, 0), e.dagar
),
k AS (
  SELECT matt, rad, dagar,
         SUM(antal) OVER (PARTITION BY matt, rad ORDER BY dagar
                          ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS kum
  FROM h
),
n AS (
  SELECT matt, rad, SUM(antal) AS n, MIN(dagar) AS minsta, MAX(dagar) AS storsta
  FROM h GROUP BY matt, rad
),
q AS (
  SELECT n.matt, n.rad, v.kolumn,
         floor((n.n - 1) * v.q) + 1 AS lo,
         (n.n - 1) * v.q - floor((n.n - 1) * v.q) AS frac
  FROM n CROSS JOIN (VALUES ('p25', 0.25), ('median', 0.5), ('p75', 0.75)) AS v (kolumn, q)
),
x AS (
  SELECT q.matt, q.rad, q.kolumn, q.frac,
         MIN(CASE WHEN k.kum >= q.lo THEN k.dagar END) AS x_lo,
         MIN(CASE WHEN k.kum >= q.lo + 1 THEN k.dagar END) AS x_hi
  FROM q JOIN k ON k.matt = q.matt AND k.rad = q.rad
  GROUP BY q.matt, q.rad, q.kolumn, q.frac
)
SELECT matt AS del, rad, 'n' AS kolumn, n AS varde FROM n
UNION ALL SELECT matt, rad, 'min', minsta FROM n
UNION ALL SELECT matt, rad, 'max', storsta FROM n
UNION ALL SELECT matt, rad, kolumn, x_lo + frac * (COALESCE(x_hi, x_lo) - x_lo) FROM x
UNION ALL
SELECT 'bakvand', 'T', 'D1', COUNT(*) FROM arende a CROSS JOIN period p
WHERE a.d1_bakvand AND a.forsta_beslutsdatum >= p.fran AND a.forsta_beslutsdatum <= p.till
UNION ALL
SELECT 'bakvand', 'T', 'D4', COUNT(*) FROM arende a CROSS JOIN period p
WHERE a.d4_bakvand AND a.slutdatum >= p.fran AND a.slutdatum <= p.till
UNION ALL
SELECT 'bakvand', 'T', 'D2', COUNT(*) FROM insats i CROSS JOIN period p
WHERE i.d2_bakvand AND i.verkstallighetsdatum >= p.fran AND i.verkstallighetsdatum <= p.till
UNION ALL
SELECT 'bakvand', 'T', 'D3', COUNT(*) FROM insats i CROSS JOIN period p
WHERE i.d3_bakvand AND i.avslutsdatum >= p.fran AND i.avslutsdatum <= p.till
UNION ALL
SELECT 'ej_verkstallda', 'T', 'antal', COUNT(*) FROM insats i CROSS JOIN period p
WHERE i.beslutsdatum <= p.till AND (i.beslut IS NULL OR i.beslut <> 3)
  AND (i.verkstallighetsdatum IS NULL OR i.verkstallighetsdatum > p.till)
  AND (i.avslutsdatum IS NULL OR i.avslutsdatum > p.till)
  AND i.beslut_plus_3_manader < p.till
