/*
 * test_sheet_write.c - writing tables for Excel: the CSV's BOM, CRLF and
 * RFC 4180 quoting, the apostrophe that stops a cell being read as a
 * formula, numbers in tenths; the .xlsx read back independently (libzip +
 * libxml2, xlsx_peek.c): strings stay strings, numbers are numbers, the
 * title row is merged and the header row frozen.
 */
#include "core/sheet.h"
#include "xlsx_peek.h"

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const struct sheet_column cols[4] = {
	{ "\xE5\xA7\x93\xE5\x90\x8D", SHEET_TEXT, 12 },     /* 姓名 */
	{ "count", SHEET_INT, 8 },
	{ "hours", SHEET_TENTHS, 10 },
	{ "rate", SHEET_PERCENT_TENTHS, 10 },
};

static const char *const cells[] = {
	"=1+2", "3", "905", "955",
	"a,b \"quoted\"", "-4", "0", "1000",
	"+cmd|' /C calc'!A0", "", "-5", "0",
	"@SUM(A1)", "12", "12", "x",
	"-minus", "0", "1", "",
	"line1\nline2", "7", "abc", "500",
};

static struct sheet_table
table(const char *title)
{
	struct sheet_table t = { 0 };

	t.title = title;
	t.sheet_name = "T";
	t.ncols = 4;
	t.cols = cols;
	t.nrows = sizeof(cells) / sizeof(cells[0]) / 4;
	t.cells = cells;
	return t;
}

START_TEST(test_csv_bom_crlf_quoting)
{
	arena *a = arena_new();
	struct sheet_table t = table("title not in csv");
	char *data;
	size_t len;
	const char *want =
	    "\xEF\xBB\xBF\xE5\xA7\x93\xE5\x90\x8D,count,hours,rate\r\n"
	    "\"'=1+2\",3,90.5,95.5%\r\n"
	    "\"a,b \"\"quoted\"\"\",-4,0.0,100.0%\r\n"
	    "\"'+cmd|' /C calc'!A0\",,-0.5,0.0%\r\n"
	    "\"'@SUM(A1)\",12,1.2,x\r\n"
	    "\"'-minus\",0,0.1,\r\n"
	    "\"line1\nline2\",7,abc,50.0%\r\n";

	ck_assert_int_eq(sheet_write_csv(a, &t, &data, &len), SHEET_OK);
	ck_assert_uint_eq(len, strlen(want));
	ck_assert_str_eq(data, want);
	arena_free(a);
}
END_TEST

START_TEST(test_csv_refuses_nonsense)
{
	arena *a = arena_new();
	struct sheet_table t = table(NULL);
	char *data = (char *)"x";
	size_t len = 9;

	t.ncols = 0;
	ck_assert_int_ne(sheet_write_csv(a, &t, &data, &len), SHEET_OK);
	ck_assert_ptr_null(data);
	ck_assert_uint_eq(len, 0);
	ck_assert_int_ne(sheet_write_xlsx(a, NULL, &data, &len), SHEET_OK);
	arena_free(a);
}
END_TEST

START_TEST(test_csv_only_header)
{
	arena *a = arena_new();
	struct sheet_table t = table(NULL);
	char *data;
	size_t len;

	t.nrows = 0;
	ck_assert_int_eq(sheet_write_csv(a, &t, &data, &len), SHEET_OK);
	ck_assert_str_eq(data, "\xEF\xBB\xBF\xE5\xA7\x93\xE5\x90\x8D,count,hours,rate\r\n");
	arena_free(a);
}
END_TEST

static int
count_tmp_files(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL)
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

START_TEST(test_xlsx_reads_back)
{
	arena *a = arena_new();
	struct sheet_table t = table("\xE6\xA0\x87\xE9\xA2\x98 2025-2026"); /* 标题 */
	struct xlsx_peek x;
	char tmpl[] = "/tmp/xs-sheet-test-XXXXXX", *dir, *data, k;
	size_t len;

	dir = mkdtemp(tmpl);
	ck_assert_ptr_nonnull(dir);
	setenv("TMPDIR", dir, 1);
	ck_assert_int_eq(sheet_write_xlsx(a, &t, &data, &len), SHEET_OK);
	/* The temporary file is gone. */
	ck_assert_int_eq(count_tmp_files(dir), 0);
	rmdir(dir);
	unsetenv("TMPDIR");
	ck_assert_uint_gt(len, 100);
	ck_assert_int_eq(memcmp(data, "PK\x03\x04", 4), 0);
	ck_assert_int_eq(xlsx_peek(data, len, &x), 0);
	/* Title (merged across the columns), header, six rows. */
	ck_assert_uint_eq(x.nrows, 8);
	ck_assert_str_eq(xlsx_peek_cell(&x, 0, 0, &k), "\xE6\xA0\x87\xE9\xA2\x98 2025-2026");
	ck_assert_ptr_nonnull(x.merged);
	ck_assert_str_eq(x.merged, "A1:D1");
	ck_assert_int_eq(x.frozen_rows, 2);
	ck_assert_str_eq(xlsx_peek_cell(&x, 1, 0, &k), "\xE5\xA7\x93\xE5\x90\x8D");
	ck_assert_int_eq(k, 's');
	ck_assert_str_eq(xlsx_peek_cell(&x, 1, 3, NULL), "rate");
	/* A formula-like text is a string, never a formula. */
	ck_assert_str_eq(xlsx_peek_cell(&x, 2, 0, &k), "=1+2");
	ck_assert_int_eq(k, 's');
	ck_assert_str_eq(xlsx_peek_cell(&x, 4, 0, &k), "+cmd|' /C calc'!A0");
	ck_assert_int_eq(k, 's');
	ck_assert_str_eq(xlsx_peek_cell(&x, 5, 0, &k), "@SUM(A1)");
	ck_assert_int_eq(k, 's');
	for (size_t r = 0; r < x.nrows; r++)
		for (size_t c = 0; c < x.ncols; c++) {
			xlsx_peek_cell(&x, r, c, &k);
			ck_assert_int_ne(k, 'f');
		}
	/* Numbers are numbers: tenths as hours, percent as a fraction. */
	ck_assert_str_eq(xlsx_peek_cell(&x, 2, 1, &k), "3");
	ck_assert_int_eq(k, 'n');
	ck_assert_double_eq_tol(atof(xlsx_peek_cell(&x, 2, 2, &k)), 90.5, 1e-9);
	ck_assert_int_eq(k, 'n');
	ck_assert_double_eq_tol(atof(xlsx_peek_cell(&x, 2, 3, &k)), 0.955, 1e-9);
	ck_assert_int_eq(k, 'n');
	ck_assert_double_eq_tol(atof(xlsx_peek_cell(&x, 4, 2, NULL)), -0.5, 1e-9);
	/* An empty number cell stays empty; text in a number column stays text. */
	xlsx_peek_cell(&x, 4, 1, &k);
	ck_assert_int_eq(k, 0);
	ck_assert_str_eq(xlsx_peek_cell(&x, 5, 3, &k), "x");
	ck_assert_int_eq(k, 's');
	ck_assert_str_eq(xlsx_peek_cell(&x, 7, 0, NULL), "line1\nline2");
	xlsx_peek_free(&x);
	arena_free(a);
}
END_TEST

START_TEST(test_xlsx_without_title)
{
	arena *a = arena_new();
	struct sheet_table t = table(NULL);
	struct xlsx_peek x;
	char *data, k;
	size_t len;

	t.sheet_name = "bad[name]"; /* Excel refuses the name: the sheet is still written */
	ck_assert_int_eq(sheet_write_xlsx(a, &t, &data, &len), SHEET_OK);
	ck_assert_int_eq(xlsx_peek(data, len, &x), 0);
	ck_assert_uint_eq(x.nrows, 7);
	ck_assert_str_eq(xlsx_peek_cell(&x, 0, 1, &k), "count");
	ck_assert_int_eq(x.frozen_rows, 1);
	ck_assert_ptr_null(x.merged);
	ck_assert_str_eq(xlsx_peek_cell(&x, 1, 1, &k), "3");
	ck_assert_int_eq(k, 'n');
	xlsx_peek_free(&x);
	arena_free(a);
}
END_TEST

/* Hours as people write them (the catalogue's 学时): 4 and 12.5, numbers, not 4.0. */
START_TEST(test_hours_as_people_write_them)
{
	static const struct sheet_column hcols[1] = { { "h", SHEET_HOURS, 8 } };
	static const char *const hcells[] = { "40", "125", "0", "abc" };
	arena *a = arena_new();
	struct sheet_table t;
	struct xlsx_peek x;
	char *data, k;
	size_t len;

	memset(&t, 0, sizeof(t));
	t.sheet_name = "H";
	t.ncols = 1;
	t.cols = hcols;
	t.nrows = 4;
	t.cells = hcells;
	ck_assert_int_eq(sheet_write_csv(a, &t, &data, &len), SHEET_OK);
	ck_assert_str_eq(data, "\xEF\xBB\xBFh\r\n4\r\n12.5\r\n0\r\nabc\r\n");
	ck_assert_int_eq(sheet_write_xlsx(a, &t, &data, &len), SHEET_OK);
	ck_assert_int_eq(xlsx_peek(data, len, &x), 0);
	ck_assert_str_eq(xlsx_peek_cell(&x, 1, 0, &k), "4");
	ck_assert_int_eq(k, 'n');
	ck_assert_str_eq(xlsx_peek_cell(&x, 2, 0, &k), "12.5");
	ck_assert_int_eq(k, 'n');
	ck_assert_str_eq(xlsx_peek_cell(&x, 4, 0, &k), "abc");
	xlsx_peek_free(&x);
	arena_free(a);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("sheet_write");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_csv_bom_crlf_quoting);
	tcase_add_test(tc, test_csv_refuses_nonsense);
	tcase_add_test(tc, test_csv_only_header);
	tcase_add_test(tc, test_xlsx_reads_back);
	tcase_add_test(tc, test_xlsx_without_title);
	tcase_add_test(tc, test_hours_as_people_write_them);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
