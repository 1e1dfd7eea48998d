/*
 * test_notice.c - the next notice number (domain/notice.c): the serial goes
 * up by one, a new calendar year starts it again at 1, whatever the
 * district writes around it.
 */
#include "domain/notice.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

static void
expect(const char *last, int year, const char *want)
{
	char out[128];

	ck_assert_int_eq(notice_next_number(last, year, out, sizeof(out)), 0);
	ck_assert_str_eq(out, want);
}

START_TEST(test_serial_goes_up)
{
	expect("五教发中心〔2022〕1 号", 2022, "五教发中心〔2022〕2 号");
	expect("五教发中心〔2022〕9 号", 2022, "五教发中心〔2022〕10 号");
	expect("五教发中心〔2022〕099 号", 2022, "五教发中心〔2022〕100 号");
	/* Other brackets, no suffix, no year. */
	expect("五教研[2023]12", 2023, "五教研[2023]13");
	expect("师训通报第 7 号", 2024, "师训通报第 8 号");
}
END_TEST

START_TEST(test_new_year_starts_again)
{
	expect("五教发中心〔2022〕3 号", 2023, "五教发中心〔2023〕1 号");
	expect("五教研[2023]12", 2026, "五教研[2026]1");
	/* A serial that looks like a year is the serial: the year is the one before it. */
	expect("五教发中心〔2022〕2022 号", 2022, "五教发中心〔2022〕2023 号");
}
END_TEST

START_TEST(test_no_serial)
{
	char out[8] = "x";

	ck_assert_int_eq(notice_next_number("通报", 2022, out, sizeof(out)), -1);
	ck_assert_str_eq(out, "");
	ck_assert_int_eq(notice_next_number("", 2022, out, sizeof(out)), -1);
	ck_assert_int_eq(notice_next_number(NULL, 2022, out, sizeof(out)), -1);
	/* Ten digits are no serial people count with. */
	ck_assert_int_eq(notice_next_number("号1234567890", 2022, out, sizeof(out)), -1);
	/* Too small a buffer: nothing half written. */
	ck_assert_int_eq(notice_next_number("五教发中心〔2022〕3 号", 2022, out, sizeof(out)), -1);
	ck_assert_str_eq(out, "");
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("notice");
	TCase *tc = tcase_create("number");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_serial_goes_up);
	tcase_add_test(tc, test_new_year_starts_again);
	tcase_add_test(tc, test_no_serial);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
