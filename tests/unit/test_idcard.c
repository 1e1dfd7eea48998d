/*
 * test_idcard.c - national ID numbers: the check digit, the birth date,
 * masking for people who are not admins.
 */
#include "domain/idcard.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

START_TEST(test_check_digit_gb11643)
{
	/* The standard's own example: 11010519491231002X. */
	ck_assert_int_eq(idcard_check_char("11010519491231002"), 'X');
	ck_assert_int_eq(idcard_validate("11010519491231002X"), IDCARD_OK);
	ck_assert_int_eq(idcard_validate("11010519491231002x"), IDCARD_OK);
	ck_assert_int_eq(idcard_validate("110105194912310021"), IDCARD_CHECK);
	/* Every other last digit is wrong. */
	for (char c = '0'; c <= '9'; c++) {
		char id[19] = "11010519491231002X";
		id[17] = c;
		ck_assert_int_eq(idcard_validate(id), IDCARD_CHECK);
	}
}
END_TEST

START_TEST(test_shape_and_birth_date)
{
	char id[19];

	ck_assert_int_eq(idcard_validate("1101051949123100"), IDCARD_LENGTH);
	ck_assert_int_eq(idcard_validate("11010519491231002XX"), IDCARD_LENGTH);
	ck_assert_int_eq(idcard_validate("1101051949123100AX"), IDCARD_CHARS);
	ck_assert_int_eq(idcard_validate("11010519491231002Y"), IDCARD_CHARS);
	/* 1990-02-30 does not exist; 2000-02-29 does, 1900-02-29 does not. */
	memcpy(id, "51111219900230123", 17);
	id[17] = idcard_check_char(id);
	id[18] = '\0';
	ck_assert_int_eq(idcard_validate(id), IDCARD_BIRTH_DATE);
	memcpy(id, "51111220000229123", 17);
	id[17] = idcard_check_char(id);
	ck_assert_int_eq(idcard_validate(id), IDCARD_OK);
	memcpy(id, "51111219000229123", 17);
	id[17] = idcard_check_char(id);
	ck_assert_int_eq(idcard_validate(id), IDCARD_BIRTH_DATE);
	memcpy(id, "51111219901301123", 17);
	id[17] = idcard_check_char(id);
	ck_assert_int_eq(idcard_validate(id), IDCARD_BIRTH_DATE);
}
END_TEST

START_TEST(test_masking)
{
	char out[19];

	ck_assert_str_eq(idcard_mask("11010519491231002X", out, sizeof(out)), "110105********002X");
	ck_assert_str_eq(idcard_mask("short", out, sizeof(out)), "******");
	ck_assert_str_eq(idcard_code(IDCARD_CHECK), "check");
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("idcard");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_check_digit_gb11643);
	tcase_add_test(tc, test_shape_and_birth_date);
	tcase_add_test(tc, test_masking);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
