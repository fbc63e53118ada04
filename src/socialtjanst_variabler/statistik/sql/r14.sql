-- R14 Återaktualisering (Kolada, KKiK "ej återaktualiserade"): T = the year of e. Persons
-- (person_id) whose ärenden aktualiserade by 30 June T-1 had all ended by then, the last
-- in the first half of T-1; share with no ärende aktualiserat within 365 days after that
-- last end. Age groups at the last end: 0-12, 13-20, 21+. Ärenden without a person key
-- cannot be followed and are counted apart.
WITH fore AS (
  SELECT a.*
  FROM arende a CROSS JOIN period p
  WHERE a.aktualiseringsdatum <= p.fjol_halvar AND NOT a.d4_bakvand
),
personer AS (
  SELECT person_id, MAX(slutdatum) AS sista,
         SUM(CASE WHEN slutdatum IS NULL THEN 1 ELSE 0 END) AS oppna
  FROM fore WHERE person_id IS NOT NULL GROUP BY person_id
),
urval AS (
  SELECT pe.person_id, pe.sista
  FROM personer pe CROSS JOIN period p
  WHERE pe.oppna = 0 AND pe.sista >= p.fjol_fran AND pe.sista <= p.fjol_halvar
),
alder AS (
  SELECT f.person_id, f.alder_slut,
         ROW_NUMBER() OVER (PARTITION BY f.person_id ORDER BY f.arende_nr DESC) AS nr
  FROM fore f JOIN urval u ON u.person_id = f.person_id AND f.slutdatum = u.sista
),
utfall AS (
  SELECT u.person_id,
         CASE WHEN al.alder_slut IS NULL THEN 'okänd'
              WHEN al.alder_slut <= 12 THEN '0–12'
              WHEN al.alder_slut <= 20 THEN '13–20'
              ELSE '21+' END AS grupp,
         CASE WHEN EXISTS (
                SELECT 1 FROM arende n
                WHERE n.person_id = u.person_id
                  AND n.aktualiseringsdatum > u.sista
                  AND n.aktualiseringsdatum - u.sista <= 365
              ) THEN 0 ELSE 1 END AS ej_ater
  FROM urval u JOIN alder al ON al.person_id = u.person_id AND al.nr = 1
)
SELECT 'ater' AS del, CASE WHEN GROUPING(grupp) = 1 THEN 'T' ELSE grupp END AS rad,
       'personer' AS kolumn, COUNT(*) AS varde
FROM utfall GROUP BY ROLLUP (grupp)
UNION ALL
SELECT 'ater', CASE WHEN GROUPING(grupp) = 1 THEN 'T' ELSE grupp END, 'ej_ater', SUM(ej_ater)
FROM utfall GROUP BY ROLLUP (grupp)
UNION ALL
SELECT 'utan_nyckel', 'T', 'antal', COUNT(*)
FROM arende a CROSS JOIN period p
WHERE a.person_id IS NULL AND a.slutdatum >= p.fjol_fran AND a.slutdatum <= p.fjol_halvar
