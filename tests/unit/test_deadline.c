/*
 * test_deadline.c - a deadline date against the clock in the district's
 * local days (domain/deadline.h). The instants are worked out by hand:
 * 2022-01-01T00:00Z is 1640995200; June 30 is 180 days later
 * (31+28+31+30+31+29), 1656547200; 16:00Z that day is 1656604800, which
 * is 2022-07-01 00:00 at UTC+8.
 */
#include "domain/deadline.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#define JUNE30_1600Z 1656604800LL

START_TEST(test_end_of_the_local_day)
{
	int ok = -1;

	/* One second before local midnight at UTC+8: the deadline day, 0 left. */
	ck_assert_int_eq(deadline_days_left(JUNE30_1600Z - 1, 480, "2022-06-30", &ok), 0);
	ck_assert_int_eq(ok, 1);
	ck_assert_int_eq(deadline_passed(JUNE30_1600Z - 1, 480, "2022-06-30"), 0);
	/* Local midnight: over, though the UTC date is still June 30. */
	ck_assert_int_eq(deadline_days_left(JUNE30_1600Z, 480, "2022-06-30", NULL), -1);
	ck_assert_int_eq(deadline_passed(JUNE30_1600Z, 480, "2022-06-30"), 1);
	/* The same instant in UTC and at UTC-5 (11:00 on the 30th): still open. */
	ck_assert_int_eq(deadline_days_left(JUNE30_1600Z, 0, "2022-06-30", NULL), 0);
	ck_assert_int_eq(deadline_days_left(JUNE30_1600Z, -300, "2022-06-30", NULL), 0);
	/* 2022-06-18T01:00Z, 09:00 at UTC+8: 12 days to June 30, 74 to August 31. */
	ck_assert_int_eq(deadline_days_left(1656547200LL - 12 * 86400 + 3600, 480, "2022-06-30", NULL), 12);
	ck_assert_int_eq(deadline_days_left(1656547200LL - 12 * 86400 + 3600, 480, "2022-08-31", NULL), 74);
}
END_TEST

START_TEST(test_leap_years)
{
	/* 2024-02-28T12:00Z: 2024-01-01 is 1704067200, plus 58 days and 12 h. */
	long long t = 1704067200LL + 58 * 86400 + 43200;

	ck_assert_int_eq(deadline_days_left(t, 0, "2024-02-29", NULL), 1);
	ck_assert_int_eq(deadline_days_left(t, 0, "2024-03-01", NULL), 2);
	ck_assert_int_eq(deadline_days_left(t, 0, "2025-02-28", NULL), 366);
}
END_TEST

START_TEST(test_not_a_date)
{
	static const char *const bad[] = { "2023-02-29", "2022-6-30", "2022-06-31", "2022-13-01",
		"2022-06-30x", "", "2022/06/30", "20220630", NULL };
	int ok;

	for (int i = 0; bad[i] != NULL; i++) {
		ok = -1;
		ck_assert_int_eq(deadline_days_left(JUNE30_1600Z, 480, bad[i], &ok), 0);
		ck_assert_int_eq(ok, 0);
		ck_assert_int_eq(deadline_passed(JUNE30_1600Z, 480, bad[i]), 0);
	}
	ck_assert_int_eq(deadline_passed(JUNE30_1600Z, 480, NULL), 0);
}
END_TEST

START_TEST(test_local_date_and_later)
{
	char buf[11];

	deadline_local_date(JUNE30_1600Z, 480, buf);
	ck_assert_str_eq(buf, "2022-07-01");
	deadline_local_date(JUNE30_1600Z, 0, buf);
	ck_assert_str_eq(buf, "2022-06-30");
	deadline_local_date(0, 0, buf);
	ck_assert_str_eq(buf, "1970-01-01");
	deadline_local_date(-1, 0, buf);
	ck_assert_str_eq(buf, "1969-12-31");
	ck_assert_str_eq(deadline_later("2022-08-31", "2022-09-15"), "2022-09-15");
	ck_assert_str_eq(deadline_later("2022-09-15", "2022-08-31"), "2022-09-15");
	ck_assert_str_eq(deadline_later(NULL, "2022-08-31"), "2022-08-31");
	ck_assert_str_eq(deadline_later("2022-08-31", ""), "2022-08-31");
	ck_assert_ptr_null(deadline_later(NULL, NULL));
}
END_TEST

START_TEST(test_local_day_of_a_stamp)
{
	char day[11] = "";

	/* A hand-in at 15:59:59 UTC is 23:59:59 at UTC+8: still August 31; at 16:00, September 1. */
	ck_assert_int_eq(deadline_local_day_of("2022-08-31T15:59:59Z", 480, day), 0);
	ck_assert_str_eq(day, "2022-08-31");
	ck_assert_int_eq(deadline_local_day_of("2022-08-31T16:00:00Z", 480, day), 0);
	ck_assert_str_eq(day, "2022-09-01");
	ck_assert_int_eq(deadline_local_day_of("2022-08-31T16:00:00.250Z", 480, day), 0);
	ck_assert_str_eq(day, "2022-09-01");
	/* West of Greenwich the day starts later: 03:00 UTC on March 1 is February 28 at UTC-5. */
	ck_assert_int_eq(deadline_local_day_of("2023-03-01T03:00:00Z", -300, day), 0);
	ck_assert_str_eq(day, "2023-02-28");
	/* The year's last second at UTC+8 is already the next year. */
	ck_assert_int_eq(deadline_local_day_of("2021-12-31T16:00:00Z", 480, day), 0);
	ck_assert_str_eq(day, "2022-01-01");
	/* A date is a local day already. */
	ck_assert_int_eq(deadline_local_day_of("2022-08-28", 480, day), 0);
	ck_assert_str_eq(day, "2022-08-28");
	/* Not a moment: refused, day untouched. */
	strcpy(day, "unchanged!");
	ck_assert_int_eq(deadline_local_day_of("2022-02-30", 480, day), -1);
	ck_assert_int_eq(deadline_local_day_of("2022-08-31 16:00:00", 480, day), -1);
	ck_assert_int_eq(deadline_local_day_of("2022-08-31T25:00:00Z", 480, day), -1);
	ck_assert_int_eq(deadline_local_day_of("", 480, day), -1);
	ck_assert_int_eq(deadline_local_day_of(NULL, 480, day), -1);
	ck_assert_str_eq(day, "unchanged!");
	/* Late is after the deadline's local day; no deadline, nothing is late. */
	ck_assert_int_eq(deadline_handed_in_late("2022-08-31T15:59:59Z", "2022-08-31", 480), 0);
	ck_assert_int_eq(deadline_handed_in_late("2022-08-31T16:00:00Z", "2022-08-31", 480), 1);
	ck_assert_int_eq(deadline_handed_in_late("2022-08-31T16:00:00Z", "2022-08-31", 0), 0);
	ck_assert_int_eq(deadline_handed_in_late("2022-09-01", "2022-08-31", 480), 1);
	ck_assert_int_eq(deadline_handed_in_late("2022-09-01", "", 480), 0);
	ck_assert_int_eq(deadline_handed_in_late("", "2022-08-31", 480), 0);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("deadline");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_end_of_the_local_day);
	tcase_add_test(tc, test_leap_years);
	tcase_add_test(tc, test_not_a_date);
	tcase_add_test(tc, test_local_date_and_later);
	tcase_add_test(tc, test_local_day_of_a_stamp);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
