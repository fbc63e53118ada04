-- R1 Flöde: stock at s - 1, new, ended, stock at e and active during [s, e];
-- ärenden by juridiskt kön, insatser by insatstyp (an insats counts under each of its types).
WITH a AS (
  SELECT CAST(COALESCE(juridiskt_kon, 0) AS VARCHAR) AS grupp,
         aktualiseringsdatum AS borjan, slutdatum AS slut
  FROM arende
  WHERE aktualiseringsdatum IS NOT NULL AND NOT d4_bakvand
),
i AS (
  SELECT insats_nr, verkstallighetsdatum AS borjan, avslutsdatum AS slut
  FROM insats
  WHERE verkstallighetsdatum IS NOT NULL AND NOT d3_bakvand
),
f AS (
  SELECT 'arende' AS del, grupp, borjan, slut FROM a
  UNION ALL
  SELECT 'arende', 'T', borjan, slut FROM a
  UNION ALL
  SELECT 'insats', CAST(COALESCE(t.kod, 0) AS VARCHAR), i.borjan, i.slut
  FROM i LEFT JOIN insatstyp t ON t.insats_nr = i.insats_nr
  UNION ALL
  SELECT 'insats', 'T', borjan, slut FROM i
),
-- each measure summed in one pass over f (then one row per measure)
m AS (
  SELECT f.del, f.grupp,
         SUM(CASE WHEN f.borjan < p.fran AND (f.slut IS NULL OR f.slut >= p.fran)
                  THEN 1 ELSE 0 END) AS pagaende_fore,
         SUM(CASE WHEN f.borjan >= p.fran AND f.borjan <= p.till THEN 1 ELSE 0 END) AS nya,
         SUM(CASE WHEN f.slut >= p.fran AND f.slut <= p.till THEN 1 ELSE 0 END) AS avslutade,
         SUM(CASE WHEN f.borjan <= p.till AND (f.slut IS NULL OR f.slut > p.till)
                  THEN 1 ELSE 0 END) AS pagaende_efter,
         SUM(CASE WHEN f.borjan <= p.till AND (f.slut IS NULL OR f.slut >= p.fran)
                  THEN 1 ELSE 0 END) AS aktiva
  FROM f
  CROSS JOIN period p
  GROUP BY f.del, f.grupp
)
SELECT del, grupp AS rad, 'pagaende_fore' AS kolumn, pagaende_fore AS varde FROM m
UNION ALL SELECT del, grupp, 'nya', nya FROM m
UNION ALL SELECT del, grupp, 'avslutade', avslutade FROM m
UNION ALL SELECT del, grupp, 'pagaende_efter', pagaende_efter FROM m
UNION ALL SELECT del, grupp, 'aktiva', aktiva FROM m
