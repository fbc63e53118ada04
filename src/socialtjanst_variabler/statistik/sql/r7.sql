-- R7 Säsong: ärenden aktualiserade per calendar month, for every whole calendar year that
-- [s, e] touches, years side by side (the index is computed from these counts).
SELECT 'sasong' AS del,
       CASE WHEN GROUPING(manad) = 1 THEN 'T' ELSE CAST(manad AS VARCHAR) END AS rad,
       CAST(ar AS VARCHAR) AS kolumn,
       COUNT(*) AS varde
FROM (
  SELECT CAST(EXTRACT(YEAR FROM a.aktualiseringsdatum) AS INTEGER) AS ar,
         CAST(EXTRACT(MONTH FROM a.aktualiseringsdatum) AS INTEGER) AS manad
  FROM arende a
  CROSS JOIN period p
  WHERE a.aktualiseringsdatum IS NOT NULL
    AND EXTRACT(YEAR FROM a.aktualiseringsdatum) >= EXTRACT(YEAR FROM p.fran)
    AND EXTRACT(YEAR FROM a.aktualiseringsdatum) <= EXTRACT(YEAR FROM p.till)
) m
GROUP BY ar, ROLLUP (manad)
