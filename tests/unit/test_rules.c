/*
 * test_rules.c - every rule type and every cap, with the worked examples of
 * the sources (docs/rules.md repeats them), and the assessment boundaries.
 */
#include "core/rules.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

static struct rule_input
input(void)
{
	struct rule_input in;

	memset(&in, 0, sizeof(in));
	in.quantity = -1;
	in.level = -1;
	in.certified = -1;
	in.excellent = -1;
	for (int i = 0; i < 4; i++)
		in.points[i] = -1;
	return in;
}

static struct rule_params
params(enum rule_type t, tenths hours)
{
	struct rule_params p;

	memset(&p, 0, sizeof(p));
	p.type = t;
	p.hours = hours;
	p.excellent_percent = 125;
	p.points_base = 18000;
	p.points_gain = 2000;
	p.points_hours = 50;
	p.points_max = 200;
	p.points_threshold = 26000;
	p.tiers[LEVEL_SCHOOL] = 40;
	p.tiers[LEVEL_DISTRICT] = 80;
	p.tiers[LEVEL_CITY] = 120;
	p.tiers[LEVEL_PROVINCE] = 160;
	p.tiers[LEVEL_NATIONAL] = 200;
	return p;
}

START_TEST(test_per_unit_and_per_term)
{
	struct rule_params p = params(RULE_PER_UNIT, 40); /* wuhua 专题培训 4 h / 半天 */
	struct rule_input in = input();
	tenths h;

	in.quantity = 3;
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_OK);
	ck_assert_int_eq(h, 120);
	in.quantity = 0;
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_QUANTITY);
	in.quantity = 1001;
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_QUANTITY);
	in.quantity = -1;
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_QUANTITY);
	/* wutongqiao 党建工作学习研讨: 10 h per term, two terms. */
	p = params(RULE_PER_TERM, 100);
	in.quantity = 2;
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_OK);
	ck_assert_int_eq(h, 200);
}
END_TEST

START_TEST(test_tiered_lecturer_province_twice_is_32)
{
	struct rule_params p = params(RULE_TIERED_LEVEL, 0);
	struct rule_input in = input();
	tenths h;

	in.level = LEVEL_PROVINCE;
	in.quantity = 2;
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_OK);
	ck_assert_int_eq(h, 320);
	in.level = LEVEL_SCHOOL;
	in.quantity = 1;
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_OK);
	ck_assert_int_eq(h, 40);
	in.level = LEVEL_NATIONAL;
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_OK);
	ck_assert_int_eq(h, 200);
	in.level = -1;
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_LEVEL);
	p.tiers[LEVEL_NATIONAL] = 0;
	in.level = LEVEL_NATIONAL;
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_LEVEL);
	ck_assert_int_eq(rules_level_parse("province"), LEVEL_PROVINCE);
	ck_assert_int_eq(rules_level_parse("county"), -1);
}
END_TEST

START_TEST(test_as_certified)
{
	struct rule_params p = params(RULE_AS_CERTIFIED, 0);
	struct rule_input in = input();
	tenths h;

	p.max = 1000;
	in.certified = 505; /* 50.5 h on the 2.0 certificate */
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_OK);
	ck_assert_int_eq(h, 505);
	in.certified = 1001;
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_OVER_MAX);
	in.certified = 0;
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_CERTIFIED);
	ck_assert_str_eq(rules_error_field(RULES_CERTIFIED), "certified");
}
END_TEST

START_TEST(test_points_both_readings)
{
	/* The example: 20500 / 22000 / 24500 / 27000. Gains 2500, 1500, 2500, 2500. */
	const long long q[4] = { 20500, 22000, 24500, 27000 };
	tenths h;

	ck_assert_int_eq(rules_points(18000, 2000, 50, 200, 26000, 0, q, &h), RULES_OK);
	ck_assert_int_eq(h, 150);
	ck_assert_int_eq(rules_points(18000, 2000, 50, 200, 26000, 1, q, &h), RULES_OK);
	ck_assert_int_eq(h, 200);
}
END_TEST

START_TEST(test_points_edges)
{
	long long q[4] = { 20000, 22000, 24000, 26000 };
	tenths h;

	/* Exactly 2000 each quarter: four quarters, the cap exactly. */
	ck_assert_int_eq(rules_points(18000, 2000, 50, 200, 26000, 0, q, &h), RULES_OK);
	ck_assert_int_eq(h, 200);
	/* 1999 is not enough. */
	q[0] = 19999;
	ck_assert_int_eq(rules_points(18000, 2000, 50, 200, 26000, 0, q, &h), RULES_OK);
	ck_assert_int_eq(h, 150);
	/* Year total 25999 under the other reading: quarters decide. */
	{
		const long long r[4] = { 19000, 21500, 23000, 25999 };
		ck_assert_int_eq(rules_points(18000, 2000, 50, 200, 26000, 1, r, &h), RULES_OK);
		ck_assert_int_eq(h, 100);
	}
	/* A missing quarter earns nothing and the next gain counts from the last given. */
	{
		const long long r[4] = { 20500, -1, 24500, 26600 };
		ck_assert_int_eq(rules_points(18000, 2000, 50, 200, 26000, 0, r, &h), RULES_OK);
		ck_assert_int_eq(h, 150);
	}
	{
		const long long r[4] = { 21000, 20000, -1, -1 };
		ck_assert_int_eq(rules_points(18000, 2000, 50, 200, 26000, 0, r, &h), RULES_POINTS_DECREASING);
	}
	{
		const long long r[4] = { 17000, -1, -1, -1 };
		ck_assert_int_eq(rules_points(18000, 2000, 50, 200, 26000, 0, r, &h), RULES_POINTS_DECREASING);
	}
	{
		const long long r[4] = { -1, -1, -1, -1 };
		ck_assert_int_eq(rules_points(18000, 2000, 50, 200, 26000, 0, r, &h), RULES_POINTS_MISSING);
	}
}
END_TEST

START_TEST(test_roster_with_video_addon)
{
	struct rule_params p = params(RULE_ROSTER, 100);
	struct rule_input in = input();
	tenths h;

	p.addon_video = 50;
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_OK);
	ck_assert_int_eq(h, 100); /* 网络晒课 10 h */
	in.video = 1;
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_OK);
	ck_assert_int_eq(h, 150); /* + recorded video 5 h */
	p = params(RULE_ROSTER, 50); /* 晒课研究 5 h, no add-on */
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_OK);
	ck_assert_int_eq(h, 50);
}
END_TEST

START_TEST(test_excellent_trainee_125_percent_and_quota)
{
	struct rule_params p = params(RULE_TRAINEE_MULTIPLIER, 1200);
	struct rule_input in = input();
	tenths h;

	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_ROLE);
	in.excellent = 0;
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_OK);
	ck_assert_int_eq(h, 1200);
	in.excellent = 1;
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_OK);
	ck_assert_int_eq(h, 1500);
	p.hours = 40; /* 4 h -> 5 h */
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_OK);
	ck_assert_int_eq(h, 50);
	p.hours = 33; /* 3.3 h -> 4.125 h, rounded down to 4.1 */
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_OK);
	ck_assert_int_eq(h, 41);
	/* At most 10% of the class. */
	ck_assert(rules_excellent_quota_ok(3, 30, 10));
	ck_assert(!rules_excellent_quota_ok(4, 30, 10));
	ck_assert(!rules_excellent_quota_ok(1, 9, 10));
	ck_assert(rules_excellent_quota_ok(1, 10, 10));
	ck_assert(rules_excellent_quota_ok(0, 0, 10));
}
END_TEST

static struct cap_entry
entry(long long id, const char *date, tenths claimed, long long item, tenths item_cap,
    long long group, tenths group_cap, int confirmed)
{
	struct cap_entry e;

	memset(&e, 0, sizeof(e));
	e.record_id = id;
	e.date = date;
	e.claimed = claimed;
	e.item_id = item;
	e.item_cap = item_cap;
	e.group_id = group;
	e.group_cap = group_cap;
	e.confirmed = confirmed;
	e.pending = !confirmed;
	return e;
}

START_TEST(test_six_provincial_first_prizes_count_24)
{
	struct cap_entry e[6];
	tenths total = 0;
	static const char *dates[6] = { "2025-09-10", "2025-10-10", "2025-11-10",
		"2025-12-10", "2026-01-10", "2026-02-10" };

	/* Given out of order: the stable order is by date, then id. */
	for (int i = 0; i < 6; i++)
		e[i] = entry(10 + (5 - i), dates[5 - i], 150, 7, 0, 3, 240, 1);
	rules_apply_caps(e, 6);
	for (int i = 0; i < 6; i++)
		total += e[i].counted;
	ck_assert_int_eq(total, 240);
	/* The earliest counts 15, the next 9, the rest 0, each cut by the group cap. */
	ck_assert_int_eq(e[5].counted, 150);
	ck_assert_int_eq(e[5].cut, CUT_NONE);
	ck_assert_int_eq(e[4].counted, 90);
	ck_assert_int_eq(e[4].cut, CUT_GROUP_CAP);
	for (int i = 0; i < 4; i++) {
		ck_assert_int_eq(e[i].counted, 0);
		ck_assert_int_eq(e[i].cut, CUT_GROUP_CAP);
	}
	/* The ids are given back untouched. */
	ck_assert_int_eq(e[0].record_id, 15);
	ck_assert_str_eq(rules_cut_name(CUT_GROUP_CAP), "group_cap");
}
END_TEST

START_TEST(test_group_spans_items_and_item_caps)
{
	/* wuhua 教学成果 + 辅导学生 share 24 h: 优质课 6 x3 = 18, then students 3 x3 = 9 -> 6 counted. */
	struct cap_entry e[6];
	tenths total = 0;

	e[0] = entry(1, "2025-09-01", 60, 1, 0, 9, 240, 1);
	e[1] = entry(2, "2025-09-02", 60, 1, 0, 9, 240, 1);
	e[2] = entry(3, "2025-09-03", 60, 1, 0, 9, 240, 1);
	e[3] = entry(4, "2025-09-04", 30, 2, 0, 9, 240, 1);
	e[4] = entry(5, "2025-09-05", 30, 2, 0, 9, 240, 1);
	e[5] = entry(6, "2025-09-06", 30, 2, 0, 9, 240, 1);
	rules_apply_caps(e, 6);
	for (int i = 0; i < 6; i++)
		total += e[i].counted;
	ck_assert_int_eq(total, 240);
	ck_assert_int_eq(e[4].counted, 30);
	ck_assert_int_eq(e[5].counted, 0);
	/* 专题培训 4 h a half day, 24 h a year: 4 half days twice = 32 claimed, 24 counted. */
	e[0] = entry(1, "2025-09-01", 160, 5, 0, 4, 240, 1);
	e[1] = entry(2, "2025-10-01", 160, 5, 0, 4, 240, 1);
	rules_apply_caps(e, 2);
	ck_assert_int_eq(e[0].counted + e[1].counted, 240);
	ck_assert_int_eq(e[1].counted, 80);
	/* An item's own cap: 网络晒课 twice (15 + 15) against an item cap of 15. */
	e[0] = entry(1, "2021-10-10", 150, 8, 150, 0, 0, 1);
	e[1] = entry(2, "2022-03-20", 150, 8, 150, 0, 0, 1);
	rules_apply_caps(e, 2);
	ck_assert_int_eq(e[0].counted, 150);
	ck_assert_int_eq(e[1].counted, 0);
	ck_assert_int_eq(e[1].cut, CUT_ITEM_CAP);
}
END_TEST

START_TEST(test_pending_never_displaces_confirmed)
{
	struct cap_entry e[3];

	/* A pending record dated earlier than a confirmed one still comes after it. */
	e[0] = entry(1, "2025-09-01", 150, 7, 0, 3, 240, 0);
	e[1] = entry(2, "2025-12-01", 150, 7, 0, 3, 240, 1);
	e[2] = entry(3, "2025-12-02", 150, 7, 0, 3, 240, 0);
	e[2].pending = 0; /* a draft: counts nothing, uses no cap */
	rules_apply_caps(e, 3);
	ck_assert_int_eq(e[1].counted, 150);
	ck_assert_int_eq(e[0].counted, 90);
	ck_assert_int_eq(e[0].cut, CUT_GROUP_CAP);
	ck_assert_int_eq(e[2].counted, 0);
	ck_assert_int_eq(e[2].cut, CUT_NONE);
}
END_TEST

START_TEST(test_once_per_certificate)
{
	const char *nums[4] = { "YN-2025-1", "YN-2025-1", "YN-2025-2", "" };
	const char *dates[4] = { "2025-10-01", "2025-11-01", "2024-12-01", "2026-06-30" };
	size_t order[4] = { 0, 1, 2, 3 };
	enum cut cut[4] = { CUT_NONE, CUT_NONE, CUT_NONE, CUT_NONE };
	struct cap_entry e[4];

	rules_once_per_certificate(nums, dates, order, 4, "2025-07-01", "2026-06-30", cut);
	ck_assert_int_eq(cut[0], CUT_NONE);
	ck_assert_int_eq(cut[1], CUT_DUPLICATE_CERTIFICATE);
	ck_assert_int_eq(cut[2], CUT_OUTSIDE_YEAR);
	ck_assert_int_eq(cut[3], CUT_NONE);
	/* Cut records use no cap and count nothing. */
	for (int i = 0; i < 4; i++) {
		e[i] = entry(i + 1, dates[i], 150, 7, 0, 3, 240, 1);
		e[i].pre_cut = cut[i];
	}
	rules_apply_caps(e, 4);
	ck_assert_int_eq(e[1].counted, 0);
	ck_assert_int_eq(e[1].cut, CUT_DUPLICATE_CERTIFICATE);
	ck_assert_int_eq(e[2].cut, CUT_OUTSIDE_YEAR);
	ck_assert_int_eq(e[0].counted + e[3].counted, 240);
}
END_TEST

START_TEST(test_participant_limits)
{
	enum cut members[5] = { CUT_NONE, CUT_NONE, CUT_NONE, CUT_NONE, CUT_NONE };
	enum cut leaders[2] = { CUT_NONE, CUT_NONE };

	rules_participants(5, 4, members); /* at most 4 members counted */
	for (int i = 0; i < 4; i++)
		ck_assert_int_eq(members[i], CUT_NONE);
	ck_assert_int_eq(members[4], CUT_PARTICIPANT_LIMIT);
	rules_participants(2, 1, leaders); /* one leader per project */
	ck_assert_int_eq(leaders[0], CUT_NONE);
	ck_assert_int_eq(leaders[1], CUT_PARTICIPANT_LIMIT);
}
END_TEST

static const struct policy wutongqiao = { 900, 450, 1200, -1, -1 };
static const struct policy wuhua = { 720, 0, 1200, 3000, 3600 };

START_TEST(test_boundaries_wutongqiao)
{
	struct year_totals t = { 899, 0, 899, 0 };
	struct verdict v;

	rules_assess(&wutongqiao, CATEGORY_REGULAR, &t, -1, &v);
	ck_assert(!v.pass && v.below_total);
	ck_assert_int_eq(v.gap, 1);
	t.confirmed = 900;
	rules_assess(&wutongqiao, CATEGORY_REGULAR, &t, -1, &v);
	ck_assert(v.pass);
	ck_assert_int_eq(v.gap, 0);
	/* Normative 44.9 / 45 within 90 total. */
	t.normative_confirmed = 449;
	rules_assess(&wutongqiao, CATEGORY_REGULAR, &t, -1, &v);
	ck_assert(!v.pass && v.below_normative && !v.below_total);
	t.normative_confirmed = 450;
	rules_assess(&wutongqiao, CATEGORY_REGULAR, &t, -1, &v);
	ck_assert(v.pass);
	/* New teacher: 119.9 / 120. */
	t.confirmed = 1199;
	rules_assess(&wutongqiao, CATEGORY_NEW_TEACHER, &t, -1, &v);
	ck_assert(!v.pass);
	ck_assert_int_eq(v.threshold, 1200);
	t.confirmed = 1200;
	rules_assess(&wutongqiao, CATEGORY_NEW_TEACHER, &t, -1, &v);
	ck_assert(v.pass);
	/* No new-principal rule here: the regular threshold applies. */
	t.confirmed = 900;
	rules_assess(&wutongqiao, CATEGORY_NEW_PRINCIPAL, &t, -1, &v);
	ck_assert(v.pass);
	ck_assert_int_eq(v.threshold, 900);
	/* Pending hours never count. */
	t.confirmed = 600;
	t.pending = 900;
	rules_assess(&wutongqiao, CATEGORY_REGULAR, &t, -1, &v);
	ck_assert(!v.pass);
}
END_TEST

START_TEST(test_boundaries_wuhua_and_cycle)
{
	struct year_totals t = { 719, 0, 0, 0 };
	struct verdict v;

	rules_assess(&wuhua, CATEGORY_REGULAR, &t, 3599, &v);
	ck_assert(!v.pass);
	t.confirmed = 720;
	rules_assess(&wuhua, CATEGORY_REGULAR, &t, 3599, &v);
	ck_assert(v.pass); /* no normative minimum in wuhua */
	ck_assert(v.cycle_applies && !v.cycle_pass);
	ck_assert_int_eq(v.cycle_gap, 1);
	rules_assess(&wuhua, CATEGORY_REGULAR, &t, 3600, &v);
	ck_assert(v.cycle_pass);
	/* New principal: 300. */
	t.confirmed = 2999;
	rules_assess(&wuhua, CATEGORY_NEW_PRINCIPAL, &t, -1, &v);
	ck_assert(!v.pass);
	ck_assert_int_eq(v.threshold, 3000);
	/* A new teacher's first year is not held to the cycle. */
	t.confirmed = 1200;
	rules_assess(&wuhua, CATEGORY_NEW_TEACHER, &t, 1200, &v);
	ck_assert(v.pass && !v.cycle_applies);
}
END_TEST

START_TEST(test_school_flag_ten_percent)
{
	ck_assert(rules_school_flagged(1, 10, 10));
	ck_assert(!rules_school_flagged(1, 11, 10));
	ck_assert(!rules_school_flagged(0, 0, 10));
	ck_assert(rules_school_flagged(3, 30, 10));
	ck_assert(!rules_school_flagged(2, 30, 10));
	ck_assert(!rules_school_flagged(5, 10, 0)); /* no flag rule */
}
END_TEST

START_TEST(test_names)
{
	for (int t = 0; t < RULE__MAX; t++)
		ck_assert_int_eq(rules_type_parse(rules_type_name((enum rule_type)t)), t);
	ck_assert_int_eq(rules_type_parse("per_hour"), -1);
	ck_assert_int_eq(rules_category_parse("new_principal"), CATEGORY_NEW_PRINCIPAL);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("rules");
	TCase *tc = tcase_create("rules");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_per_unit_and_per_term);
	tcase_add_test(tc, test_tiered_lecturer_province_twice_is_32);
	tcase_add_test(tc, test_as_certified);
	tcase_add_test(tc, test_points_both_readings);
	tcase_add_test(tc, test_points_edges);
	tcase_add_test(tc, test_roster_with_video_addon);
	tcase_add_test(tc, test_excellent_trainee_125_percent_and_quota);
	tcase_add_test(tc, test_six_provincial_first_prizes_count_24);
	tcase_add_test(tc, test_group_spans_items_and_item_caps);
	tcase_add_test(tc, test_pending_never_displaces_confirmed);
	tcase_add_test(tc, test_once_per_certificate);
	tcase_add_test(tc, test_participant_limits);
	tcase_add_test(tc, test_boundaries_wutongqiao);
	tcase_add_test(tc, test_boundaries_wuhua_and_cycle);
	tcase_add_test(tc, test_school_flag_ten_percent);
	tcase_add_test(tc, test_names);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
