-- R3 Aktualiseringsorsak (variabel 2, flerval): ärenden aktualiserade in [s, e]; each chosen
-- code counts once per ärende; n = ärenden with the variable registered; by kön and age band
-- at aktualisering.
WITH a AS (
  SELECT a.arende_nr,
         CAST(COALESCE(a.juridiskt_kon, 0) AS VARCHAR) AS kon,
         a.aldersband_aktualisering AS band,
         CASE WHEN EXISTS (SELECT 1 FROM aktualiseringsorsak o WHERE o.arende_nr = a.arende_nr)
              THEN 1 ELSE 0 END AS registrerad
  FROM arende a
  CROSS JOIN period p
  WHERE a.aktualiseringsdatum >= p.fran AND a.aktualiseringsdatum <= p.till
),
k AS (
  SELECT a.kon, a.band, CAST(o.kod AS VARCHAR) AS kod
  FROM a JOIN aktualiseringsorsak o ON o.arende_nr = a.arende_nr
),
g AS (
  SELECT 'kon' AS del, kon AS grupp, kod FROM k
  UNION ALL SELECT 'alder', band, kod FROM k
  UNION ALL SELECT 'kon', 'T', kod FROM k
  UNION ALL SELECT 'alder', 'T', kod FROM k
),
n AS (
  SELECT 'kon' AS del, kon AS grupp, registrerad FROM a
  UNION ALL SELECT 'alder', band, registrerad FROM a
  UNION ALL SELECT 'kon', 'T', registrerad FROM a
  UNION ALL SELECT 'alder', 'T', registrerad FROM a
)
SELECT del, kod AS rad, grupp AS kolumn, COUNT(*) AS varde FROM g GROUP BY del, kod, grupp
UNION ALL
SELECT del, 'koder', grupp, COUNT(*) FROM g GROUP BY del, grupp
UNION ALL
SELECT del, 'n', grupp, SUM(registrerad) FROM n GROUP BY del, grupp
UNION ALL
SELECT del, 'saknas', grupp, SUM(1 - registrerad) FROM n GROUP BY del, grupp
