-- R11 Samverkan: insatser with an uppföljning in [s, e] whose variabel 14 is registered;
-- per insats, the codes chosen in its uppföljningar in [s, e]. Grouped by the ärende's
-- problematik codes (an insats counts under each; 0 = problematik not registered).
-- Any samverkan = a code 1-10; code 11 = need but no samverkan. SIP (variabel 15):
-- uppföljningar in [s, e] with it registered.
WITH u AS (
  SELECT u.uppfoljning_nr, u.insats_nr, u.arende_nr, u.sip
  FROM uppfoljning u CROSS JOIN period p
  WHERE u.datum >= p.fran AND u.datum <= p.till
),
koder AS (
  SELECT DISTINCT u.insats_nr, u.arende_nr, s.kod
  FROM u JOIN samverkan s ON s.uppfoljning_nr = u.uppfoljning_nr
),
ins AS (
  SELECT insats_nr, arende_nr,
         MAX(CASE WHEN kod <= 10 THEN 1 ELSE 0 END) AS nagon,
         MAX(CASE WHEN kod = 11 THEN 1 ELSE 0 END) AS behov,
         MAX(CASE WHEN kod = 12 THEN 1 ELSE 0 END) AS inget_behov
  FROM koder GROUP BY insats_nr, arende_nr
),
-- the groups of each insats's ärende (its problematik codes, '0' when none, and 'T')
ig AS (
  SELECT DISTINCT ins.insats_nr, ins.arende_nr,
         COALESCE(CAST(pr.kod AS VARCHAR), '0') AS grupp,
         ins.nagon, ins.behov, ins.inget_behov
  FROM ins
  JOIN arende a ON a.arende_nr = ins.arende_nr
  LEFT JOIN problematik pr ON pr.arende_nr = ins.arende_nr
  UNION ALL
  SELECT ins.insats_nr, ins.arende_nr, 'T', ins.nagon, ins.behov, ins.inget_behov
  FROM ins JOIN arende a ON a.arende_nr = ins.arende_nr
),
gs AS (
  SELECT grupp, COUNT(*) AS n, SUM(nagon) AS nagon, SUM(behov) AS behov,
         SUM(inget_behov) AS inget_behov
  FROM ig GROUP BY grupp
)
SELECT 'grupp' AS del, grupp AS rad, 'n' AS kolumn, n AS varde FROM gs
UNION ALL SELECT 'grupp', grupp, 'nagon', nagon FROM gs
UNION ALL SELECT 'grupp', grupp, 'behov', behov FROM gs
UNION ALL SELECT 'grupp', grupp, 'inget_behov', inget_behov FROM gs
UNION ALL
SELECT 'aktor', CAST(kod AS VARCHAR), 'antal', COUNT(DISTINCT insats_nr) FROM koder GROUP BY kod
UNION ALL SELECT 'aktor', 'n', 'antal', COUNT(*) FROM ins
UNION ALL
SELECT 'sip', CAST(sip AS VARCHAR), 'antal', COUNT(*) FROM u WHERE sip IS NOT NULL GROUP BY sip
UNION ALL SELECT 'sip', 'T', 'antal', COUNT(*) FROM u WHERE sip IS NOT NULL
