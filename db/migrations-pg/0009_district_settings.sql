-- PostgreSQL version of db/migrations/0009_district_settings.sql (issue 18): the same tables,
-- columns, constraints, indexes and trigger behaviour.
-- 0009: what a district sets for itself on /district/settings (issue 12):
--  * stamp_text: the wording of the district's stamp on the printed forms
--    (五通桥区教师发展中心 ...); '' prints the authority's name.
--  * card_title, summary_title: the titles of the printed registration card
--    and summary table; '' prints the product's own (继续教育学时登记卡,
--    继续教育学时汇总表). 五通桥 prints the city's forms as its notice's list of
--    attachments names them (附件 1, 2): 乐山市教师继续教育登记表 and
--    乐山市教师继续教育学时汇总表 (the notice's body shortens the second to
--    乐山市继续教育学时汇总表); 五华 the city's 昆明市中小学教师培训学时登记卡.
-- The presets set theirs (db/presets/); this sets them where the presets
-- were loaded before.
ALTER TABLE district ADD COLUMN stamp_text text NOT NULL DEFAULT ''
	CHECK (length(stamp_text) <= 64);
ALTER TABLE district ADD COLUMN card_title text NOT NULL DEFAULT ''
	CHECK (length(card_title) <= 64);
ALTER TABLE district ADD COLUMN summary_title text NOT NULL DEFAULT ''
	CHECK (length(summary_title) <= 64);
UPDATE district SET card_title = '乐山市教师继续教育登记表',
	summary_title = '乐山市教师继续教育学时汇总表' WHERE code = 'wutongqiao';
UPDATE district SET card_title = '昆明市中小学教师培训学时登记卡' WHERE code = 'wuhua';
