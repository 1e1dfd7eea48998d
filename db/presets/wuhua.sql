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
