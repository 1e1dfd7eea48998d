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

-- Assessment (二、（二）考核办法): 90 h, of which normative at least 45;
-- new teachers in their probation year 120. No new-principal rule, no cycle.
INSERT INTO policy (school_year_id, min_tenths, normative_min_tenths, new_teacher_tenths,
	new_principal_tenths, cycle_years, cycle_min_tenths, flag_percent, points_reading)
SELECT y.id, 900, 450, 1200, NULL, 5, NULL, NULL, 'quarters'
FROM school_year y JOIN district d ON d.id = y.district_id
WHERE d.code = 'wutongqiao' AND y.label = '2021-2022';

-- The catalogue: what the notice states (its attachment 4 is not in the
-- source; the district adds its other items in the catalogue pages).
-- Every item below is normative training (规范性培训) by the notice.
WITH v(code, category, name, hours, unit, conditions, rule_type, params, cap,
	needs_project, asks, sort_order) AS (VALUES
	('xxqg', '规范性培训', '“学习强国”学习', 50, '一季度',
	 '除去2020-2021学年度成长总积分基数18000分，每季度不低于2000分记5学时；成长总积分26000分以上者最高记20学时。附个人学习积分截图纸质材料和《五通桥区中小学教师“学习强国”学习积分登记表》',
	 'points_quarters', '{"base":18000,"gain":2000,"hours":50,"max":200,"threshold":26000}', 200, 0, '', 10),
	('dbw-shaike', '规范性培训', '“课堂教学大比武”网络晒课', 100, '一人次',
	 '参加网络晒课者计10学时/人，录制视频上传者加5学时/人，附学校管理员提供网络晒课名单',
	 'roster', '{"addons":{"video":50}}', 150, 0, '', 20),
	('dbw-yanjiu', '规范性培训', '“课堂教学大比武”晒课研究', 50, '一人次',
	 '参与晒课研究者5学时/人，附学校分管部门提供参与名单',
	 'roster', '{"addons":{}}', 50, 0, '', 30),
	('djxx', '规范性培训', '党建工作学习研讨', 100, '一期',
	 '每人每期计10学时。附学习记录', 'per_term', '{}', NULL, 0, '', 40),
	('zjjs', '规范性培训', '担任教师培训主讲教师', 0, '一次',
	 '需具备文件（或者方案）、签到表、讲稿、PPT，主讲时长不低于40分钟；校级4学时/次，区级8学时/次，市级12学时/次，省级16学时/次，国家级20学时/次',
	 'tiered_level', '{"tiers":{"school":40,"district":80,"city":120,"province":160,"national":200}}', NULL, 0, '', 50),
	('xxjs20', '规范性培训', '中小学教师信息技术应用能力提升工程2.0培训', 0, '一项',
	 '以结业证书学时为准', 'as_certified', '{"max":1000}', NULL, 0, 'certificate', 60),
	('sjzx', '规范性培训', '选派参加市级及以上专项培训项目', 0, '一项',
	 '以结业证书学时为准；培训项目须经区教师发展中心审批备案', 'as_certified', '{"max":3000}', NULL, 1, 'certificate', 70)
)
INSERT INTO item (school_year_id, code, category, name, hours_tenths, unit, conditions,
	rule_type, params, normative, cap_tenths, needs_project, asks, sort_order)
SELECT y.id, v.code, v.category, v.name, v.hours, v.unit, v.conditions, v.rule_type,
	v.params, 1, v.cap, v.needs_project, v.asks, v.sort_order
FROM v, school_year y JOIN district d ON d.id = y.district_id
WHERE d.code = 'wutongqiao' AND y.label = '2021-2022';

-- The titles its printed forms carry (migration 0009; /district/settings).
UPDATE district SET card_title = '乐山市教师继续教育登记表',
	summary_title = '乐山市教师继续教育学时汇总表' WHERE code = 'wutongqiao';
