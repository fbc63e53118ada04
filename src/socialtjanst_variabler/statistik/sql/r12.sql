-- R12 Avslut och jämlikhet: insatser ended (avslut) in [s, e]; avslutsorsak (variabel 20)
-- and genomförande (variabel 19) by kön, age band at the avslut and ursprung (0 = not
-- registered). The durations by the same groups are R8's D3 (shown with this report).
WITH i AS (
  SELECT CAST(COALESCE(i.avslutsorsak, 0) AS VARCHAR) AS orsak,
         CAST(COALESCE(i.genomforande, 0) AS VARCHAR) AS genomforande,
         CAST(COALESCE(a.juridiskt_kon, 0) AS VARCHAR) AS kon,
         i.aldersband_avslut AS band,
         CAST(COALESCE(a.ursprung_grupp, 0) AS VARCHAR) AS urs
  FROM insats i
  JOIN arende a ON a.arende_nr = i.arende_nr
  CROSS JOIN period p
  WHERE i.avslutsdatum >= p.fran AND i.avslutsdatum <= p.till
),
g AS (
  SELECT 'kon' AS dim, kon AS grupp, orsak, genomforande FROM i
  UNION ALL SELECT 'alder', band, orsak, genomforande FROM i
  UNION ALL SELECT 'ursprung', urs, orsak, genomforande FROM i
)
SELECT 'orsak_' || dim AS del,
       CASE WHEN GROUPING(orsak) = 1 THEN 'T' ELSE orsak END AS rad,
       CASE WHEN GROUPING(grupp) = 1 THEN 'T' ELSE grupp END AS kolumn,
       COUNT(*) AS varde
FROM g GROUP BY dim, CUBE (orsak, grupp)
UNION ALL
SELECT 'genomforande_' || dim,
       CASE WHEN GROUPING(genomforande) = 1 THEN 'T' ELSE genomforande END,
       CASE WHEN GROUPING(grupp) = 1 THEN 'T' ELSE grupp END,
       COUNT(*)
FROM g GROUP BY dim, CUBE (genomforande, grupp)
