-- Demo schools: three per preset district.
INSERT INTO school (district_id, code, name, kind)
SELECT d.id, v.code, v.name, v.kind
FROM (SELECT 'wutongqiao' AS dc, 'wtq-sx' AS code, '五通桥区实验小学' AS name, 'primary' AS kind
      UNION ALL SELECT 'wutongqiao', 'wtq-nh', '五通桥区牛华中学', 'secondary'
      UNION ALL SELECT 'wutongqiao', 'wtq-zg', '五通桥区竹根幼儿园', 'kindergarten'
      UNION ALL SELECT 'wuhua', 'wh-hy', '五华区红云小学', 'primary'
      UNION ALL SELECT 'wuhua', 'wh-ez', '五华区第二中学', 'secondary'
      UNION ALL SELECT 'wuhua', 'wh-tj', '五华区特殊教育学校', 'special') AS v
JOIN district d ON d.code = v.dc;
