-- R4 Problematik (variabel 9, flerval) after utredning: ärenden whose first beslut lies in
-- [s, e]; each chosen code counts once per ärende; by kön and age band at aktualisering.
-- And variable 2 against variable 9 (the same codes): for ärenden with both registered,
-- how many had a problematik code that was not among their aktualiseringsorsaker.
WITH a AS (
  SELECT a.arende_nr,
         CAST(COALESCE(a.juridiskt_kon, 0) AS VARCHAR) AS kon,
         a.aldersband_aktualisering AS band,
         CASE WHEN EXISTS (SELECT 1 FROM problematik o WHERE o.arende_nr = a.arende_nr)
              THEN 1 ELSE 0 END AS registrerad,
         CASE WHEN EXISTS (SELECT 1 FROM aktualiseringsorsak o WHERE o.arende_nr = a.arende_nr)
              THEN 1 ELSE 0 END AS orsak_registrerad
  FROM arende a
  CROSS JOIN period p
  WHERE a.forsta_beslutsdatum >= p.fran AND a.forsta_beslutsdatum <= p.till
),
k AS (
  SELECT a.arende_nr, a.kon, a.band, a.orsak_registrerad, o.kod,
         CASE WHEN EXISTS (SELECT 1 FROM aktualiseringsorsak x
                           WHERE x.arende_nr = a.arende_nr AND x.kod = o.kod)
              THEN 0 ELSE 1 END AS ny
  FROM a JOIN problematik o ON o.arende_nr = a.arende_nr
),
g AS (
  SELECT 'kon' AS del, kon AS grupp, CAST(kod AS VARCHAR) AS kod FROM k
  UNION ALL SELECT 'alder', band, CAST(kod AS VARCHAR) FROM k
  UNION ALL SELECT 'kon', 'T', CAST(kod AS VARCHAR) FROM k
  UNION ALL SELECT 'alder', 'T', CAST(kod AS VARCHAR) FROM k
),
n AS (
  SELECT 'kon' AS del, kon AS grupp, registrerad FROM a
  UNION ALL SELECT 'alder', band, registrerad FROM a
  UNION ALL SELECT 'kon', 'T', registrerad FROM a
  UNION ALL SELECT 'alder', 'T', registrerad FROM a
),
jamford AS (
  SELECT CAST(kod AS VARCHAR) AS rad, arende_nr, ny FROM k WHERE orsak_registrerad = 1
  UNION ALL
  SELECT 'T', arende_nr, MAX(ny) FROM k WHERE orsak_registrerad = 1 GROUP BY arende_nr
)
SELECT del, kod AS rad, grupp AS kolumn, COUNT(*) AS varde FROM g GROUP BY del, kod, grupp
UNION ALL
SELECT del, 'koder', grupp, COUNT(*) FROM g GROUP BY del, grupp
UNION ALL
SELECT del, 'n', grupp, SUM(registrerad) FROM n GROUP BY del, grupp
UNION ALL
SELECT del, 'saknas', grupp, SUM(1 - registrerad) FROM n GROUP BY del, grupp
UNION ALL
SELECT 'jamforelse', rad, 'med', COUNT(*) FROM jamford GROUP BY rad
UNION ALL
SELECT 'jamforelse', rad, 'ny', SUM(ny) FROM jamford GROUP BY rad
