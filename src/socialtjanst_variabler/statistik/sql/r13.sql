-- R13 Brukarsvar: uppföljningar in [s, e]; the distribution of each user question; positive
-- share {1, 2} of the answers without "Vet inte" (code 6 for B1a, B1b, B3, B4; 5 for B2, B5);
-- by juridiskt kön and age band at the uppföljning; coverage = uppföljningar with any answer.
WITH u AS (
  SELECT u.*, CAST(COALESCE(a.juridiskt_kon, 0) AS VARCHAR) AS kon
  FROM uppfoljning u
  JOIN arende a ON a.arende_nr = u.arende_nr
  CROSS JOIN period p
  WHERE u.datum >= p.fran AND u.datum <= p.till
),
s AS (
  SELECT 'B1a' AS fraga, b1a AS svar, 6 AS vet_inte, kon, aldersband FROM u WHERE b1a IS NOT NULL
  UNION ALL SELECT 'B1b', b1b, 6, kon, aldersband FROM u WHERE b1b IS NOT NULL
  UNION ALL SELECT 'B2', b2, 5, kon, aldersband FROM u WHERE b2 IS NOT NULL
  UNION ALL SELECT 'B3', b3, 6, kon, aldersband FROM u WHERE b3 IS NOT NULL
  UNION ALL SELECT 'B4', b4, 6, kon, aldersband FROM u WHERE b4 IS NOT NULL
  UNION ALL SELECT 'B5', b5, 5, kon, aldersband FROM u WHERE b5 IS NOT NULL
),
-- the answers counted once per cell (question, answer, kön, band), then summed into each
-- grouping
c AS (
  SELECT fraga, svar, vet_inte, kon, aldersband, COUNT(*) AS antal
  FROM s GROUP BY fraga, svar, vet_inte, kon, aldersband
),
g AS (
  SELECT 'kon' AS dim, kon AS grupp, fraga, svar, vet_inte, antal FROM c
  UNION ALL SELECT 'alder', aldersband, fraga, svar, vet_inte, antal FROM c
  UNION ALL SELECT 'kon', 'T', fraga, svar, vet_inte, antal FROM c
  UNION ALL SELECT 'alder', 'T', fraga, svar, vet_inte, antal FROM c
)
SELECT 'fordelning' AS del, fraga || ':' || CAST(svar AS VARCHAR) AS rad, grupp AS kolumn,
       SUM(antal) AS varde
FROM g WHERE dim = 'kon'
GROUP BY fraga, svar, grupp
UNION ALL
SELECT 'positiv_' || dim, fraga, 'positiva:' || grupp,
       SUM(CASE WHEN svar IN (1, 2) THEN antal ELSE 0 END)
FROM g GROUP BY dim, fraga, grupp
UNION ALL
SELECT 'positiv_' || dim, fraga, 'bedomda:' || grupp,
       SUM(CASE WHEN svar < vet_inte THEN antal ELSE 0 END)
FROM g GROUP BY dim, fraga, grupp
UNION ALL
SELECT 'positiv_' || dim, fraga, 'vet_inte:' || grupp,
       SUM(CASE WHEN svar = vet_inte THEN antal ELSE 0 END)
FROM g GROUP BY dim, fraga, grupp
UNION ALL
SELECT 'tackning', 'T', 'med_svar',
       SUM(CASE WHEN b1a IS NOT NULL OR b1b IS NOT NULL OR b2 IS NOT NULL OR b3 IS NOT NULL
                  OR b4 IS NOT NULL OR b5 IS NOT NULL THEN 1 ELSE 0 END)
FROM u
UNION ALL
SELECT 'tackning', 'T', 'alla', COUNT(*) FROM u
