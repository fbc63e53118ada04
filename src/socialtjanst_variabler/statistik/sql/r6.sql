-- R6 Problematik x insats: ärenden with an insats verkställd in [s, e] and variabel 9
-- registered; for each problematik code p, n = such ärenden with p, and per insatstyp i the
-- number of them with an insats of type i verkställd in [s, e] (the share is their quotient).
WITH a AS (
  SELECT DISTINCT i.arende_nr
  FROM insats i CROSS JOIN period p
  WHERE i.verkstallighetsdatum >= p.fran AND i.verkstallighetsdatum <= p.till
),
typer AS (
  SELECT DISTINCT i.arende_nr, t.kod
  FROM insats i
  JOIN insatstyp t ON t.insats_nr = i.insats_nr
  CROSS JOIN period p
  WHERE i.verkstallighetsdatum >= p.fran AND i.verkstallighetsdatum <= p.till
)
SELECT 'matris' AS del, CAST(pr.kod AS VARCHAR) AS rad, 'n' AS kolumn, COUNT(*) AS varde
FROM a JOIN problematik pr ON pr.arende_nr = a.arende_nr
GROUP BY pr.kod
UNION ALL
SELECT 'matris', CAST(pr.kod AS VARCHAR), CAST(ty.kod AS VARCHAR), COUNT(*)
FROM a
JOIN problematik pr ON pr.arende_nr = a.arende_nr
JOIN typer ty ON ty.arende_nr = a.arende_nr
GROUP BY pr.kod, ty.kod
