-- tests/pg/schema_compare.sh: each line one SELECT, run on SQLite and on
-- PostgreSQL; the outputs must be the same text. Values come through t(x)
-- (a text column) as the programs' columns and parameters do.
WITH t(x) AS (SELECT '2024-03-05T13:14:15Z') SELECT 'strftime iso', strftime('%Y-%m-%dT%H:%M:%SZ', x) FROM t;
WITH t(x) AS (SELECT '2024-03-05T13:14:15Z') SELECT 'strftime local', strftime('%Y-%m-%d %H:%M:%S', x, printf('%+d minutes', 480)) FROM t;
WITH t(x) AS (SELECT '2024-12-31T20:00:00Z') SELECT 'strftime west', strftime('%Y-%m-%d %H:%M:%S', x, printf('%+d minutes', -300)), strftime('%Y-%m-%d %H:%M:%S', x, printf('%+d minutes', 240)) FROM t;
WITH t(x) AS (SELECT '2024-03-05 13:14:15.678') SELECT 'strftime all', strftime('%Y %m %d %H %M %S %f %s %j %w %W %%', x) FROM t;
WITH t(x) AS (SELECT '2024-03-05') SELECT 'strftime date', strftime('%Y-%m-%dT%H:%M:%SZ', x), strftime('%s', x) FROM t;
SELECT 'strftime now', length(strftime('%Y-%m-%dT%H:%M:%SZ', 'now')), substr(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 20, 1), length(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
WITH t(x) AS (SELECT '2024-02-30') SELECT 'date raw', date(x), date(x, '+0 days'), date(x, '+1 months'), date(x, '+3 years'), date(x, 'start of month') FROM t;
WITH t(x) AS (SELECT '2024-01-31') SELECT 'date months', date(x, '+1 months'), date(x, '-1 days'), date(x, '+60 days'), date(x, 'start of month', '+1 months', '-1 days') FROM t;
WITH t(x) AS (SELECT '2024-02-29') SELECT 'date years', date(x, printf('%+d years', 3)), date(x, printf('%+d years', -4)), date(x, printf('%+d years', 1)) FROM t;
WITH t(x) AS (SELECT '2024-13-01') SELECT 'date bad', date(x), coalesce(date(x), 'null') FROM t;
WITH t(x) AS (SELECT '2024-7-1') SELECT 'date loose', coalesce(date(x), 'null') FROM t;
WITH t(x) AS (SELECT '2024-06-30T23:30:00-02:00') SELECT 'date zone', date(x), strftime('%Y-%m-%dT%H:%M:%SZ', x) FROM t;
WITH t(x) AS (SELECT NULL) SELECT 'date null', coalesce(date(x), 'null'), coalesce(strftime('%Y', x), 'null'), coalesce(julianday(x), -1) FROM t;
SELECT 'date now', CASE WHEN date('now', '+0 days') = substr(strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 1, 10) THEN 1 ELSE 0 END, length(date('now', '+60 days'));
-- (a whole real prints as 7.0 on SQLite, 7 on PostgreSQL: compared, not printed)
WITH t(x) AS (SELECT '2024-01-01') SELECT 'julianday', julianday(x), CASE WHEN julianday(x) - julianday('2023-12-25') = 7 THEN 1 ELSE 0 END, CASE WHEN julianday('2024-03-01') - julianday(x) = 60 THEN 1 ELSE 0 END FROM t;
WITH t(x) AS (SELECT '2024-01-01T06:00:00Z') SELECT 'julianday time', julianday(x), julianday(x, '+12 hours') FROM t;
WITH t(x) AS (SELECT '一二三四五') SELECT 'instr', instr(x, '三'), instr(x, 'x'), instr(x, ''), coalesce(instr(NULL, x), -1) FROM t;
WITH t(x) AS (SELECT '["video","book"]') SELECT 'instr video', CASE WHEN instr(x, '"video"') > 0 THEN 1 ELSE 0 END FROM t;
SELECT 'printf', printf('%d-%d', 2024, 2024 + 1), printf('%d-07-01', 2024), printf('WJF-%d-BA-07', 2023), printf('%+d years', -2), printf('%+d minutes', 480), printf('%+d years', 0);
WITH t(x) AS (SELECT '{"tiers":{"school":10,"national":40},"max":120,"role":"leader","addons":{"video":5},"quota_percent":10}')
 SELECT 'json_extract', json_extract(x, '$.tiers.school'), json_extract(x, '$.tiers.national'), json_extract(x, '$.max'), json_extract(x, '$.role'), json_extract(x, '$.addons.video'), coalesce(json_extract(x, '$.threshold'), 'null') FROM t;
WITH t(x) AS (SELECT '[120, 250,380,400]') SELECT 'json_extract array', json_extract(x, '$[0]'), json_extract(x, '$[3]'), coalesce(json_extract(x, '$[4]'), 'null') FROM t;
WITH t(x) AS (SELECT '{"a":true,"b":false,"c":null,"d":"x y","e":[1, 2]}') SELECT 'json_extract kinds', json_extract(x, '$.a'), json_extract(x, '$.b'), coalesce(json_extract(x, '$.c'), 'null'), json_extract(x, '$.d'), json_extract(x, '$.e') FROM t;
WITH t(x) AS (SELECT NULL) SELECT 'json_extract null', coalesce(json_extract(x, '$.a'), 'null') FROM t;
WITH t(x) AS (SELECT '{"a": 1}') SELECT 'json_valid', CASE WHEN json_valid(x) THEN 1 ELSE 0 END, CASE WHEN json_valid('{') THEN 1 ELSE 0 END, CASE WHEN json_valid('') THEN 1 ELSE 0 END FROM t;
WITH t(x) AS (SELECT '{ "a" : [1, 2], "b": "x y" }') SELECT 'json', json(x) FROM t;
WITH t(x) AS (SELECT '{"b":2,"a":"x","c":{"d": [1]},"e":null}') SELECT 'json_each', key, CASE WHEN type IN ('object', 'array') THEN json(value) ELSE value END, type FROM t, json_each(t.x) ORDER BY key;
WITH t(x) AS (SELECT 'b' UNION ALL SELECT NULL UNION ALL SELECT 'a') SELECT 'group_concat', group_concat(x, ' '), group_concat(x, ',') FROM (SELECT x FROM t ORDER BY x) s;
WITH t(x) AS (SELECT 'x' WHERE 1 = 0) SELECT 'group_concat empty', coalesce(group_concat(x, ','), 'null') FROM t;
WITH t(x) AS (SELECT '2024-07-01') SELECT 'max min', max(x, '2024-08-01'), min(x, '2024-08-01'), max(x, ''), coalesce(max(x, NULL), 'null'), max(3, 5), min(3, 5) FROM t;
