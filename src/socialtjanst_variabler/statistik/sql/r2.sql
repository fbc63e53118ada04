-- R2 Personer: persons with an ärende active during [s, e], by juridiskt kön, age band at e
-- and ursprung. A person is a distinct person_id; an ärende without one is its own person.
-- The person's facts come from their active ärende aktualiserat last.
WITH aktiva AS (
  SELECT a.*,
         ROW_NUMBER() OVER (
           PARTITION BY COALESCE(a.person_id, ''),
                        CASE WHEN a.person_id IS NULL THEN a.arende_nr END
           ORDER BY a.aktualiseringsdatum DESC, a.arende_nr DESC
         ) AS nr
  FROM arende a
  CROSS JOIN period p
  WHERE a.aktualiseringsdatum <= p.till
    AND (a.slutdatum IS NULL OR a.slutdatum >= p.fran)
    AND NOT a.d4_bakvand
),
personer AS (
  SELECT a.person_id,
         CAST(COALESCE(a.juridiskt_kon, 0) AS VARCHAR) AS kon,
         CAST(COALESCE(a.ursprung_grupp, 0) AS VARCHAR) AS ursprung,
         -- completed years at e from ÅÅÅÅMMDD numbers; 29 February counts as 28 February
         -- in a common year
         floor((p.till_nyckel - CASE WHEN a.fodd_senast % 10000 = 229 AND NOT p.till_skottar
                                     THEN a.fodd_senast - 1 ELSE a.fodd_senast END)
               / 10000.0) AS lag,
         floor((p.till_nyckel - CASE WHEN a.fodd_tidigast % 10000 = 229 AND NOT p.till_skottar
                                     THEN a.fodd_tidigast - 1 ELSE a.fodd_tidigast END)
               / 10000.0) AS hog
  FROM aktiva a
  CROSS JOIN period p
  WHERE a.nr = 1
),
-- born in the year of e with the birth date unknown: age 0 at the least
pa AS (
  SELECT person_id, kon, ursprung,
         CASE WHEN lag < 0 AND hog >= 0 THEN 0 ELSE lag END AS lag, hog
  FROM personer
),
pb AS (
  SELECT pe.person_id, pe.kon, pe.ursprung, COALESCE(b.etikett, 'okänd') AS band
  FROM pa pe
  LEFT JOIN aldersband b
    ON pe.lag >= b.fran AND (b.till IS NULL OR pe.lag <= b.till)
   AND pe.hog >= b.fran AND (b.till IS NULL OR pe.hog <= b.till)
)
SELECT 'alder' AS del,
       CASE WHEN GROUPING(band) = 1 THEN 'T' ELSE band END AS rad,
       CASE WHEN GROUPING(kon) = 1 THEN 'T' ELSE kon END AS kolumn,
       COUNT(*) AS varde
FROM pb
GROUP BY CUBE (band, kon)
UNION ALL
SELECT 'ursprung',
       CASE WHEN GROUPING(ursprung) = 1 THEN 'T' ELSE ursprung END,
       CASE WHEN GROUPING(kon) = 1 THEN 'T' ELSE kon END,
       COUNT(*)
FROM pb
GROUP BY CUBE (ursprung, kon)
UNION ALL
SELECT 'utan_nyckel', 'T', 'antal', COUNT(*) FROM pb WHERE person_id IS NULL
