-- Preset district: 昆明市五华区 (Yunnan), from 五华区中小学教师培训学时登记管理实施细则（试行）.
-- Only the school hours admin registers (不受理个人学时登记申报): no self-registration.
-- School summaries are due 09-10.
INSERT INTO district (code, name, province, city, authority, self_registration)
VALUES ('wuhua', '五华区', '云南省', '昆明市', '五华区基础教育科学研究中心师训办', 0);

INSERT INTO school_year (district_id, label, starts_on, ends_on, is_current,
	register_deadline, school_review_deadline, district_review_deadline)
SELECT id, '2025-2026', '2025-07-01', '2026-06-30', 1,
	'2026-06-30', '2026-09-10', '2026-09-30'
FROM district WHERE code = 'wuhua';

-- Assessment (一、五、六): 72 h a year, 360 h in five years; new teachers
-- 120 in their first year (adaptive training), new principals 300; a school
-- with 10% or more of its teachers failing is flagged.
INSERT INTO policy (school_year_id, min_tenths, normative_min_tenths, new_teacher_tenths,
	new_principal_tenths, cycle_years, cycle_min_tenths, flag_percent, points_reading)
SELECT y.id, 720, 0, 1200, 3000, 5, 3600, 10, 'quarters'
FROM school_year y JOIN district d ON d.id = y.district_id
WHERE d.code = 'wuhua' AND y.label = '2025-2026';

-- Cap groups: a merged condition cell of the source table spans several
-- rows, so a cap belongs to a group of items (domain.md). 教学成果 and
-- 辅导学生 share one merged cell and so one group (a district may split it).
WITH g(code, name, cap) AS (VALUES
	('ztpx', '专题培训', 240),
	('jzbf', '精准帮扶专题讲座、示范课', 240),
	('jyhd', '参加教研活动', 240),
	('xsjz', '区级学术讲座主讲', 720),
	('zyps', '专业评审', 240),
	('jxcg', '教学成果与辅导学生获奖', 240),
	('lwhj', '论文获奖', 240),
	('lzfb', '论著发表', 240)
)
INSERT INTO cap_group (school_year_id, code, name, cap_tenths)
SELECT y.id, g.code, g.name, g.cap
FROM g, school_year y JOIN district d ON d.id = y.district_id
WHERE d.code = 'wuhua' AND y.label = '2025-2026';

-- The complete table of 五华区可认定登记学时研训项目明细: 40 items, 1192 hours
-- in the 学时 column. Conditions are copied from the source, including the
-- merged cells repeated on every row they span.
WITH v(sort_order, code, category, name, hours, unit, conditions, rule_type, params, cap, grp, asks) AS (VALUES
	(10, 'xjspx', '培训活动', '新教师试用期培训班', 1200, '一期',
	 '各项考核合格，优秀学员学时登记为规定学时的125%，优秀学员人数不超过培训班人数的10%',
	 'trainee_multiplier', '{"excellent_percent":125,"quota_percent":10}', NULL, NULL, ''),
	(20, 'xzrz', '培训活动', '小学校长任职资格培训班', 3000, '一期',
	 '各项考核合格，优秀学员学时登记为规定学时的125%，优秀学员人数不超过培训班人数的10%',
	 'trainee_multiplier', '{"excellent_percent":125,"quota_percent":10}', NULL, NULL, ''),
	(30, 'rc51336', '培训活动', '51336教育人才培养计划', 720, '一期',
	 '各项考核合格，优秀学员学时登记为规定学时的125%，优秀学员人数不超过培训班人数的10%',
	 'trainee_multiplier', '{"excellent_percent":125,"quota_percent":10}', NULL, NULL, ''),
	(40, 'qjxx', '培训活动', '区级地方选修课程', 240, '一期',
	 '各项考核合格，优秀学员学时登记为规定学时的125%，优秀学员人数不超过培训班人数的10%',
	 'trainee_multiplier', '{"excellent_percent":125,"quota_percent":10}', NULL, NULL, ''),
	(50, 'gjyx', '培训活动', '干部教师高级研修班', 480, '一期',
	 '各项考核合格，优秀学员学时登记为规定学时的125%，优秀学员人数不超过培训班人数的10%',
	 'trainee_multiplier', '{"excellent_percent":125,"quota_percent":10}', NULL, NULL, ''),
	(60, 'xbpx', '培训活动', '校本培训', 480, '一学年',
	 '区基础教育科学研究中心考核合格', 'per_unit', '{}', 480, NULL, ''),
	(70, 'ztpx', '培训活动', '专题培训', 40, '半天',
	 '按专题培训考勤及作业记录，据实登记，累计不超过24学时', 'per_unit', '{}', NULL, 'ztpx', ''),
	(80, 'zjsx', '精准帮扶', '志愿支教、送教下乡专题讲座、示范课', 50, '一次',
	 '按负责组织志愿支教、送教下乡专题讲座、示范课活动记录，据实登记，累计不超过24学时',
	 'per_unit', '{}', NULL, 'jzbf', ''),
	(90, 'qzzj', '精准帮扶', '全职支教', 720, '一学年',
	 '支教学校提供，支教教师履职考核合格记录', 'per_unit', '{}', 720, NULL, ''),
	(100, 'jyhd', '教研活动', '参加科研中心教研员主持的教研活动', 40, '半天',
	 '学校分学科申报，教研员按考勤记录据实审核，累计不超过24学时', 'per_unit', '{}', NULL, 'jyhd', ''),
	(110, 'xsjz', '教研活动', '承担区级学术讲座主讲教师', 80, '半天',
	 '学校按区教育局或科研中心聘书据实申报，累计不超过72学时', 'per_unit', '{}', NULL, 'xsjz', ''),
	(120, 'zyps', '专业评审', '学科带头人教坛新秀等评选课堂教学评审', 20, '一节课',
	 '学校按区基础教育科学研究中心评委聘书据实申报，累计不超过24学时', 'per_unit', '{}', NULL, 'zyps', ''),
	(130, 'yjs', '学历进修', '教师进修研究生学历（学位）', 480, '一学年',
	 '相应大专院校出具的年度成绩或学时证明', 'per_unit', '{}', 480, NULL, ''),
	(140, 'bk', '学历进修', '小学、幼儿园教师进修本科学历', 480, '一学年',
	 '相应大专院校出具的年度成绩或学时证明', 'per_unit', '{}', 480, NULL, ''),
	(150, 'zk', '学历进修', '参加自学考试', 240, '一科',
	 '自学考试单科合格成绩单', 'per_unit', '{}', NULL, NULL, ''),
	(160, 'gzszcr', '三名工程', '工作室（基地）主持人', 720, '一学年',
	 '工作室（基地）工作年度考核合格', 'per_unit', '{}', 720, NULL, ''),
	(170, 'gzsxy', '三名工程', '工作室（基地）学员', 480, '一学年',
	 '工作室（基地）主持人提供考核合格人员名单', 'per_unit', '{}', 480, NULL, ''),
	(180, 'kt-sj-zc', '科研活动', '主持市级及以上立项课题研究', 480, '一课题',
	 '凭结题证书，当年计学时一次，每个课题组负责人限1人',
	 'participant_limit', '{"role":"leader","limit":1}', NULL, NULL, 'certificate'),
	(190, 'kt-sj-cy', '科研活动', '参加市级及以上立项课题研究（成员）', 240, '一课题',
	 '凭结题证书，当年计学时一次，每个课题成员最多4人',
	 'participant_limit', '{"role":"member","limit":4}', NULL, NULL, 'certificate'),
	(200, 'kt-qj-zc', '科研活动', '主持区级立项课题研究', 240, '一课题',
	 '凭结题证书，当年计学时一次，每个课题组负责人限1人',
	 'participant_limit', '{"role":"leader","limit":1}', NULL, NULL, 'certificate'),
	(210, 'kt-qj-cy', '科研活动', '参加区级立项课题研究（成员）', 120, '一课题',
	 '凭结题证书，当年计学时一次，每个课题成员最多4人',
	 'participant_limit', '{"role":"member","limit":4}', NULL, NULL, 'certificate'),
	(220, 'yzk-sj', '教学成果', '获省级及以上优质课奖', 60, '一节课',
	 '凭获奖证书，当年计学时一次，据实登记，累计不超过24学时', 'once_per_certificate', '{}', NULL, 'jxcg', 'certificate'),
	(230, 'yzk-shi', '教学成果', '获市级优质课奖', 40, '一节课',
	 '凭获奖证书，当年计学时一次，据实登记，累计不超过24学时', 'once_per_certificate', '{}', NULL, 'jxcg', 'certificate'),
	(240, 'yzk-qj', '教学成果', '获区级优质课奖', 20, '一节课',
	 '凭获奖证书，当年计学时一次，据实登记，累计不超过24学时', 'once_per_certificate', '{}', NULL, 'jxcg', 'certificate'),
	(250, 'fdxs-sj', '辅导学生', '辅导学生获省级及以上奖', 30, '一人次',
	 '凭获奖证书，当年计学时一次，据实登记，累计不超过24学时；比赛主办方须为中国教育学会各专业委员会、学科学会、国家（省市）教科院，指导教师须有指导证明',
	 'once_per_certificate', '{}', NULL, 'jxcg', 'certificate'),
	(260, 'fdxs-shi', '辅导学生', '辅导学生获市级奖', 20, '一人次',
	 '凭获奖证书，当年计学时一次，据实登记，累计不超过24学时；比赛主办方须为中国教育学会各专业委员会、学科学会、国家（省市）教科院，指导教师须有指导证明',
	 'once_per_certificate', '{}', NULL, 'jxcg', 'certificate'),
	(270, 'fdxs-qj', '辅导学生', '辅导学生获区级奖', 10, '一人次',
	 '凭获奖证书，当年计学时一次，据实登记，累计不超过24学时；比赛主办方须为中国教育学会各专业委员会、学科学会、国家（省市）教科院，指导教师须有指导证明',
	 'once_per_certificate', '{}', NULL, 'jxcg', 'certificate'),
	(280, 'lw-sj1', '论文获奖', '省级一等奖及以上', 150, '一篇次',
	 '凭获奖证书，仅限第一作者，当年计学时一次。据实登记，累计不超过24学时；主办方须为中国教育学会各专业委员会、学科学会、国家（省市）教科院、区基础教育科学研究中心',
	 'once_per_certificate', '{}', NULL, 'lwhj', 'certificate first_author'),
	(290, 'lw-sj2', '论文获奖', '省级二等奖或市级一等奖', 100, '一篇次',
	 '凭获奖证书，仅限第一作者，当年计学时一次。据实登记，累计不超过24学时；主办方须为中国教育学会各专业委员会、学科学会、国家（省市）教科院、区基础教育科学研究中心',
	 'once_per_certificate', '{}', NULL, 'lwhj', 'certificate first_author'),
	(300, 'lw-sj3', '论文获奖', '省级三等奖或市级二等奖', 70, '一篇次',
	 '凭获奖证书，仅限第一作者，当年计学时一次。据实登记，累计不超过24学时；主办方须为中国教育学会各专业委员会、学科学会、国家（省市）教科院、区基础教育科学研究中心',
	 'once_per_certificate', '{}', NULL, 'lwhj', 'certificate first_author'),
	(310, 'lw-shi3', '论文获奖', '市级三等奖或区级一等奖', 50, '一篇次',
	 '凭获奖证书，仅限第一作者，当年计学时一次。据实登记，累计不超过24学时；主办方须为中国教育学会各专业委员会、学科学会、国家（省市）教科院、区基础教育科学研究中心',
	 'once_per_certificate', '{}', NULL, 'lwhj', 'certificate first_author'),
	(320, 'lw-qj2', '论文获奖', '区级二等奖', 40, '一篇次',
	 '凭获奖证书，仅限第一作者，当年计学时一次。据实登记，累计不超过24学时；主办方须为中国教育学会各专业委员会、学科学会、国家（省市）教科院、区基础教育科学研究中心',
	 'once_per_certificate', '{}', NULL, 'lwhj', 'certificate first_author'),
	(330, 'lw-qj3', '论文获奖', '区级三等奖', 30, '一篇次',
	 '凭获奖证书，仅限第一作者，当年计学时一次。据实登记，累计不超过24学时；主办方须为中国教育学会各专业委员会、学科学会、国家（省市）教科院、区基础教育科学研究中心',
	 'once_per_certificate', '{}', NULL, 'lwhj', 'certificate first_author'),
	(340, 'lz-zb', '论著发表', '公开发表论著（著/编著/主编）', 240, '一本次',
	 '凭发表论著复印件，仅限第一作者，当年计学时一次。据实登记，累计不超过24学时；论著须取得ISBN标准书号并出版发行',
	 'once_per_certificate', '{}', NULL, 'lzfb', 'isbn first_author'),
	(350, 'lz-fzb', '论著发表', '公开发表论著（副主编）', 120, '一本次',
	 '凭发表论著复印件，仅限第一作者，当年计学时一次。据实登记，累计不超过24学时；论著须取得ISBN标准书号并出版发行',
	 'once_per_certificate', '{}', NULL, 'lzfb', 'isbn'),
	(360, 'lz-bz3', '论著发表', '公开发表论著（编者前3名）', 60, '一本次',
	 '凭发表论著复印件，仅限第一作者，当年计学时一次。据实登记，累计不超过24学时；论著须取得ISBN标准书号并出版发行',
	 'once_per_certificate', '{}', NULL, 'lzfb', 'isbn'),
	(370, 'kw-gj', '论著发表', '国家级刊物公开发表', 150, '一篇次',
	 '凭发表论著复印件，仅限第一作者，当年计学时一次。据实登记，累计不超过24学时；期刊须有国内统一刊号（CN）',
	 'once_per_certificate', '{}', NULL, 'lzfb', 'cn first_author'),
	(380, 'kw-sj', '论著发表', '省级刊物公开发表', 100, '一篇次',
	 '凭发表论著复印件，仅限第一作者，当年计学时一次。据实登记，累计不超过24学时；期刊须有国内统一刊号（CN）',
	 'once_per_certificate', '{}', NULL, 'lzfb', 'cn first_author'),
	(390, 'kw-shi', '论著发表', '市级刊物公开发表', 50, '一篇次',
	 '凭发表论著复印件，仅限第一作者，当年计学时一次。据实登记，累计不超过24学时；期刊须有国内统一刊号（CN）',
	 'once_per_certificate', '{}', NULL, 'lzfb', 'cn first_author'),
	(400, 'kw-qj', '论著发表', '区级刊物公开发表', 30, '一篇次',
	 '凭发表论著复印件，仅限第一作者，当年计学时一次。据实登记，累计不超过24学时；期刊须有国内统一刊号（CN）',
	 'once_per_certificate', '{}', NULL, 'lzfb', 'cn first_author')
)
INSERT INTO item (school_year_id, code, category, name, hours_tenths, unit, conditions,
	rule_type, params, normative, cap_tenths, cap_group_id, asks, sort_order)
SELECT y.id, v.code, v.category, v.name, v.hours, v.unit, v.conditions, v.rule_type,
	v.params, 0, v.cap, (SELECT g.id FROM cap_group g WHERE g.school_year_id = y.id AND g.code = v.grp),
	v.asks, v.sort_order
FROM v, school_year y JOIN district d ON d.id = y.district_id
WHERE d.code = 'wuhua' AND y.label = '2025-2026';

-- The titles its printed forms carry (migration 0009; /district/settings).
UPDATE district SET card_title = '昆明市中小学教师培训学时登记卡' WHERE code = 'wuhua';

-- What the notice refuses and whom it accepts (migration 0011). 三: 教师学历
-- 提高培训非国民教育系列、学历补偿教育不予登记学时 - the 学历进修 items list
-- both; the 辅导学生 awards count only when the competition's organiser is
-- one the table names (比赛主办方须为中国教育学会各专业委员会、学科学会、国家
-- （省市）教科院), so their form asks the organiser from that list. The lists are
-- one entry per line: the line breaks are inside the literals (both engines).
UPDATE item SET exclusions = '教师学历提高培训非国民教育系列
学历补偿教育'
 WHERE category = '学历进修' AND school_year_id IN (SELECT y.id FROM school_year y
	JOIN district d ON d.id = y.district_id WHERE d.code = 'wuhua');
UPDATE item SET asks = asks || ' organiser',
	organisers = '中国教育学会各专业委员会
学科学会
国家（省市）教科院'
 WHERE code LIKE 'fdxs-%' AND school_year_id IN (SELECT y.id FROM school_year y
	JOIN district d ON d.id = y.district_id WHERE d.code = 'wuhua');
