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
)
SELECT f.del, f.grupp AS rad, m.kolumn,
       SUM(CASE
             WHEN m.kolumn = 'pagaende_fore'
                  AND f.borjan < p.fran AND (f.slut IS NULL OR f.slut >= p.fran) THEN 1
             WHEN m.kolumn = 'nya'
                  AND f.borjan >= p.fran AND f.borjan <= p.till THEN 1
             WHEN m.kolumn = 'avslutade'
                  AND f.slut >= p.fran AND f.slut <= p.till THEN 1
             WHEN m.kolumn = 'pagaende_efter'
                  AND f.borjan <= p.till AND (f.slut IS NULL OR f.slut > p.till) THEN 1
             WHEN m.kolumn = 'aktiva'
                  AND f.borjan <= p.till AND (f.slut IS NULL OR f.slut >= p.fran) THEN 1
             ELSE 0
           END) AS varde
FROM f
CROSS JOIN period p
CROSS JOIN (VALUES ('pagaende_fore'), ('nya'), ('avslutade'), ('pagaende_efter'), ('aktiva'))
  AS m (kolumn)
GROUP BY f.del, f.grupp, m.kolumn
