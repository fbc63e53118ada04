-- R9 Målgrupp x insats: ärenden active during [s, e]; per group (kön, age band at e,
-- ursprung) n = such ärenden, and per insatstyp i the ärenden of the group with an insats
-- of type i active during [s, e] (per 100 ärenden of the group: their quotient x 100).
WITH a AS (
  SELECT a.arende_nr,
         CAST(COALESCE(a.juridiskt_kon, 0) AS VARCHAR) AS kon,
         CAST(COALESCE(a.ursprung_grupp, 0) AS VARCHAR) AS ursprung,
         floor((p.till_nyckel - CASE WHEN a.fodd_senast % 10000 = 229 AND NOT p.till_skottar
                                     THEN a.fodd_senast - 1 ELSE a.fodd_senast END)
               / 10000.0) AS lag,
         floor((p.till_nyckel - CASE WHEN a.fodd_tidigast % 10000 = 229 AND NOT p.till_skottar
                                     THEN a.fodd_tidigast - 1 ELSE a.fodd_tidigast END)
               / 10000.0) AS hog
  FROM arende a
  CROSS JOIN period p
  WHERE a.aktualiseringsdatum <= p.till
    AND (a.slutdatum IS NULL OR a.slutdatum >= p.fran)
    AND NOT a.d4_bakvand
),
-- born in the year of e with the birth date unknown: age 0 at the least
a0 AS (
  SELECT arende_nr, kon, ursprung, hog,
         CASE WHEN lag < 0 AND hog >= 0 THEN 0 ELSE lag END AS lag
  FROM a
),
-- the band of each distinct age interval, looked up once
lh AS (
  SELECT x.lag, x.hog, COALESCE(b.etikett, 'okänd') AS band
  FROM (SELECT DISTINCT lag, hog FROM a0) x
  LEFT JOIN aldersband b
    ON x.lag >= b.fran AND (b.till IS NULL OR x.lag <= b.till)
   AND x.hog >= b.fran AND (b.till IS NULL OR x.hog <= b.till)
),
ab AS (
  SELECT a0.arende_nr, a0.kon, a0.ursprung, lh.band
  FROM a0
  JOIN lh ON lh.lag IS NOT DISTINCT FROM a0.lag AND lh.hog IS NOT DISTINCT FROM a0.hog
),
typer AS (
  SELECT DISTINCT i.arende_nr, t.kod
  FROM insats i
  JOIN insatstyp t ON t.insats_nr = i.insats_nr
  CROSS JOIN period p
  WHERE i.verkstallighetsdatum <= p.till
    AND (i.avslutsdatum IS NULL OR i.avslutsdatum >= p.fran)
    AND NOT i.d3_bakvand
),
-- counted once per cell (kön, band, ursprung), then summed into each grouping
n AS (
  SELECT kon, band, ursprung, COUNT(*) AS antal FROM ab GROUP BY kon, band, ursprung
),
t AS (
  SELECT ty.kod, ab.kon, ab.band, ab.ursprung, COUNT(*) AS antal
  FROM ab JOIN typer ty ON ty.arende_nr = ab.arende_nr
  GROUP BY ty.kod, ab.kon, ab.band, ab.ursprung
)
SELECT 'kon' AS del, 'n' AS rad, kon AS kolumn, SUM(antal) AS varde FROM n GROUP BY kon
UNION ALL SELECT 'alder', 'n', band, SUM(antal) FROM n GROUP BY band
UNION ALL SELECT 'ursprung', 'n', ursprung, SUM(antal) FROM n GROUP BY ursprung
UNION ALL SELECT 'kon', 'n', 'T', SUM(antal) FROM n HAVING COUNT(*) > 0
UNION ALL SELECT 'alder', 'n', 'T', SUM(antal) FROM n HAVING COUNT(*) > 0
UNION ALL SELECT 'ursprung', 'n', 'T', SUM(antal) FROM n HAVING COUNT(*) > 0
UNION ALL SELECT 'kon', CAST(kod AS VARCHAR), kon, SUM(antal) FROM t GROUP BY kod, kon
UNION ALL SELECT 'alder', CAST(kod AS VARCHAR), band, SUM(antal) FROM t GROUP BY kod, band
UNION ALL
SELECT 'ursprung', CAST(kod AS VARCHAR), ursprung, SUM(antal) FROM t GROUP BY kod, ursprung
UNION ALL SELECT 'kon', CAST(kod AS VARCHAR), 'T', SUM(antal) FROM t GROUP BY kod
UNION ALL SELECT 'alder', CAST(kod AS VARCHAR), 'T', SUM(antal) FROM t GROUP BY kod
UNION ALL SELECT 'ursprung', CAST(kod AS VARCHAR), 'T', SUM(antal) FROM t GROUP BY kod
