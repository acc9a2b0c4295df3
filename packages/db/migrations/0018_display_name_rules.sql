-- Custom SQL migration file, put your code below! ---- hand-written below
-- Display names from before core's rules (issue 14): line breaks and control characters become
-- spaces, text-direction controls go, whitespace is trimmed as JavaScript's trim() does, and the
-- first 50 characters stay; a name left empty becomes "Coinstream viewer". Every result passes
-- normalizeDisplayName, which refuses such names from now on.
UPDATE "users" u
SET "name" = coalesce(nullif(t."name", ''), 'Coinstream viewer')
FROM (
  SELECT c."id",
         regexp_replace(
           left(regexp_replace(c."name", '^[\u0020\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\ufeff]+', ''), 50),
           '[\u0020\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\ufeff]+$', '') AS "name"
  FROM (
    SELECT "id",
           regexp_replace(
             regexp_replace("name", '[\u0001-\u001f\u007f-\u009f\u2028\u2029]', ' ', 'g'),
             '[\u202a-\u202e\u2066-\u2069]', '', 'g') AS "name"
    FROM "users"
  ) c
) t
WHERE u."id" = t."id" AND u."name" IS DISTINCT FROM coalesce(nullif(t."name", ''), 'Coinstream viewer');
