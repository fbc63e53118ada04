-- R10 Måluppfyllelse: insatser ended (avslut) in [s, e]; variabel 17 of the insats's last
-- uppföljning on or before the avslut. Positive change = {1, 2} of {1..5}; all goals
-- reached = {1, 3} of {1..5}; "Kan inte bedöma" (6) counted apart, of all. By kön, age band
-- at the avslut, ursprung and insatstyp.
WITH i AS (
  SELECT i.insats_nr, i.maluppfyllelse_vid_avslut AS m,
         CAST(COALESCE(a.juridiskt_kon, 0) AS VARCHAR) AS kon,
         i.aldersband_avslut AS band,
         CAST(COALESCE(a.ursprung_grupp, 0) AS VARCHAR) AS urs
  FROM insats i
  JOIN arende a ON a.arende_nr = i.arende_nr
  CROSS JOIN period p
  WHERE i.avslutsdatum >= p.fran AND i.avslutsdatum <= p.till
),
g AS (
  SELECT 'T' AS rad, m FROM i
  UNION ALL SELECT 'kon:' || kon, m FROM i
  UNION ALL SELECT 'alder:' || band, m FROM i
  UNION ALL SELECT 'ursprung:' || urs, m FROM i
  UNION ALL
  SELECT 'insatstyp:' || CAST(COALESCE(t.kod, 0) AS VARCHAR), i.m
  FROM i LEFT JOIN insatstyp t ON t.insats_nr = i.insats_nr
),
-- each measure summed in one pass over g (then one row per measure)
m AS (
  SELECT rad,
         COUNT(*) AS n,
         SUM(CASE WHEN m BETWEEN 1 AND 5 THEN 1 ELSE 0 END) AS bedomda,
         SUM(CASE WHEN m IN (1, 2) THEN 1 ELSE 0 END) AS positiva,
         SUM(CASE WHEN m IN (1, 3) THEN 1 ELSE 0 END) AS alla_mal,
         SUM(CASE WHEN m = 6 THEN 1 ELSE 0 END) AS kan_inte,
         SUM(CASE WHEN m IS NULL THEN 1 ELSE 0 END) AS saknas
  FROM g GROUP BY rad
)
SELECT 'mal' AS del, rad, 'n' AS kolumn, n AS varde FROM m
UNION ALL SELECT 'mal', rad, 'bedomda', bedomda FROM m
UNION ALL SELECT 'mal', rad, 'positiva', positiva FROM m
UNION ALL SELECT 'mal', rad, 'alla_mal', alla_mal FROM m
UNION ALL SELECT 'mal', rad, 'kan_inte', kan_inte FROM m
UNION ALL SELECT 'mal', rad, 'saknas', saknas FROM m
