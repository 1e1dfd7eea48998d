-- Preset district: 乐山市五通桥区 (Sichuan), from 五教发中心〔2022〕1号.
-- The school year 2021-07-01 .. 2022-06-30; teachers register by 06-30,
-- schools review first "9 月前" (read as by 08-31), the district in September.
INSERT INTO district (code, name, province, city, authority, self_registration)
VALUES ('wutongqiao', '五通桥区', '四川省', '乐山市', '五通桥区教师发展中心', 1);

INSERT INTO school_year (district_id, label, starts_on, ends_on, is_current,
	register_deadline, school_review_deadline, district_review_deadline)
SELECT id, '2021-2022', '2021-07-01', '2022-06-30', 1,
	'2022-06-30', '2022-08-31', '2022-09-30'
FROM district WHERE code = 'wutongqiao';
