/*
 * test_verify.c - the verification code's text (domain/verify.h): 80 bits
 * in Crockford's base32, what a person may type for it, and the masked
 * name. The bytes 00 44 32 14 C7 42 54 B6 35 CF are, read five bits at a
 * time, 0, 1, 2, ... 15 (00000 00001 00010 00011 ...), so their code is the
 * alphabet's first sixteen characters.
 */
#include "domain/verify.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

static const unsigned char counting[10] = { 0x00, 0x44, 0x32, 0x14, 0xC7, 0x42, 0x54, 0xB6, 0x35, 0xCF };

START_TEST(test_encode)
{
	unsigned char zero[10] = { 0 }, ones[10];
	char code[VERIFY_CODE_LEN + 1];

	verify_code_encode(counting, code);
	ck_assert_str_eq(code, "0123456789ABCDEF");
	verify_code_encode(zero, code);
	ck_assert_str_eq(code, "0000000000000000");
	memset(ones, 0xFF, sizeof(ones));
	verify_code_encode(ones, code);
	ck_assert_str_eq(code, "ZZZZZZZZZZZZZZZZ");
	/* 1F in the last five bits of the first byte pair: 00000 111|11 ... */
	{
		unsigned char b[10] = { 0x07, 0xC0 };
		verify_code_encode(b, code);
		ck_assert_str_eq(code, "0Z00000000000000");
	}
}
END_TEST

START_TEST(test_parse_what_people_type)
{
	char out[VERIFY_CODE_LEN + 1], grouped[VERIFY_CODE_LEN + 4];

	ck_assert_int_eq(verify_code_parse("0123-4567-89AB-CDEF", out), 0);
	ck_assert_str_eq(out, "0123456789ABCDEF");
	/* lower case, spaces, O for 0, I and L for 1 */
	ck_assert_int_eq(verify_code_parse(" o123 4567 89ab cdef ", out), 0);
	ck_assert_str_eq(out, "0123456789ABCDEF");
	ck_assert_int_eq(verify_code_parse("0I23-4567-89AB-CDEF", out), 0);
	ck_assert_str_eq(out, "0123456789ABCDEF");
	ck_assert_int_eq(verify_code_parse("0l23456789abcdef", out), 0);
	ck_assert_str_eq(out, "0123456789ABCDEF");
	/* U is not in the alphabet; too short; too long; not ASCII; empty */
	ck_assert_int_eq(verify_code_parse("U123456789ABCDEF", out), -1);
	ck_assert_str_eq(out, "");
	ck_assert_int_eq(verify_code_parse("0123456789ABCDE", out), -1);
	ck_assert_int_eq(verify_code_parse("0123456789ABCDEF0", out), -1);
	ck_assert_int_eq(verify_code_parse("0123456789ABCDE\xe4\xb8\x80", out), -1);
	ck_assert_int_eq(verify_code_parse("", out), -1);
	ck_assert_int_eq(verify_code_parse(NULL, out), -1);
	ck_assert_int_eq(verify_code_parse("0123456789ABCDEF'--", out), -1);
	verify_code_group("0123456789ABCDEF", grouped);
	ck_assert_str_eq(grouped, "0123-4567-89AB-CDEF");
}
END_TEST

START_TEST(test_mask_name)
{
	char out[64];

	ck_assert_str_eq(verify_mask_name("张三", out, sizeof(out)), "张*");
	ck_assert_str_eq(verify_mask_name("王小明", out, sizeof(out)), "王**");
	ck_assert_str_eq(verify_mask_name("欧阳娜娜", out, sizeof(out)), "欧***");
	ck_assert_str_eq(verify_mask_name("李", out, sizeof(out)), "李");
	ck_assert_str_eq(verify_mask_name("", out, sizeof(out)), "");
	ck_assert_str_eq(verify_mask_name(NULL, out, sizeof(out)), "");
	ck_assert_str_eq(verify_mask_name("Li Lei", out, sizeof(out)), "L*****");
	/* a buffer too small keeps what fits, always terminated */
	ck_assert_str_eq(verify_mask_name("王小明", out, 5), "王*");
	ck_assert_str_eq(verify_mask_name("王小明", out, 3), "");
	/* a stray byte is one character */
	ck_assert_str_eq(verify_mask_name("\xff\xfe", out, sizeof(out)), "\xff*");
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("verify");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_encode);
	tcase_add_test(tc, test_parse_what_people_type);
	tcase_add_test(tc, test_mask_name);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
