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
ab AS (
  SELECT a.arende_nr, a.kon, a.ursprung, COALESCE(b.etikett, 'okänd') AS band
  FROM (SELECT arende_nr, kon, ursprung, hog,
               CASE WHEN lag < 0 AND hog >= 0 THEN 0 ELSE lag END AS lag
        FROM a) a
  LEFT JOIN aldersband b
    ON a.lag >= b.fran AND (b.till IS NULL OR a.lag <= b.till)
   AND a.hog >= b.fran AND (b.till IS NULL OR a.hog <= b.till)
),
g AS (
  SELECT 'kon' AS del, kon AS grupp, arende_nr FROM ab
  UNION ALL SELECT 'alder', band, arende_nr FROM ab
  UNION ALL SELECT 'ursprung', ursprung, arende_nr FROM ab
  UNION ALL SELECT 'kon', 'T', arende_nr FROM ab
  UNION ALL SELECT 'alder', 'T', arende_nr FROM ab
  UNION ALL SELECT 'ursprung', 'T', arende_nr FROM ab
),
typer AS (
  SELECT DISTINCT i.arende_nr, t.kod
  FROM insats i
  JOIN insatstyp t ON t.insats_nr = i.insats_nr
  CROSS JOIN period p
  WHERE i.verkstallighetsdatum <= p.till
    AND (i.avslutsdatum IS NULL OR i.avslutsdatum >= p.fran)
    AND NOT i.d3_bakvand
)
SELECT del, 'n' AS rad, grupp AS kolumn, COUNT(*) AS varde FROM g GROUP BY del, grupp
UNION ALL
SELECT g.del, CAST(ty.kod AS VARCHAR), g.grupp, COUNT(*)
FROM g JOIN typer ty ON ty.arende_nr = g.arende_nr
GROUP BY g.del, ty.kod, g.grupp
