/*
 * test_rules.c - every rule type and every cap, with the worked examples of
 * the sources (seeds/000 wutongqiao notice, seeds/003 wuhua rules; docs/rules.md
 * repeats them), the assessment boundaries and the invalid inputs. Every
 * expected number is worked by hand in the comment beside it.
 */
#include "domain/assess.h"
#include "domain/rules.h"

#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define H(x) ((tenths)(x) * 10) /* whole hours to tenths */

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
	return p;
}

/* wutongqiao 主讲教师: school 4, district 8, city 12, province 16, national 20 per lecture. */
static struct rule_params
lecturer(void)
{
	struct rule_params p = params(RULE_TIERED_LEVEL, 0);
	const tenths tiers[LEVEL__MAX] = { H(4), H(8), H(12), H(16), H(20) };

	memcpy(p.tiers, tiers, sizeof(tiers));
	return p;
}

/* wutongqiao 学习强国: base 18000, 2000 a quarter earns 5 h, at most 20 h, 26000. */
static struct rule_params
xuexi(enum points_reading reading)
{
	struct rule_params p = params(RULE_POINTS_QUARTERS, 0);

	p.points_base = 18000;
	p.points_gain = 2000;
	p.points_hours = H(5);
	p.points_max = H(20);
	p.points_threshold = 26000;
	p.points_year_total = (int)reading;
	return p;
}

static tenths
claim_points(enum points_reading reading, int64_t q1, int64_t q2, int64_t q3, int64_t q4,
    enum rules_error *e)
{
	struct rule_params p = xuexi(reading);
	struct rule_input in = input();
	tenths h = -1;

	in.points[0] = q1;
	in.points[1] = q2;
	in.points[2] = q3;
	in.points[3] = q4;
	*e = rules_claim(&p, &in, &h);
	return h;
}

static struct cap_entry
entry(int64_t id, const char *date, tenths claimed, int64_t item, tenths item_cap,
    int64_t group, tenths group_cap)
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
	e.confirmed = 1;
	return e;
}

/* ------------------------------------------------------------ rule types */

START_TEST(test_per_unit_special_training)
{
	/* wuhua 专题培训: 4 h a half day. 3 half days = 12 h. */
	struct rule_params p = params(RULE_PER_UNIT, H(4));
	struct rule_input in = input();
	tenths h;

	in.quantity = 3;
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_OK);
	ck_assert_int_eq(h, 120);
	in.quantity = 1;
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_OK);
	ck_assert_int_eq(h, 40);
	/* The largest quantity: 1000 x 4 h = 4000 h. */
	in.quantity = RULES_QUANTITY_MAX;
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_OK);
	ck_assert_int_eq(h, 40000);
	/* wuhua 专业评审: 2 h a lesson, 5 lessons = 10 h. */
	p = params(RULE_PER_UNIT, H(2));
	in.quantity = 5;
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_OK);
	ck_assert_int_eq(h, 100);
}
END_TEST

START_TEST(test_per_unit_quantity_bad)
{
	struct rule_params p = params(RULE_PER_UNIT, H(4));
	struct rule_input in = input();
	const int64_t bad[] = { -1, 0, RULES_QUANTITY_MAX + 1, INT64_MAX, INT64_MIN, -2 };
	tenths h;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		in.quantity = bad[i];
		h = 77;
		ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_QUANTITY);
		ck_assert_int_eq(h, 0);
	}
	ck_assert_str_eq(rules_error_field(RULES_QUANTITY), "quantity");
	ck_assert_str_eq(rules_error_code(RULES_QUANTITY), "out_of_range");
}
END_TEST

START_TEST(test_per_term_party_study)
{
	/* wutongqiao 党建工作学习研讨: 10 h a term; two terms = 20 h. */
	struct rule_params p = params(RULE_PER_TERM, H(10));
	struct rule_input in = input();
	tenths h;

	in.quantity = 2;
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_OK);
	ck_assert_int_eq(h, 200);
	in.quantity = 1;
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_OK);
	ck_assert_int_eq(h, 100);
	in.quantity = 0;
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_QUANTITY);
}
END_TEST

START_TEST(test_tiered_lecturer)
{
	struct rule_params p = lecturer();
	struct rule_input in = input();
	const tenths each[LEVEL__MAX] = { 40, 80, 120, 160, 200 };
	tenths h;

	/* The issue's example: province level twice = 2 x 16 = 32 h. */
	in.level = LEVEL_PROVINCE;
	in.quantity = 2;
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_OK);
	ck_assert_int_eq(h, 320);
	for (int l = 0; l < LEVEL__MAX; l++) {
		in.level = l;
		in.quantity = 3;
		ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_OK);
		ck_assert_int_eq(h, 3 * each[l]);
	}
	/* No level, an unknown level, a level the item lacks. */
	in.quantity = 1;
	in.level = -1;
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_LEVEL);
	in.level = LEVEL__MAX;
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_LEVEL);
	p.tiers[LEVEL_NATIONAL] = 0;
	in.level = LEVEL_NATIONAL;
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_LEVEL);
	ck_assert_int_eq(h, 0);
	/* The level is right but the times are not. */
	in.level = LEVEL_CITY;
	in.quantity = 0;
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_QUANTITY);
	ck_assert_int_eq(rules_level_parse("province"), LEVEL_PROVINCE);
	ck_assert_int_eq(rules_level_parse("national"), LEVEL_NATIONAL);
	ck_assert_int_eq(rules_level_parse("county"), -1);
	ck_assert_int_eq(rules_level_parse(NULL), -1);
}
END_TEST

START_TEST(test_as_certified)
{
	/* 信息技术 2.0: 50.5 h as printed, the item allows at most 100 h. */
	struct rule_params p = params(RULE_AS_CERTIFIED, 0);
	struct rule_input in = input();
	tenths h;

	p.max = 1000;
	in.certified = 505;
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_OK);
	ck_assert_int_eq(h, 505);
	in.certified = 1000; /* exactly the maximum */
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_OK);
	ck_assert_int_eq(h, 1000);
	in.certified = 1001;
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_OVER_MAX);
	ck_assert_int_eq(h, 0);
	in.certified = 0;
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_CERTIFIED);
	in.certified = -1;
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_CERTIFIED);
	/* No item maximum: the absolute bound still holds. */
	p.max = 0;
	in.certified = RULES_HOURS_MAX;
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_OK);
	ck_assert_int_eq(h, RULES_HOURS_MAX);
	in.certified = INT64_MAX;
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_OVER_MAX);
	ck_assert_str_eq(rules_error_field(RULES_CERTIFIED), "certified");
	ck_assert_str_eq(rules_error_field(RULES_OVER_MAX), "certified");
}
END_TEST

START_TEST(test_points_issue_example)
{
	/*
	 * 20500 / 22000 / 24500 / 27000: gains 2500, 1500, 2500, 2500; three
	 * quarters >= 2000 give 15 h; the final 27000 >= 26000 gives 20 h under
	 * the year-total reading.
	 */
	enum rules_error e;

	ck_assert_int_eq(claim_points(POINTS_READING_QUARTERS, 20500, 22000, 24500, 27000, &e), 150);
	ck_assert_int_eq(e, RULES_OK);
	ck_assert_int_eq(claim_points(POINTS_READING_YEAR_TOTAL, 20500, 22000, 24500, 27000, &e), 200);
	ck_assert_int_eq(e, RULES_OK);
}
END_TEST

START_TEST(test_points_quarters_and_cap)
{
	const int64_t q[4] = { 20000, 22000, 24000, 26000 };
	enum rules_error e;
	tenths h;

	/* Four gains of exactly 2000: 4 x 5 = 20 h under either reading. */
	ck_assert_int_eq(claim_points(POINTS_READING_QUARTERS, 20000, 22000, 24000, 26000, &e), 200);
	ck_assert_int_eq(claim_points(POINTS_READING_YEAR_TOTAL, 20000, 22000, 24000, 26000, &e), 200);
	/* Gains 1999 each: nothing, 25996 < 26000 so nothing either way. */
	ck_assert_int_eq(claim_points(POINTS_READING_QUARTERS, 19999, 21998, 23997, 25996, &e), 0);
	ck_assert_int_eq(e, RULES_OK);
	ck_assert_int_eq(claim_points(POINTS_READING_YEAR_TOTAL, 19999, 21998, 23997, 25996, &e), 0);
	/* 6 h a quarter would make 24 h: the 20 h cap holds. */
	ck_assert_int_eq(rules_points(18000, 2000, 60, 200, 26000, POINTS_READING_QUARTERS, q, &h),
	    RULES_OK);
	ck_assert_int_eq(h, 200);
	/* Flat year: no gain at all. */
	ck_assert_int_eq(claim_points(POINTS_READING_QUARTERS, 18000, 18000, 18000, 18000, &e), 0);
	ck_assert_int_eq(e, RULES_OK);
}
END_TEST

START_TEST(test_points_missing_quarters)
{
	enum rules_error e;

	/*
	 * Q1 missing, Q2 22000: gain 4000 from the base earns one quarter (5 h);
	 * Q3 missing, Q4 23000: gain 1000, nothing. 5 h; 23000 < 26000 so 5 h
	 * under the year-total reading too.
	 */
	ck_assert_int_eq(claim_points(POINTS_READING_QUARTERS, -1, 22000, -1, 23000, &e), 50);
	ck_assert_int_eq(e, RULES_OK);
	ck_assert_int_eq(claim_points(POINTS_READING_YEAR_TOTAL, -1, 22000, -1, 23000, &e), 50);
	/* Only Q4 given, 26000: one quarter (5 h); the year total reading gives 20 h. */
	ck_assert_int_eq(claim_points(POINTS_READING_QUARTERS, -1, -1, -1, 26000, &e), 50);
	ck_assert_int_eq(claim_points(POINTS_READING_YEAR_TOTAL, -1, -1, -1, 26000, &e), 200);
	/* Q1 and Q2 given (2000 each), the rest missing: 10 h. */
	ck_assert_int_eq(claim_points(POINTS_READING_QUARTERS, 20000, 22000, -1, -1, &e), 100);
	ck_assert_int_eq(e, RULES_OK);
}
END_TEST

START_TEST(test_points_bad)
{
	const int64_t q[4] = { 20000, -1, -1, -1 };
	enum rules_error e;
	tenths h;

	ck_assert_int_eq(claim_points(POINTS_READING_QUARTERS, -1, -1, -1, -1, &e), 0);
	ck_assert_int_eq(e, RULES_POINTS_MISSING);
	/* Decreasing: 22000 then 21000. */
	claim_points(POINTS_READING_QUARTERS, 20000, 22000, 21000, 27000, &e);
	ck_assert_int_eq(e, RULES_POINTS_DECREASING);
	/* Decreasing across a missing quarter. */
	claim_points(POINTS_READING_QUARTERS, 22000, -1, 21999, -1, &e);
	ck_assert_int_eq(e, RULES_POINTS_DECREASING);
	/* The first quarter below the base 18000. */
	claim_points(POINTS_READING_QUARTERS, 17999, -1, -1, -1, &e);
	ck_assert_int_eq(e, RULES_POINTS_DECREASING);
	/* Negative (other than -1: absent), absurd. */
	claim_points(POINTS_READING_QUARTERS, -5, -1, -1, -1, &e);
	ck_assert_int_eq(e, RULES_POINTS_RANGE);
	claim_points(POINTS_READING_QUARTERS, 20000, INT64_MAX, -1, -1, &e);
	ck_assert_int_eq(e, RULES_POINTS_RANGE);
	claim_points(POINTS_READING_QUARTERS, INT64_MIN, -1, -1, -1, &e);
	ck_assert_int_eq(e, RULES_POINTS_RANGE);
	ck_assert_str_eq(rules_error_field(RULES_POINTS_DECREASING), "points");
	/* Bad parameters: no gain, a reading that does not exist. */
	ck_assert_int_eq(rules_points(18000, 0, 50, 200, 26000, POINTS_READING_QUARTERS, q, &h),
	    RULES_PARAMS);
	ck_assert_int_eq(rules_points(18000, 2000, 50, INT64_MAX, 26000, POINTS_READING_QUARTERS,
	    q, &h), RULES_PARAMS);
	claim_points(2, 20000, -1, -1, -1, &e);
	ck_assert_int_eq(e, RULES_PARAMS);
	claim_points(-1, 20000, -1, -1, -1, &e);
	ck_assert_int_eq(e, RULES_PARAMS);
	ck_assert_int_eq(rules_points(18000, 2000, 50, 200, 26000, POINTS_READING_QUARTERS, NULL,
	    &h), RULES_ARGS);
}
END_TEST

START_TEST(test_roster_online_lesson)
{
	/* 网络晒课 10 h, recorded video uploaded +5 h. */
	struct rule_params p = params(RULE_ROSTER, H(10));
	struct rule_input in = input();
	tenths h;

	p.addon_video = H(5);
	ck_assert_int_eq(p.addons[RULES_ADDON_VIDEO], 50); /* one add-on, two spellings */
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_OK);
	ck_assert_int_eq(h, 100);
	in.video = 1;
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_OK);
	ck_assert_int_eq(h, 150);
	in.video = 0;
	in.addons = 1u << RULES_ADDON_VIDEO;
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_OK);
	ck_assert_int_eq(h, 150);
	/* Both spellings at once still count the add-on once. */
	in.video = 1;
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_OK);
	ck_assert_int_eq(h, 150);
	/* A second add-on of 2.5 h: 10 + 5 + 2.5 = 17.5 h. */
	p.addons[1] = 25;
	in.addons = 3u;
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_OK);
	ck_assert_int_eq(h, 175);
}
END_TEST

START_TEST(test_roster_research_and_bad_addons)
{
	/* 晒课研究 participant: 5 h, no add-ons. */
	struct rule_params p = params(RULE_ROSTER, H(5));
	struct rule_input in = input();
	tenths h;

	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_OK);
	ck_assert_int_eq(h, 50);
	in.video = 1; /* the item has no video add-on */
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_ADDON);
	ck_assert_int_eq(h, 0);
	in.video = 0;
	in.addons = 1u << RULES_ADDONS_MAX; /* beyond the add-ons there can be */
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_ADDON);
	in.addons = 0;
	p.addons[2] = -10;
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_PARAMS);
	ck_assert_str_eq(rules_error_field(RULES_ADDON), "addons");
}
END_TEST

START_TEST(test_trainee_multiplier)
{
	/* 新教师试用期培训班 120 h; excellent 125% = 150 h. */
	struct rule_params p = params(RULE_TRAINEE_MULTIPLIER, H(120));
	struct rule_input in = input();
	tenths h;

	p.excellent_percent = 125;
	in.excellent = 0;
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_OK);
	ck_assert_int_eq(h, 1200);
	in.excellent = 1;
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_OK);
	ck_assert_int_eq(h, 1500);
	/* 小学校长任职资格培训班 300 h -> 375 h; 51336 72 h -> 90 h; 24 h -> 30 h. */
	p.hours = H(300);
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_OK);
	ck_assert_int_eq(h, 3750);
	p.hours = H(72);
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_OK);
	ck_assert_int_eq(h, 900);
	/* 4 h -> 5.0 h exactly; 3.3 h -> 4.125 rounded down to 4.1; 0.1 h -> 0.1. */
	p.hours = 40;
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_OK);
	ck_assert_int_eq(h, 50);
	p.hours = 33;
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_OK);
	ck_assert_int_eq(h, 41);
	p.hours = 1;
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_OK);
	ck_assert_int_eq(h, 1);
	/* No role given; a role that is neither. */
	in.excellent = -1;
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_ROLE);
	in.excellent = 2;
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_ROLE);
	ck_assert_str_eq(rules_error_field(RULES_ROLE), "role");
	/* A multiplier of 0% is a catalogue error. */
	in.excellent = 1;
	p.excellent_percent = 0;
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_PARAMS);
}
END_TEST

START_TEST(test_excellent_quota)
{
	/* At most 10%: excellent * 10 <= class size. */
	ck_assert_int_eq(rules_excellent_quota(3, 30, 10), RULES_OK);
	ck_assert_int_eq(rules_excellent_quota(4, 30, 10), RULES_QUOTA);
	ck_assert_int_eq(rules_excellent_quota(1, 10, 10), RULES_OK);
	ck_assert_int_eq(rules_excellent_quota(1, 9, 10), RULES_QUOTA);  /* floor(0.9) = 0 */
	ck_assert_int_eq(rules_excellent_quota(3, 39, 10), RULES_OK);    /* floor(3.9) = 3 */
	ck_assert_int_eq(rules_excellent_quota(4, 39, 10), RULES_QUOTA);
	ck_assert_int_eq(rules_excellent_quota(0, 0, 10), RULES_OK);
	ck_assert_int_eq(rules_excellent_quota(0, 9, 10), RULES_OK);
	/* Invalid counts. */
	ck_assert_int_eq(rules_excellent_quota(-1, 30, 10), RULES_ARGS);
	ck_assert_int_eq(rules_excellent_quota(31, 30, 10), RULES_ARGS);
	ck_assert_int_eq(rules_excellent_quota(1, INT64_MAX, 10), RULES_ARGS);
	ck_assert_int_eq(rules_excellent_quota(1, 30, 101), RULES_ARGS);
	ck_assert_str_eq(rules_error_code(RULES_QUOTA), "over_quota");
}
END_TEST

START_TEST(test_set_hours_rules)
{
	/* 论文 省级一等奖 15 h once; 主持市级课题 48 h; quantity is not read. */
	struct rule_params p = params(RULE_ONCE_PER_CERTIFICATE, H(15));
	struct rule_input in = input();
	tenths h;

	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_OK);
	ck_assert_int_eq(h, 150);
	p = params(RULE_PARTICIPANT_LIMIT, H(48));
	in.quantity = 7;
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_OK);
	ck_assert_int_eq(h, 480);
}
END_TEST

START_TEST(test_claim_bad_params_and_args)
{
	struct rule_params p = params(RULE_PER_UNIT, H(4));
	struct rule_input in = input();
	tenths h = 5;

	in.quantity = 1;
	p.hours = -10;
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_PARAMS);
	ck_assert_int_eq(h, 0);
	p.hours = INT64_MAX; /* absurd hours: refused, not multiplied */
	in.quantity = RULES_QUANTITY_MAX;
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_PARAMS);
	p.hours = RULES_HOURS_MAX; /* the largest product fits */
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_OK);
	ck_assert_int_eq(h, RULES_CLAIM_MAX);
	p = lecturer();
	p.tiers[LEVEL_CITY] = RULES_HOURS_MAX + 1;
	in.level = LEVEL_SCHOOL;
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_PARAMS);
	p = params(RULE_AS_CERTIFIED, 0);
	p.max = -1;
	in.certified = 10;
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_PARAMS);
	p.type = RULE__MAX;
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_PARAMS);
	p.type = (enum rule_type)-1;
	ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_PARAMS);
	ck_assert_int_eq(rules_claim(NULL, &in, &h), RULES_ARGS);
	ck_assert_int_eq(rules_claim(&p, NULL, &h), RULES_ARGS);
	ck_assert_int_eq(rules_claim(&p, &in, NULL), RULES_ARGS);
}
END_TEST

/* ------------------------------------------------------------------ caps */

START_TEST(test_caps_six_papers)
{
	/*
	 * Six wuhua 省级一等奖 papers, 15 h each, group 论文获奖 capped at 24 h,
	 * given out of date order: counted in date order 15, 9, 0, 0, 0, 0 = 24.
	 */
	struct cap_entry e[6];
	const char *dates[6] = { "2021-12-01", "2021-09-01", "2022-03-01", "2021-10-01",
		"2022-05-01", "2021-11-01" };
	/* By date the order is 1, 3, 5, 0, 2, 4. */
	const tenths want[6] = { 0, 150, 0, 90, 0, 0 };
	const enum cut wcut[6] = { CUT_GROUP_CAP, CUT_NONE, CUT_GROUP_CAP, CUT_GROUP_CAP,
		CUT_GROUP_CAP, CUT_GROUP_CAP };
	struct year_totals t;
	tenths sum = 0;

	for (int i = 0; i < 6; i++)
		e[i] = entry(100 + i, dates[i], 150, 31, 0, 7, 240);
	ck_assert_int_eq(rules_apply_caps(e, 6), RULES_OK);
	for (int i = 0; i < 6; i++) {
		ck_assert_int_eq(e[i].claimed, 150);
		ck_assert_int_eq(e[i].counted, want[i]);
		ck_assert_int_eq(e[i].cut, wcut[i]);
		ck_assert_int_eq(e[i].cap_id, wcut[i] == CUT_GROUP_CAP ? 7 : 0);
		ck_assert_int_eq(e[i].record_id, 100 + i); /* untouched, not reordered */
		sum += e[i].counted;
	}
	ck_assert_int_eq(sum, 240);
	ck_assert_int_eq(rules_totals(e, 6, &t), RULES_OK);
	ck_assert_int_eq(t.confirmed, 240);
	ck_assert_str_eq(rules_cut_name(e[0].cut), "group_cap");
}
END_TEST

START_TEST(test_caps_special_training_24)
{
	/* wuhua 专题培训 4 h a half day, at most 24 h: 3, 2, 2, 1 half days. */
	struct rule_params p = params(RULE_PER_UNIT, H(4));
	struct rule_input in = input();
	const int64_t halves[4] = { 3, 2, 2, 1 };
	const tenths want[4] = { 120, 80, 40, 0 }; /* 12 + 8 + 4 (cut from 8) + 0 = 24 */
	struct cap_entry e[4];
	const char *dates[4] = { "2021-09-10", "2021-10-10", "2021-11-10", "2021-12-10" };

	for (int i = 0; i < 4; i++) {
		tenths h;
		in.quantity = halves[i];
		ck_assert_int_eq(rules_claim(&p, &in, &h), RULES_OK);
		e[i] = entry(i + 1, dates[i], h, 5, H(24), 0, 0);
	}
	ck_assert_int_eq(rules_apply_caps(e, 4), RULES_OK);
	for (int i = 0; i < 4; i++)
		ck_assert_int_eq(e[i].counted, want[i]);
	ck_assert_int_eq(e[0].cut, CUT_NONE);
	ck_assert_int_eq(e[1].cut, CUT_NONE);
	ck_assert_int_eq(e[2].cut, CUT_ITEM_CAP);
	ck_assert_int_eq(e[2].cap_id, 5);
	ck_assert_int_eq(e[3].cut, CUT_ITEM_CAP);
}
END_TEST

START_TEST(test_caps_teaching_achievement_group)
{
	/*
	 * wuhua 教学成果 + 辅导学生, one group capped at 24 h:
	 * 省级优质课 6, 6; 辅导学生省级 3, 3, 3; 市级优质课 4; 区级优质课 2.
	 * Running: 6, 12, 15, 18, 21, then 4 -> 3 (24), then 2 -> 0.
	 */
	struct cap_entry e[7];

	e[0] = entry(1, "2021-09-01", 60, 21, 0, 9, 240);  /* 优质课 省级 */
	e[1] = entry(2, "2021-09-02", 60, 21, 0, 9, 240);
	e[2] = entry(3, "2021-10-01", 30, 24, 0, 9, 240);  /* 辅导学生 省级 */
	e[3] = entry(4, "2021-10-02", 30, 24, 0, 9, 240);
	e[4] = entry(5, "2021-10-03", 30, 24, 0, 9, 240);
	e[5] = entry(6, "2021-11-01", 40, 22, 0, 9, 240);  /* 优质课 市级 */
	e[6] = entry(7, "2021-11-02", 20, 23, 0, 9, 240);  /* 优质课 区级 */
	ck_assert_int_eq(rules_apply_caps(e, 7), RULES_OK);
	ck_assert_int_eq(e[0].counted, 60);
	ck_assert_int_eq(e[1].counted, 60);
	ck_assert_int_eq(e[2].counted, 30);
	ck_assert_int_eq(e[3].counted, 30);
	ck_assert_int_eq(e[4].counted, 30);
	ck_assert_int_eq(e[5].counted, 30);
	ck_assert_int_eq(e[5].cut, CUT_GROUP_CAP);
	ck_assert_int_eq(e[5].cap_id, 9);
	ck_assert_int_eq(e[6].counted, 0);
	ck_assert_int_eq(e[6].cut, CUT_GROUP_CAP);
	for (int i = 0; i < 5; i++)
		ck_assert_int_eq(e[i].cut, CUT_NONE);
}
END_TEST

START_TEST(test_caps_confirmed_before_pending)
{
	/*
	 * Group 24 h. A pending paper (15 h) dated before a confirmed one (15 h):
	 * the confirmed one counts 15 first, the pending one 9 on top.
	 * A draft (15 h, earliest) counts nothing and uses no cap.
	 */
	struct cap_entry e[3];
	struct year_totals t;

	e[0] = entry(1, "2021-09-01", 150, 31, 0, 7, 240);
	e[0].confirmed = 0;
	e[0].pending = 1;
	e[1] = entry(2, "2022-01-01", 150, 31, 0, 7, 240);
	e[2] = entry(3, "2021-08-01", 150, 31, 0, 7, 240);
	e[2].confirmed = 0;
	ck_assert_int_eq(rules_apply_caps(e, 3), RULES_OK);
	ck_assert_int_eq(e[1].counted, 150);
	ck_assert_int_eq(e[1].cut, CUT_NONE);
	ck_assert_int_eq(e[0].counted, 90);
	ck_assert_int_eq(e[0].cut, CUT_GROUP_CAP);
	ck_assert_int_eq(e[2].counted, 0);
	ck_assert_int_eq(e[2].cut, CUT_NOT_CONFIRMED);
	ck_assert_str_eq(rules_cut_name(CUT_NOT_CONFIRMED), "not_confirmed");
	ck_assert_int_eq(rules_totals(e, 3, &t), RULES_OK);
	ck_assert_int_eq(t.confirmed, 150);
	ck_assert_int_eq(t.pending, 90);
}
END_TEST

START_TEST(test_caps_pre_cut_uses_no_cap)
{
	/* A duplicate certificate (15 h) first in order counts 0 and leaves the 24 h intact. */
	struct cap_entry e[3];

	e[0] = entry(1, "2021-09-01", 150, 31, 0, 7, 240);
	e[0].pre_cut = CUT_DUPLICATE_CERTIFICATE;
	e[1] = entry(2, "2021-10-01", 150, 31, 0, 7, 240);
	e[2] = entry(3, "2021-11-01", 150, 31, 0, 7, 240);
	e[2].pre_cut = CUT_OUTSIDE_YEAR;
	ck_assert_int_eq(rules_apply_caps(e, 3), RULES_OK);
	ck_assert_int_eq(e[0].counted, 0);
	ck_assert_int_eq(e[0].cut, CUT_DUPLICATE_CERTIFICATE);
	ck_assert_int_eq(e[1].counted, 150);
	ck_assert_int_eq(e[1].cut, CUT_NONE);
	ck_assert_int_eq(e[2].counted, 0);
	ck_assert_int_eq(e[2].cut, CUT_OUTSIDE_YEAR);
	ck_assert_int_eq(e[2].cap_id, 0);
}
END_TEST

START_TEST(test_caps_item_and_group_together)
{
	/*
	 * Item A capped at 10 h inside a group capped at 24 h; item B in the
	 * same group. A 8, A 8 (item cut to 2: item tighter, 10 - 8 = 2 < 24 - 8),
	 * B 20 (group cut to 14: 24 - 10), B 5 (group: 0).
	 */
	struct cap_entry e[4];

	e[0] = entry(1, "2021-09-01", 80, 1, 100, 3, 240);
	e[1] = entry(2, "2021-09-02", 80, 1, 100, 3, 240);
	e[2] = entry(3, "2021-09-03", 200, 2, 0, 3, 240);
	e[3] = entry(4, "2021-09-04", 50, 2, 0, 3, 240);
	ck_assert_int_eq(rules_apply_caps(e, 4), RULES_OK);
	ck_assert_int_eq(e[0].counted, 80);
	ck_assert_int_eq(e[1].counted, 20);
	ck_assert_int_eq(e[1].cut, CUT_ITEM_CAP);
	ck_assert_int_eq(e[1].cap_id, 1);
	ck_assert_int_eq(e[2].counted, 140);
	ck_assert_int_eq(e[2].cut, CUT_GROUP_CAP);
	ck_assert_int_eq(e[2].cap_id, 3);
	ck_assert_int_eq(e[3].counted, 0);
	ck_assert_int_eq(e[3].cut, CUT_GROUP_CAP);

	/* Both leave the same room (item 10 - 0, group 10 left): the item cap is named. */
	e[0] = entry(1, "2021-09-01", 140, 2, 0, 3, 240);
	e[1] = entry(2, "2021-09-02", 150, 1, 100, 3, 240);
	ck_assert_int_eq(rules_apply_caps(e, 2), RULES_OK);
	ck_assert_int_eq(e[0].counted, 140);
	ck_assert_int_eq(e[1].counted, 100);
	ck_assert_int_eq(e[1].cut, CUT_ITEM_CAP);
}
END_TEST

START_TEST(test_caps_same_date_by_id_and_item_only)
{
	/*
	 * 网络晒课 registered twice on the same day, item cap 15 h: the lower
	 * record id counts first (15), the other is cut to 0. Another item
	 * without caps and outside any group is untouched (32 h: lecturer,
	 * province twice).
	 */
	struct cap_entry e[3];

	e[0] = entry(9, "2021-11-05", 150, 4, 150, 0, 0);
	e[1] = entry(3, "2021-11-05", 150, 4, 150, 0, 0);
	e[2] = entry(5, "2021-11-05", 320, 6, 0, 0, 0);
	ck_assert_int_eq(rules_apply_caps(e, 3), RULES_OK);
	ck_assert_int_eq(e[1].counted, 150);
	ck_assert_int_eq(e[1].cut, CUT_NONE);
	ck_assert_int_eq(e[0].counted, 0);
	ck_assert_int_eq(e[0].cut, CUT_ITEM_CAP);
	ck_assert_int_eq(e[2].counted, 320);
	ck_assert_int_eq(e[2].cut, CUT_NONE);
	/* A NULL date sorts first (reads ""). */
	e[0] = entry(9, NULL, 150, 4, 150, 0, 0);
	e[1] = entry(3, "2021-11-05", 150, 4, 150, 0, 0);
	ck_assert_int_eq(rules_apply_caps(e, 2), RULES_OK);
	ck_assert_int_eq(e[0].counted, 150);
	ck_assert_int_eq(e[1].counted, 0);
}
END_TEST

START_TEST(test_caps_bad)
{
	struct cap_entry e[2];

	e[0] = entry(1, "2021-09-01", 150, 1, 0, 0, 0);
	e[1] = entry(2, "2021-09-02", -10, 1, 0, 0, 0);
	ck_assert_int_eq(rules_apply_caps(e, 2), RULES_ARGS);
	ck_assert_int_eq(e[0].counted, 0);
	ck_assert_int_eq(e[1].counted, 0);
	e[1] = entry(2, "2021-09-02", RULES_CLAIM_MAX + 1, 1, 0, 0, 0);
	ck_assert_int_eq(rules_apply_caps(e, 2), RULES_ARGS);
	e[1] = entry(2, "2021-09-02", 10, 1, INT64_MAX, 0, 0);
	ck_assert_int_eq(rules_apply_caps(e, 2), RULES_ARGS);
	e[1] = entry(2, "2021-09-02", 10, 1, 0, 0, 0);
	e[1].pre_cut = CUT__MAX;
	ck_assert_int_eq(rules_apply_caps(e, 2), RULES_ARGS);
	ck_assert_int_eq(rules_apply_caps(e, RULES_RECORDS_MAX + 1), RULES_ARGS);
	ck_assert_int_eq(rules_apply_caps(NULL, 0), RULES_OK);
	ck_assert_int_eq(rules_apply_caps(NULL, 1), RULES_ARGS);
}
END_TEST

START_TEST(test_totals_normative_split)
{
	struct cap_entry e[4];
	struct year_totals t;

	e[0] = entry(1, "2021-09-01", 200, 1, 0, 0, 0); /* confirmed, normative 20 h */
	e[0].normative = 1;
	e[1] = entry(2, "2021-09-02", 320, 2, 0, 0, 0); /* confirmed 32 h */
	e[2] = entry(3, "2021-09-03", 150, 3, 0, 0, 0); /* pending, normative 15 h */
	e[2].confirmed = 0;
	e[2].pending = 1;
	e[2].normative = 1;
	e[3] = entry(4, "2021-09-04", 100, 4, 0, 0, 0); /* returned: nothing */
	e[3].confirmed = 0;
	e[3].normative = 1;
	ck_assert_int_eq(rules_apply_caps(e, 4), RULES_OK);
	ck_assert_int_eq(rules_totals(e, 4, &t), RULES_OK);
	ck_assert_int_eq(t.confirmed, 520);
	ck_assert_int_eq(t.normative_confirmed, 200);
	ck_assert_int_eq(t.pending, 150);
	ck_assert_int_eq(t.normative_pending, 150);
	ck_assert_int_eq(rules_totals(NULL, 1, &t), RULES_ARGS);
	ck_assert_int_eq(t.confirmed, 0);
	ck_assert_int_eq(rules_totals(e, 0, NULL), RULES_ARGS);
}
END_TEST

/* ---------------------------------------------- certificates, participants */

START_TEST(test_order)
{
	const struct order_key k[5] = {
		{ 1, "2021-09-01", 4 },   /* pending */
		{ 0, "2021-12-01", 2 },
		{ 0, "2021-10-01", 8 },
		{ 0, "2021-10-01", 5 },
		{ 2, "2021-01-01", 1 },   /* counts nothing: last */
	};
	size_t order[5];
	const size_t want[5] = { 3, 2, 1, 0, 4 };

	ck_assert_int_eq(rules_order(k, 5, order), RULES_OK);
	for (int i = 0; i < 5; i++)
		ck_assert_uint_eq(order[i], want[i]);
	ck_assert_int_eq(rules_order(NULL, 5, order), RULES_ARGS);
	ck_assert_int_eq(rules_order(k, 0, NULL), RULES_OK);
}
END_TEST

START_TEST(test_once_per_certificate)
{
	/* School year 2021-07-01 .. 2022-06-30 (wutongqiao). */
	const char *num[8] = { "P-1", "P-1", "P-2", "P-2", "P-3", NULL, "P-4", "" };
	const char *dat[8] = {
		"2021-09-01",  /* P-1 counts */
		"2021-10-01",  /* P-1 again: duplicate */
		"2022-07-01",  /* P-2 dated next year: outside */
		"2022-06-30",  /* P-2 on the last day: counts (the outside one used nothing) */
		"2021-06-30",  /* P-3 the day before the year: outside */
		"2021-07-01",  /* no number: counts */
		"2021-13-01",  /* malformed: outside */
		"",            /* no number, no date: counts */
	};
	struct order_key k[8];
	size_t order[8];
	enum cut cut[8];
	const enum cut want[8] = { CUT_NONE, CUT_DUPLICATE_CERTIFICATE, CUT_OUTSIDE_YEAR, CUT_NONE,
		CUT_OUTSIDE_YEAR, CUT_NONE, CUT_OUTSIDE_YEAR, CUT_NONE };

	for (int i = 0; i < 8; i++) {
		k[i].tier = 0;
		k[i].date = "2022-01-01";
		k[i].id = i + 1;
		cut[i] = CUT__MAX;
	}
	ck_assert_int_eq(rules_order(k, 8, order), RULES_OK);
	ck_assert_int_eq(rules_once_per_certificate(num, dat, order, 8, "2021-07-01", "2022-06-30",
	    cut), RULES_OK);
	for (int i = 0; i < 8; i++)
		ck_assert_int_eq(cut[i], want[i]);

	/* The order decides which of two records counts: record 2 first now. */
	k[1].id = 0;
	ck_assert_int_eq(rules_order(k, 8, order), RULES_OK);
	ck_assert_int_eq(rules_once_per_certificate(num, dat, order, 8, "2021-07-01", "2022-06-30",
	    cut), RULES_OK);
	ck_assert_int_eq(cut[1], CUT_NONE);
	ck_assert_int_eq(cut[0], CUT_DUPLICATE_CERTIFICATE);

	/* Bad bounds. */
	ck_assert_int_eq(rules_once_per_certificate(num, dat, order, 8, "2021-7-1", "2022-06-30",
	    cut), RULES_DATE);
	ck_assert_int_eq(rules_once_per_certificate(num, dat, order, 8, "2022-07-01", "2022-06-30",
	    cut), RULES_DATE);
	ck_assert_int_eq(rules_once_per_certificate(num, dat, order, 8, NULL, "2022-06-30",
	    cut), RULES_DATE);
	ck_assert_int_eq(rules_once_per_certificate(NULL, dat, order, 8, "2021-07-01",
	    "2022-06-30", cut), RULES_ARGS);
}
END_TEST

START_TEST(test_once_per_certificate_then_caps)
{
	/*
	 * The same 15 h paper certificate registered twice, plus one 10 h paper:
	 * the duplicate counts 0 and does not use the 24 h group; 15 + 10 = 25 is
	 * then cut to 24 by the group (the 10 h paper counts 9).
	 */
	const char *num[3] = { "C-9", "C-9", "C-10" };
	const char *dat[3] = { "2021-11-01", "2021-11-01", "2021-12-01" };
	const size_t order[3] = { 0, 1, 2 };
	enum cut pre[3];
	struct cap_entry e[3];

	ck_assert_int_eq(rules_once_per_certificate(num, dat, order, 3, "2021-07-01", "2022-06-30",
	    pre), RULES_OK);
	e[0] = entry(1, "2021-11-02", 150, 31, 0, 7, 240);
	e[1] = entry(2, "2021-11-03", 150, 31, 0, 7, 240);
	e[2] = entry(3, "2021-12-02", 100, 32, 0, 7, 240);
	for (int i = 0; i < 3; i++)
		e[i].pre_cut = pre[i];
	ck_assert_int_eq(rules_apply_caps(e, 3), RULES_OK);
	ck_assert_int_eq(e[0].counted, 150);
	ck_assert_int_eq(e[1].counted, 0);
	ck_assert_int_eq(e[1].cut, CUT_DUPLICATE_CERTIFICATE);
	ck_assert_int_eq(e[2].counted, 90);
	ck_assert_int_eq(e[2].cut, CUT_GROUP_CAP);
}
END_TEST

START_TEST(test_project_participants)
{
	/*
	 * One municipal project: two leaders and six members registered, given
	 * out of order. In date order the first leader and the first four
	 * members count. A draft member takes no place. A pending member dated
	 * earliest comes after the confirmed ones.
	 */
	struct participant p[10] = {
		{ 10, "2022-03-01", PARTICIPANT_MEMBER, 1, 0 },  /* member #4 by date */
		{ 11, "2022-01-01", PARTICIPANT_LEADER, 1, 0 },  /* leader #2: cut */
		{ 12, "2021-12-01", PARTICIPANT_LEADER, 1, 0 },  /* leader #1 */
		{ 13, "2022-02-01", PARTICIPANT_MEMBER, 1, 0 },  /* member #3 */
		{ 14, "2021-10-01", PARTICIPANT_MEMBER, 1, 0 },  /* member #1 */
		{ 15, "2022-04-01", PARTICIPANT_MEMBER, 1, 0 },  /* member #5: cut */
		{ 16, "2021-11-01", PARTICIPANT_MEMBER, 1, 0 },  /* member #2 */
		{ 17, "2021-09-01", PARTICIPANT_MEMBER, 0, 0 },  /* draft: no place */
		{ 18, "2021-08-01", PARTICIPANT_MEMBER, 0, 1 },  /* pending: after confirmed: cut */
		{ 19, "2022-03-01", PARTICIPANT_MEMBER, 1, 0 },  /* same date as 10, higher id: cut */
	};
	const enum cut want[10] = { CUT_NONE, CUT_PARTICIPANT_LIMIT, CUT_NONE, CUT_NONE, CUT_NONE,
		CUT_PARTICIPANT_LIMIT, CUT_NONE, CUT_NOT_CONFIRMED, CUT_PARTICIPANT_LIMIT,
		CUT_PARTICIPANT_LIMIT };
	enum cut cut[10];
	int counted = 0;

	ck_assert_int_eq(rules_project_participants(p, 10, 1, 4, cut), RULES_OK);
	for (int i = 0; i < 10; i++) {
		ck_assert_int_eq(cut[i], want[i]);
		counted += cut[i] == CUT_NONE;
	}
	ck_assert_int_eq(counted, 5); /* 1 leader + 4 members */

	/* Three confirmed members: the pending one, dated earliest, takes the 4th place. */
	{
		const struct participant q[5] = {
			{ 21, "2022-01-01", PARTICIPANT_MEMBER, 1, 0 },
			{ 22, "2021-08-01", PARTICIPANT_MEMBER, 0, 1 },  /* pending */
			{ 23, "2022-02-01", PARTICIPANT_MEMBER, 1, 0 },
			{ 24, "2022-03-01", PARTICIPANT_MEMBER, 1, 0 },
			{ 25, "2021-07-01", PARTICIPANT_MEMBER, 0, 1 },  /* pending, earlier: 4th */
		};
		enum cut qc[5];
		ck_assert_int_eq(rules_project_participants(q, 5, 1, 4, qc), RULES_OK);
		ck_assert_int_eq(qc[0], CUT_NONE);
		ck_assert_int_eq(qc[2], CUT_NONE);
		ck_assert_int_eq(qc[3], CUT_NONE);
		ck_assert_int_eq(qc[4], CUT_NONE);
		ck_assert_int_eq(qc[1], CUT_PARTICIPANT_LIMIT);
	}
	/* No limits. */
	ck_assert_int_eq(rules_project_participants(p, 10, 0, 0, cut), RULES_OK);
	ck_assert_int_eq(cut[1], CUT_NONE);
	ck_assert_int_eq(cut[15 - 10], CUT_NONE);
	ck_assert_int_eq(cut[7], CUT_NOT_CONFIRMED);
	/* A role out of range. */
	p[3].role = PARTICIPANT__MAX;
	ck_assert_int_eq(rules_project_participants(p, 10, 1, 4, cut), RULES_ARGS);
	ck_assert_int_eq(rules_project_participants(NULL, 3, 1, 4, cut), RULES_ARGS);
}
END_TEST

START_TEST(test_participants_in_order)
{
	enum cut cut[6];

	for (int i = 0; i < 6; i++)
		cut[i] = CUT_NONE;
	ck_assert_int_eq(rules_participants(6, 4, cut), RULES_OK);
	for (int i = 0; i < 6; i++)
		ck_assert_int_eq(cut[i], i < 4 ? CUT_NONE : CUT_PARTICIPANT_LIMIT);
	for (int i = 0; i < 6; i++)
		cut[i] = CUT_NONE;
	ck_assert_int_eq(rules_participants(6, 1, cut), RULES_OK);
	ck_assert_int_eq(cut[0], CUT_NONE);
	ck_assert_int_eq(cut[1], CUT_PARTICIPANT_LIMIT);
	ck_assert_int_eq(rules_participants(6, 0, cut), RULES_OK);
	ck_assert_int_eq(rules_participants(2, 4, NULL), RULES_ARGS);
}
END_TEST

/* ------------------------------------------------------------ assessment */

static const struct policy wutongqiao = { 900, 450, 1200, -1, -1, 0 };
static const struct policy wuhua = { 720, 0, 1200, 3000, 3600, 5 };

static struct verdict
judge(const struct policy *p, enum category c, tenths total, tenths normative)
{
	struct year_totals t = { total, 0, normative, 0 };
	struct verdict v;

	ck_assert_int_eq(rules_assess(p, c, &t, -1, &v), RULES_OK);
	return v;
}

START_TEST(test_assess_wutongqiao_regular)
{
	struct verdict v;

	v = judge(&wutongqiao, CATEGORY_REGULAR, 899, 899); /* 89.9 h */
	ck_assert_int_eq(v.result, RESULT_FAIL);
	ck_assert_uint_eq(v.reasons, REASON_BELOW_TOTAL);
	ck_assert_int_eq(v.gap, 1);
	ck_assert_int_eq(v.threshold, 900);
	ck_assert(!v.pass && v.below_total && !v.below_normative);
	v = judge(&wutongqiao, CATEGORY_REGULAR, 900, 900); /* 90.0 h */
	ck_assert_int_eq(v.result, RESULT_PASS);
	ck_assert_uint_eq(v.reasons, 0);
	ck_assert_int_eq(v.gap, 0);
	ck_assert(v.pass);
	ck_assert_int_eq(v.cycle_result, RESULT_NONE); /* no cycle rule */
}
END_TEST

START_TEST(test_assess_wutongqiao_normative)
{
	struct verdict v;

	v = judge(&wutongqiao, CATEGORY_REGULAR, 1000, 449); /* 100 h, 44.9 normative */
	ck_assert_int_eq(v.result, RESULT_FAIL);
	ck_assert_uint_eq(v.reasons, REASON_BELOW_NORMATIVE);
	ck_assert_int_eq(v.gap, 1);
	v = judge(&wutongqiao, CATEGORY_REGULAR, 1000, 450);
	ck_assert_int_eq(v.result, RESULT_PASS);
	/* Both short: 80 h with 30 normative: gap max(10, 15) = 15 h. */
	v = judge(&wutongqiao, CATEGORY_REGULAR, 800, 300);
	ck_assert_uint_eq(v.reasons, REASON_BELOW_TOTAL | REASON_BELOW_NORMATIVE);
	ck_assert_int_eq(v.gap, 150);
	/* 85 h with 44 normative: gap max(5, 1) = 5 h. */
	v = judge(&wutongqiao, CATEGORY_REGULAR, 850, 440);
	ck_assert_int_eq(v.gap, 50);
}
END_TEST

START_TEST(test_assess_new_teacher_and_principal)
{
	struct verdict v;

	v = judge(&wutongqiao, CATEGORY_NEW_TEACHER, 1199, 600); /* 119.9 h */
	ck_assert_int_eq(v.result, RESULT_FAIL);
	ck_assert_int_eq(v.threshold, 1200);
	ck_assert_int_eq(v.gap, 1);
	v = judge(&wutongqiao, CATEGORY_NEW_TEACHER, 1200, 600);
	ck_assert_int_eq(v.result, RESULT_PASS);
	/* The normative minimum holds for new teachers too. */
	v = judge(&wutongqiao, CATEGORY_NEW_TEACHER, 1200, 449);
	ck_assert_uint_eq(v.reasons, REASON_BELOW_NORMATIVE);
	/* wutongqiao has no new-principal threshold: the regular 90 h. */
	v = judge(&wutongqiao, CATEGORY_NEW_PRINCIPAL, 900, 450);
	ck_assert_int_eq(v.threshold, 900);
	ck_assert_int_eq(v.result, RESULT_PASS);
	/* wuhua: new principal 300 h, new teacher 120 h. */
	v = judge(&wuhua, CATEGORY_NEW_PRINCIPAL, 2999, 0);
	ck_assert_int_eq(v.threshold, 3000);
	ck_assert_int_eq(v.result, RESULT_FAIL);
	ck_assert_int_eq(v.gap, 1);
	v = judge(&wuhua, CATEGORY_NEW_PRINCIPAL, 3000, 0);
	ck_assert_int_eq(v.result, RESULT_PASS);
	v = judge(&wuhua, CATEGORY_NEW_TEACHER, 1199, 0);
	ck_assert_int_eq(v.result, RESULT_FAIL);
	v = judge(&wuhua, CATEGORY_NEW_TEACHER, 1200, 0);
	ck_assert_int_eq(v.result, RESULT_PASS);
	ck_assert_int_eq(rules_category_parse("new_principal"), CATEGORY_NEW_PRINCIPAL);
	ck_assert_int_eq(rules_category_parse("principal"), -1);
}
END_TEST

START_TEST(test_assess_wuhua_regular)
{
	struct verdict v;

	v = judge(&wuhua, CATEGORY_REGULAR, 719, 0); /* 71.9 h; no normative rule */
	ck_assert_int_eq(v.result, RESULT_FAIL);
	ck_assert_uint_eq(v.reasons, REASON_BELOW_TOTAL);
	ck_assert_int_eq(v.gap, 1);
	v = judge(&wuhua, CATEGORY_REGULAR, 720, 0);
	ck_assert_int_eq(v.result, RESULT_PASS);
	ck_assert_int_eq(v.threshold, 720);
}
END_TEST

START_TEST(test_assess_wuhua_cycle)
{
	const tenths short_years[5] = { 720, 720, 720, 719, 720 };  /* 359.9 h */
	const tenths full_years[5] = { 720, 720, 720, 720, 720 };   /* 360.0 h */
	const tenths six[6] = { 720, 720, 720, 720, 720, 720 };
	struct year_totals t = { 720, 0, 0, 0 };
	struct verdict v;

	ck_assert_int_eq(rules_assess_years(&wuhua, CATEGORY_REGULAR, &t, short_years, 5, &v),
	    RULES_OK);
	ck_assert_int_eq(v.result, RESULT_PASS);      /* this year is fine */
	ck_assert_int_eq(v.cycle_result, RESULT_FAIL);
	ck_assert_uint_eq(v.reasons, REASON_BELOW_CYCLE);
	ck_assert_int_eq(v.cycle_total, 3599);
	ck_assert_int_eq(v.cycle_gap, 1);
	ck_assert(v.cycle_applies && !v.cycle_pass);
	ck_assert_int_eq(rules_assess_years(&wuhua, CATEGORY_REGULAR, &t, full_years, 5, &v),
	    RULES_OK);
	ck_assert_int_eq(v.cycle_result, RESULT_PASS);
	ck_assert_int_eq(v.cycle_total, 3600);
	ck_assert_int_eq(v.cycle_gap, 0);
	ck_assert_uint_eq(v.reasons, 0);
	/* The same through rules_assess with the sum. */
	ck_assert_int_eq(rules_assess(&wuhua, CATEGORY_REGULAR, &t, 3599, &v), RULES_OK);
	ck_assert_int_eq(v.cycle_gap, 1);
	/* A new teacher in the probation year is not held to the cycle. */
	t.confirmed = 1200;
	ck_assert_int_eq(rules_assess_years(&wuhua, CATEGORY_NEW_TEACHER, &t, short_years, 1, &v),
	    RULES_OK);
	ck_assert_int_eq(v.cycle_result, RESULT_NONE);
	ck_assert_int_eq(v.result, RESULT_PASS);
	/* No years given: not judged. More years than the cycle: refused. */
	ck_assert_int_eq(rules_assess_years(&wuhua, CATEGORY_REGULAR, &t, NULL, 0, &v), RULES_OK);
	ck_assert_int_eq(v.cycle_result, RESULT_NONE);
	ck_assert_int_eq(rules_assess_years(&wuhua, CATEGORY_REGULAR, &t, six, 6, &v), RULES_ARGS);
	ck_assert_int_eq(v.result, RESULT_NONE);
	/* wutongqiao has no cycle rule (cycle_years 0 reads 5). */
	ck_assert_int_eq(rules_assess_years(&wutongqiao, CATEGORY_REGULAR, &t, full_years, 5, &v),
	    RULES_OK);
	ck_assert_int_eq(v.cycle_result, RESULT_NONE);
}
END_TEST

START_TEST(test_assess_bad)
{
	struct year_totals t = { 900, 0, 450, 0 };
	struct policy p = wutongqiao;
	const tenths years[2] = { 900, -1 };
	struct verdict v;

	ck_assert_int_eq(rules_assess(NULL, CATEGORY_REGULAR, &t, -1, &v), RULES_ARGS);
	ck_assert_int_eq(rules_assess(&p, CATEGORY__MAX, &t, -1, &v), RULES_ARGS);
	ck_assert_int_eq(rules_assess(&p, CATEGORY_REGULAR, &t, -1, NULL), RULES_ARGS);
	t.confirmed = -1;
	ck_assert_int_eq(rules_assess(&p, CATEGORY_REGULAR, &t, -1, &v), RULES_ARGS);
	ck_assert_int_eq(v.result, RESULT_NONE);
	t.confirmed = 400; /* normative above the total */
	ck_assert_int_eq(rules_assess(&p, CATEGORY_REGULAR, &t, -1, &v), RULES_ARGS);
	t.confirmed = INT64_MAX;
	t.normative_confirmed = 0;
	ck_assert_int_eq(rules_assess(&p, CATEGORY_REGULAR, &t, -1, &v), RULES_ARGS);
	t.confirmed = 900;
	p.min = -5;
	ck_assert_int_eq(rules_assess(&p, CATEGORY_REGULAR, &t, -1, &v), RULES_ARGS);
	p = wuhua;
	ck_assert_int_eq(rules_assess_years(&p, CATEGORY_REGULAR, &t, years, 2, &v), RULES_ARGS);
	ck_assert_int_eq(rules_assess(&p, CATEGORY_REGULAR, &t, -2, &v), RULES_ARGS);
}
END_TEST

START_TEST(test_school_flag)
{
	/* wuhua 六: 10% 及以上 of teachers failing. */
	ck_assert_int_eq(rules_school_flagged(1, 10, 10), 1);
	ck_assert_int_eq(rules_school_flagged(1, 11, 10), 0);
	ck_assert_int_eq(rules_school_flagged(0, 0, 10), 0);
	ck_assert_int_eq(rules_school_flagged(2, 20, 10), 1);
	ck_assert_int_eq(rules_school_flagged(2, 21, 10), 0);
	ck_assert_int_eq(rules_school_flagged(0, 10, 10), 0);
	ck_assert_int_eq(rules_school_flagged(5, 5, 10), 1);
	/* No rule (wutongqiao), invalid counts. */
	ck_assert_int_eq(rules_school_flagged(5, 5, 0), 0);
	ck_assert_int_eq(rules_school_flagged(6, 5, 10), 0);
	ck_assert_int_eq(rules_school_flagged(-1, 5, 10), 0);
	ck_assert_int_eq(rules_school_flagged(INT64_MAX, INT64_MAX, 10), 0);
}
END_TEST

/* ------------------------------------------------------------------ names */

START_TEST(test_names)
{
	for (int t = 0; t < RULE__MAX; t++)
		ck_assert_int_eq(rules_type_parse(rules_type_name((enum rule_type)t)), t);
	ck_assert_str_eq(rules_type_name(RULE_POINTS_QUARTERS), "points_quarters");
	ck_assert_str_eq(rules_type_name(RULE__MAX), "unknown");
	ck_assert_int_eq(rules_type_parse("per_year"), -1);
	for (int e = 0; e < RULES_ERROR__MAX; e++) {
		ck_assert_ptr_nonnull(rules_error_code((enum rules_error)e));
		ck_assert_ptr_nonnull(rules_error_field((enum rules_error)e));
	}
	ck_assert_str_eq(rules_error_code(RULES_ERROR__MAX), "invalid");
	for (int c = 0; c < CUT__MAX; c++)
		ck_assert_ptr_nonnull(rules_cut_name((enum cut)c));
	ck_assert_str_eq(rules_cut_name(CUT_ITEM_CAP), "item_cap");
	ck_assert_str_eq(rules_cut_name(CUT_PARTICIPANT_LIMIT), "participant_limit");
	ck_assert_str_eq(rules_cut_name(CUT__MAX), "none");
}
END_TEST

/* Dates are real dates: the one validator of every form and import. */
START_TEST(test_dates_are_real)
{
	static const char *good[] = { "2021-07-01", "2022-06-30", "2024-02-29", "2000-02-29",
		"2022-12-31", "2022-04-30" };
	static const char *bad[] = { "2022-02-30", "2023-02-29", "2023-04-31", "1900-02-29",
		"2022-13-01", "2022-00-10", "2022-01-00", "2022-1-01", "2022/01/01", "20220101",
		"2022-01-01x", "", "2022-06-31", "2022-09-31", "2022-11-31" };

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		ck_assert_msg(rules_date_valid(good[i]) == 1, "%s should be a date", good[i]);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(rules_date_valid(bad[i]) == 0, "%s should not be a date", bad[i]);
	ck_assert_int_eq(rules_date_valid(NULL), 0);
}
END_TEST

/* Hours as typed: 五通桥's 90 h minimum is 900 tenths, 五华's 48.5 h a 485; one decimal at most. */
START_TEST(test_hours_as_typed)
{
	static const char *bad[] = { "", "1.25", "-3", "九十", "90h", ".5", "5.", "10001", "1e3", " 90" };

	ck_assert_int_eq(rules_hours_parse("90"), 900);
	ck_assert_int_eq(rules_hours_parse("48.5"), 485);
	ck_assert_int_eq(rules_hours_parse("0"), 0);
	ck_assert_int_eq(rules_hours_parse("10000"), 100000);
	ck_assert_int_eq(rules_hours_parse("007.0"), 70);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(rules_hours_parse(bad[i]) == -1, "\"%s\" should not be hours", bad[i]);
}
END_TEST

/* School years: 2026-2027 from 07-01 ends 2027-06-30; from 03-01, 2027-2028 ends on leap day 2028-02-29. */
START_TEST(test_year_labels_and_bounds)
{
	char s[16], e[16];

	ck_assert_int_eq(rules_year_label("2026-2027"), 2026);
	ck_assert_int_eq(rules_year_label("2026-2028"), -1);
	ck_assert_int_eq(rules_year_label("2026/2027"), -1);
	ck_assert_int_eq(rules_year_label("26-27"), -1);
	ck_assert_int_eq(rules_year_bounds(2026, "07-01", s, e), 0);
	ck_assert_str_eq(s, "2026-07-01");
	ck_assert_str_eq(e, "2027-06-30");
	ck_assert_int_eq(rules_year_bounds(2026, "01-01", s, e), 0);
	ck_assert_str_eq(e, "2026-12-31");
	ck_assert_int_eq(rules_year_bounds(2027, "03-01", s, e), 0);
	ck_assert_str_eq(e, "2028-02-29");
	ck_assert_int_eq(rules_year_bounds(2026, "02-29", s, e), -1);
	ck_assert_int_eq(rules_year_bounds(2026, "13-01", s, e), -1);
}
END_TEST

/* 五通桥 2021-2022: 登记内容的时间范围 2021-07-01 to 2022-06-30, bounds inclusive. */
START_TEST(test_activity_within_school_year)
{
	const char *ys = "2021-07-01", *ye = "2022-06-30";

	ck_assert_int_eq(rules_in_year("2021-07-01", "2022-06-30", ys, ye), RULES_OK);
	ck_assert_int_eq(rules_in_year("2022-03-01", "2022-03-02", ys, ye), RULES_OK);
	ck_assert_int_eq(rules_in_year("2021-06-30", "2021-07-02", ys, ye), RULES_OUTSIDE_YEAR);
	ck_assert_int_eq(rules_in_year("2022-06-30", "2022-07-01", ys, ye), RULES_OUTSIDE_YEAR);
	ck_assert_int_eq(rules_in_year("2020-09-01", "2020-09-01", ys, ye), RULES_OUTSIDE_YEAR);
	ck_assert_int_eq(rules_in_year("2022-02-30", "2022-03-01", ys, ye), RULES_DATE);
	ck_assert_int_eq(rules_in_year("2022-03-02", "2022-03-01", ys, ye), RULES_DATE);
	ck_assert_str_eq(rules_error_code(RULES_OUTSIDE_YEAR), "outside_year");
}
END_TEST

/* 党建工作学习研讨, 10 h per term: two terms a year by default, so at most 20 h. */
START_TEST(test_per_term_cap)
{
	struct cap_entry e[1];

	ck_assert_int_eq(rules_per_term_cap(100, 2, 0), 200);
	ck_assert_int_eq(rules_per_term_cap(100, 3, 0), 300);
	ck_assert_int_eq(rules_per_term_cap(100, 2, 150), 150);   /* a tighter item cap */
	ck_assert_int_eq(rules_per_term_cap(100, 2, 500), 200);
	ck_assert_int_eq(rules_per_term_cap(0, 2, 0), 0);
	ck_assert_int_eq(rules_per_term_cap(100, 0, 80), 80);
	/* Six terms registered at 10 h: the caps give 20 h, not 60 h. */
	memset(e, 0, sizeof(e));
	e[0].record_id = 1;
	e[0].date = "2021-09-01";
	e[0].claimed = 600;
	e[0].item_id = 4;
	e[0].item_cap = rules_per_term_cap(100, 2, 0);
	e[0].confirmed = 1;
	ck_assert_int_eq(rules_apply_caps(e, 1), RULES_OK);
	ck_assert_int_eq(e[0].counted, 200);
	ck_assert_int_eq(e[0].cut, CUT_ITEM_CAP);
}
END_TEST

/* 优秀学员人数不超过培训班人数的10%: of 30, the first three; of 9, none; of 10, one. */
START_TEST(test_excellent_quota_by_rank)
{
	ck_assert_int_eq(rules_excellent_within_quota(0, 30, 10), 1);
	ck_assert_int_eq(rules_excellent_within_quota(2, 30, 10), 1);
	ck_assert_int_eq(rules_excellent_within_quota(3, 30, 10), 0);
	ck_assert_int_eq(rules_excellent_within_quota(0, 9, 10), 0);
	ck_assert_int_eq(rules_excellent_within_quota(0, 10, 10), 1);
	ck_assert_int_eq(rules_excellent_within_quota(1, 10, 10), 0);
	ck_assert_int_eq(rules_excellent_within_quota(-1, 30, 10), 0);
	ck_assert_int_eq(rules_excellent_within_quota(0, 30, 101), 0);
}
END_TEST

/*
 * A class carries its own quota (审批备案): assess_rank hands each record its
 * place, its class's size and that quota. Class 1 (10 people, its own 20%)
 * has three excellent trainees: places 0 and 1 are within 10 x 20% = 2, place
 * 2 is not; class 2 (10 people, no quota of its own: -1, the item's 10%)
 * keeps one. A teacher's second record in a class has the first one's place.
 */
START_TEST(test_rank_carries_class_quota)
{
	const struct assess_rank_row rows[] = {
		{ "1", 11, 101, 10, 20 }, { "1", 12, 102, 10, 20 }, { "1", 13, 101, 10, 20 },
		{ "1", 14, 103, 10, 20 }, { "2", 5, 104, 10, -1 }, { "2", 6, 105, 10, -1 },
	};
	struct assess_place pl[6];
	static const long long want_record[] = { 5, 6, 11, 12, 13, 14 };
	static const long long want_place[] = { 0, 1, 0, 1, 0, 2 };
	static const int want_quota[] = { -1, -1, 20, 20, 20, 20 };

	assess_rank(rows, 6, pl);
	for (int i = 0; i < 6; i++) {
		ck_assert_int_eq(pl[i].record_id, want_record[i]);
		ck_assert_int_eq(pl[i].place, want_place[i]);
		ck_assert_int_eq(pl[i].of, 10);
		ck_assert_int_eq(pl[i].quota_percent, want_quota[i]);
	}
	/* Class 1 by its own 20%: records 11, 12, 13 (teacher 101 again) yes, 14 no. */
	ck_assert_int_eq(rules_excellent_within_quota(pl[3].place, pl[3].of, pl[3].quota_percent), 1);
	ck_assert_int_eq(rules_excellent_within_quota(pl[5].place, pl[5].of, pl[5].quota_percent), 0);
	/* Class 2 by the item's 10%: the first yes, the second no. */
	ck_assert_int_eq(rules_excellent_within_quota(pl[0].place, pl[0].of, 10), 1);
	ck_assert_int_eq(rules_excellent_within_quota(pl[1].place, pl[1].of, 10), 0);
}
END_TEST

static Suite *
rules_suite(void)
{
	Suite *s = suite_create("rules");
	TCase *tc;

	tc = tcase_create("types");
	tcase_add_test(tc, test_per_unit_special_training);
	tcase_add_test(tc, test_per_unit_quantity_bad);
	tcase_add_test(tc, test_per_term_party_study);
	tcase_add_test(tc, test_tiered_lecturer);
	tcase_add_test(tc, test_as_certified);
	tcase_add_test(tc, test_points_issue_example);
	tcase_add_test(tc, test_points_quarters_and_cap);
	tcase_add_test(tc, test_points_missing_quarters);
	tcase_add_test(tc, test_points_bad);
	tcase_add_test(tc, test_roster_online_lesson);
	tcase_add_test(tc, test_roster_research_and_bad_addons);
	tcase_add_test(tc, test_trainee_multiplier);
	tcase_add_test(tc, test_excellent_quota);
	tcase_add_test(tc, test_set_hours_rules);
	tcase_add_test(tc, test_claim_bad_params_and_args);
	suite_add_tcase(s, tc);

	tc = tcase_create("caps");
	tcase_add_test(tc, test_caps_six_papers);
	tcase_add_test(tc, test_caps_special_training_24);
	tcase_add_test(tc, test_caps_teaching_achievement_group);
	tcase_add_test(tc, test_caps_confirmed_before_pending);
	tcase_add_test(tc, test_caps_pre_cut_uses_no_cap);
	tcase_add_test(tc, test_caps_item_and_group_together);
	tcase_add_test(tc, test_caps_same_date_by_id_and_item_only);
	tcase_add_test(tc, test_caps_bad);
	tcase_add_test(tc, test_totals_normative_split);
	suite_add_tcase(s, tc);

	tc = tcase_create("once");
	tcase_add_test(tc, test_order);
	tcase_add_test(tc, test_once_per_certificate);
	tcase_add_test(tc, test_once_per_certificate_then_caps);
	tcase_add_test(tc, test_project_participants);
	tcase_add_test(tc, test_participants_in_order);
	tcase_add_test(tc, test_dates_are_real);
	tcase_add_test(tc, test_hours_as_typed);
	tcase_add_test(tc, test_year_labels_and_bounds);
	tcase_add_test(tc, test_activity_within_school_year);
	tcase_add_test(tc, test_per_term_cap);
	tcase_add_test(tc, test_excellent_quota_by_rank);
	tcase_add_test(tc, test_rank_carries_class_quota);
	suite_add_tcase(s, tc);

	tc = tcase_create("assess");
	tcase_add_test(tc, test_assess_wutongqiao_regular);
	tcase_add_test(tc, test_assess_wutongqiao_normative);
	tcase_add_test(tc, test_assess_new_teacher_and_principal);
	tcase_add_test(tc, test_assess_wuhua_regular);
	tcase_add_test(tc, test_assess_wuhua_cycle);
	tcase_add_test(tc, test_assess_bad);
	tcase_add_test(tc, test_school_flag);
	tcase_add_test(tc, test_names);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(rules_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed != 0 ? 1 : 0;
}
