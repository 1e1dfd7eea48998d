/*
 * test_sheet.c - reading the files school admins have: CSV in UTF-8 (with
 * and without a BOM, CRLF, quotes, embedded newlines) and in GBK (made here
 * with iconv), .xlsx made here with libxlsxwriter (shared and rich strings,
 * numbers, gaps, the rows the user sees) and zips made here with libzip;
 * broken files of every kind are refused with a code, never a crash.
 */
#include "core/sheet.h"
#include "domain/idcard.h"
#include "pages/roster_import.h"

#include <check.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <xlsxwriter.h>
#include <zip.h>

/* 姓名, 张三, 李四 */
#define ZH_NAME "\xE5\xA7\x93\xE5\x90\x8D"
#define ZH_ZS   "\xE5\xBC\xA0\xE4\xB8\x89"
#define ZH_LS   "\xE6\x9D\x8E\xE5\x9B\x9B"

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	ck_assert_ptr_nonnull(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

START_TEST(test_csv_utf8)
{
	arena *a = arena_new();
	struct sheet s;
	const char csv[] = "\xef\xbb\xbf" ZH_NAME ",b,c\r\n"
	    " " ZH_ZS " ,\"x, \"\"y\"\"\",\"two\r\nlines\"\r\n"
	    ",,\r\n"
	    ZH_LS ",1\r\n";

	ck_assert_int_eq(sheet_read_mem(a, csv, sizeof(csv) - 1, "a.csv", 10, 10, &s), SHEET_OK);
	ck_assert_str_eq(s.format, "csv");
	ck_assert_str_eq(s.encoding, "UTF-8");
	ck_assert_uint_eq(s.nrows, 3);   /* the blank row is dropped */
	ck_assert_str_eq(sheet_cell(&s.rows[0], 0), ZH_NAME);   /* no BOM */
	ck_assert_str_eq(sheet_cell(&s.rows[1], 0), ZH_ZS);     /* trimmed */
	ck_assert_str_eq(sheet_cell(&s.rows[1], 1), "x, \"y\"");
	ck_assert_str_eq(sheet_cell(&s.rows[1], 2), "two\r\nlines");
	ck_assert_int_eq(s.rows[1].line, 2);
	ck_assert_int_eq(s.rows[2].line, 4);   /* the row Excel shows */
	ck_assert_str_eq(sheet_cell(&s.rows[2], 1), "1");
	ck_assert_str_eq(sheet_cell(&s.rows[2], 5), "");   /* past the end */
	arena_free(a);
}
END_TEST

START_TEST(test_csv_gbk)
{
	arena *a = arena_new();
	struct sheet s;
	const char utf[] = ZH_NAME ",x\n" ZH_ZS "," ZH_LS "\n";
	char gbk[64], *ip = (char *)utf, *op = gbk;
	size_t il = sizeof(utf) - 1, ol = sizeof(gbk);
	iconv_t cd = iconv_open("GBK", "UTF-8");

	ck_assert(cd != (iconv_t)-1);
	ck_assert_uint_ne(iconv(cd, &ip, &il, &op, &ol), (size_t)-1);
	iconv_close(cd);
	ck_assert_int_eq(sheet_read_mem(a, gbk, (size_t)(op - gbk), "g.csv", 10, 10, &s), SHEET_OK);
	ck_assert_str_eq(s.encoding, "GB18030");
	ck_assert_uint_eq(s.nrows, 2);
	ck_assert_str_eq(sheet_cell(&s.rows[0], 0), ZH_NAME);
	ck_assert_str_eq(sheet_cell(&s.rows[1], 1), ZH_LS);
	arena_free(a);
}
END_TEST

START_TEST(test_csv_refused)
{
	arena *a = arena_new();
	struct sheet s;
	char big[6000];

	/* 0x81 0x20: not UTF-8 and not GB18030 either */
	ck_assert_int_eq(sheet_read_mem(a, "a,\x81\x20\n", 5, "x.csv", 10, 10, &s),
	    SHEET_BAD_ENCODING);
	ck_assert_int_eq(sheet_read_mem(a, "a,\xff\n", 4, "x.csv", 10, 10, &s),
	    SHEET_BAD_ENCODING);
	ck_assert_int_eq(sheet_read_mem(a, "", 0, "x.csv", 10, 10, &s), SHEET_EMPTY);
	ck_assert_int_eq(sheet_read_mem(a, " ,\n,,\n", 6, "x.csv", 10, 10, &s), SHEET_EMPTY);
	/* too many rows, too many columns, a huge cell */
	ck_assert_int_eq(sheet_read_mem(a, "h\n1\n2\n3\n", 8, "x.csv", 2, 10, &s), SHEET_TOO_BIG);
	ck_assert_int_eq(sheet_read_mem(a, "h\n1\n2\n", 6, "x.csv", 2, 10, &s), SHEET_OK);
	ck_assert_int_eq(sheet_read_mem(a, "a,b,c\n", 6, "x.csv", 10, 2, &s), SHEET_TOO_BIG);
	memset(big, 'x', sizeof(big));
	ck_assert_int_eq(sheet_read_mem(a, big, sizeof(big), "x.csv", 10, 2, &s), SHEET_TOO_BIG);
	/* a name that says xlsx over bytes that are not a zip */
	ck_assert_int_eq(sheet_read_mem(a, "a,b\n", 4, "x.xlsx", 10, 10, &s), SHEET_BAD_FORMAT);
	arena_free(a);
}
END_TEST

START_TEST(test_xlsx)
{
	arena *a = arena_new();
	struct sheet s;
	char path[] = "/tmp/test_sheet_XXXXXX";
	int fd = mkstemp(path);
	lxw_workbook *wb;
	lxw_worksheet *ws, *ws2;
	lxw_format *bold;
	char *data;
	size_t len;

	ck_assert_int_ge(fd, 0);
	close(fd);
	wb = workbook_new(path);
	ws = workbook_add_worksheet(wb, "roster");
	ws2 = workbook_add_worksheet(wb, "other");
	bold = workbook_add_format(wb);
	format_set_bold(bold);
	worksheet_write_string(ws, 0, 0, ZH_NAME, NULL);
	worksheet_write_string(ws, 0, 1, "id", NULL);
	worksheet_write_string(ws, 0, 3, "n", NULL);
	worksheet_write_string(ws, 1, 0, " " ZH_ZS " ", NULL);
	worksheet_write_number(ws, 1, 1, 13800138000.0, NULL);
	worksheet_write_number(ws, 1, 3, 2.5, NULL);
	/* an 18-digit ID number typed as a number: Excel rounds it */
	worksheet_write_number(ws, 4, 1, 110101199003078515.0, NULL);
	{
		lxw_rich_string_tuple f1 = { .format = bold, .string = "ab" };
		lxw_rich_string_tuple f2 = { .format = NULL, .string = "cd" };
		lxw_rich_string_tuple *rich[] = { &f1, &f2, NULL };
		worksheet_write_rich_string(ws, 4, 2, rich, NULL);
	}
	worksheet_write_string(ws2, 0, 0, "not me", NULL);
	/* A date cell (a number in a date style) reads as the date; the same number unstyled as itself. */
	{
		lxw_format *day = workbook_add_format(wb);
		lxw_datetime dt = { 2025, 1, 1, 0, 0, 0 };
		format_set_num_format(day, "yyyy\"年\"m\"月\"d\"日\"");
		worksheet_write_datetime(ws, 1, 4, &dt, day);
		worksheet_write_number(ws, 1, 5, 45658, NULL);
	}
	ck_assert_int_eq(workbook_close(wb), LXW_NO_ERROR);

	data = slurp(path, &len);
	ck_assert_int_eq(sheet_read_mem(a, data, len, "r.csv", 10, 10, &s), SHEET_OK);
	ck_assert_str_eq(s.format, "xlsx");
	ck_assert_uint_eq(s.nrows, 3);
	ck_assert_str_eq(sheet_cell(&s.rows[0], 0), ZH_NAME);
	ck_assert_str_eq(sheet_cell(&s.rows[0], 2), "");   /* the gap stays a gap */
	ck_assert_str_eq(sheet_cell(&s.rows[0], 3), "n");
	ck_assert_str_eq(sheet_cell(&s.rows[1], 0), ZH_ZS);
	ck_assert_str_eq(sheet_cell(&s.rows[1], 1), "13800138000");
	ck_assert_str_eq(sheet_cell(&s.rows[1], 3), "2.5");
	ck_assert_str_eq(sheet_cell(&s.rows[1], 4), "2025-01-01");
	ck_assert_str_eq(sheet_cell(&s.rows[1], 5), "45658");
	/* Every worksheet is read: the second one chained after the first. */
	ck_assert_ptr_nonnull(s.next);
	ck_assert_str_eq(s.name, "roster");
	ck_assert_str_eq(s.next->name, "other");
	ck_assert_str_eq(sheet_cell(&s.next->rows[0], 0), "not me");
	ck_assert_ptr_null(s.next->next);
	ck_assert_int_eq(s.rows[2].line, 5);
	ck_assert_ptr_nonnull(strchr(sheet_cell(&s.rows[2], 1), 'E'));
	ck_assert_str_eq(sheet_cell(&s.rows[2], 2), "abcd");
	ck_assert_str_eq(sheet_cell(&s.rows[2], 0), "");

	/* the same through a path */
	ck_assert_int_eq(sheet_read(a, path, "r.xlsx", 10, 10, &s), SHEET_OK);
	ck_assert_uint_eq(s.nrows, 3);
	/* limits */
	ck_assert_int_eq(sheet_read_mem(a, data, len, "r.xlsx", 1, 10, &s), SHEET_TOO_BIG);
	ck_assert_int_eq(sheet_read_mem(a, data, len, "r.xlsx", 10, 5, &s), SHEET_TOO_BIG);
	/* truncated */
	ck_assert_int_eq(sheet_read_mem(a, data, len / 2, "r.xlsx", 10, 10, &s), SHEET_BAD_FORMAT);
	ck_assert_int_eq(sheet_read_mem(a, data, 30, "r.xlsx", 10, 10, &s), SHEET_BAD_FORMAT);
	free(data);
	unlink(path);
	ck_assert_int_eq(sheet_read(a, path, "r.xlsx", 10, 10, &s), SHEET_IO);
	arena_free(a);
}
END_TEST

/* A zip with the given parts, read into memory. */
static char *
make_zip(const char *const *names, const char *const *bodies, const size_t *lens,
    size_t n, size_t *len)
{
	char path[] = "/tmp/test_sheetz_XXXXXX";
	int fd = mkstemp(path), err;
	zip_t *z;
	char *data;

	ck_assert_int_ge(fd, 0);
	close(fd);
	z = zip_open(path, ZIP_TRUNCATE, &err);
	ck_assert_ptr_nonnull(z);
	for (size_t i = 0; i < n; i++) {
		zip_source_t *src = zip_source_buffer(z, bodies[i], lens[i], 0);
		ck_assert_ptr_nonnull(src);
		ck_assert_int_ge(zip_file_add(z, names[i], src, ZIP_FL_OVERWRITE), 0);
	}
	ck_assert_int_eq(zip_close(z), 0);
	data = slurp(path, len);
	unlink(path);
	return data;
}

static const char sheet_shared[] =
    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<sheetData><row r=\"2\"><c r=\"B2\" t=\"s\"><v>0</v></c></row></sheetData></worksheet>";
static const char sheet_inline[] =
    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<sheetData><row r=\"3\"><c r=\"C3\" t=\"inlineStr\"><is><t>hi</t></is></c>"
    "<c r=\"D3\"><v>1.10101199003078E+17</v></c><c r=\"E3\"><v>42.0</v></c>"
    "</row></sheetData></worksheet>";

START_TEST(test_zip_malformed)
{
	arena *a = arena_new();
	struct sheet s;
	const char *names[2] = { "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml" };
	const char *bodies[2];
	size_t lens[2], len;
	char *data, *huge;

	/* no workbook.xml, inline strings: the first sheet by its usual name */
	bodies[0] = sheet_inline;
	lens[0] = strlen(sheet_inline);
	data = make_zip(names, bodies, lens, 1, &len);
	ck_assert_int_eq(sheet_read_mem(a, data, len, "x.xlsx", 10, 10, &s), SHEET_OK);
	ck_assert_uint_eq(s.nrows, 1);
	ck_assert_int_eq(s.rows[0].line, 3);
	ck_assert_str_eq(sheet_cell(&s.rows[0], 2), "hi");
	ck_assert_str_eq(sheet_cell(&s.rows[0], 3), "1.10101199003078E+17");
	ck_assert_str_eq(sheet_cell(&s.rows[0], 4), "42");
	free(data);

	/* a shared string with no sharedStrings.xml */
	bodies[0] = sheet_shared;
	lens[0] = strlen(sheet_shared);
	data = make_zip(names, bodies, lens, 1, &len);
	ck_assert_int_eq(sheet_read_mem(a, data, len, "x.xlsx", 10, 10, &s), SHEET_BAD_FORMAT);
	free(data);

	/* no worksheet at all; a worksheet that is not XML */
	bodies[0] = "junk";
	lens[0] = 4;
	names[0] = "other.txt";
	data = make_zip(names, bodies, lens, 1, &len);
	ck_assert_int_eq(sheet_read_mem(a, data, len, "x.xlsx", 10, 10, &s), SHEET_BAD_FORMAT);
	free(data);
	names[0] = "xl/worksheets/sheet1.xml";
	data = make_zip(names, bodies, lens, 1, &len);
	ck_assert_int_eq(sheet_read_mem(a, data, len, "x.xlsx", 10, 10, &s), SHEET_BAD_FORMAT);
	free(data);

	/* a bomb: 60 MB of spaces that deflate to almost nothing */
	huge = malloc(60u << 20);
	ck_assert_ptr_nonnull(huge);
	memset(huge, ' ', 60u << 20);
	bodies[0] = sheet_inline;
	lens[0] = strlen(sheet_inline);
	bodies[1] = huge;
	lens[1] = 60u << 20;
	data = make_zip(names, bodies, lens, 2, &len);
	free(huge);
	ck_assert_uint_lt(len, 1u << 20);
	ck_assert_int_eq(sheet_read_mem(a, data, len, "x.xlsx", 10, 10, &s), SHEET_TOO_BIG);
	free(data);
	arena_free(a);
}
END_TEST

START_TEST(test_codes)
{
	ck_assert_str_eq(sheet_code(SHEET_EMPTY), "sheet_empty");
	ck_assert_str_eq(sheet_code(SHEET_BAD_ENCODING), "sheet_bad_encoding");
	ck_assert_str_eq(sheet_code((enum sheet_result)99), "sheet_io");
	ck_assert_str_eq(sheet_cell(NULL, 0), "");
}
END_TEST

/* ------------------------------------------- entities, DTDs and the text cap */

static const char ws_ref0[] =
    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row></sheetData></worksheet>";

/*
 * A sharedStrings.xml whose one string is entity a (64 KB of 'x')
 * referenced n times: expanded, 64 KB * n bytes (the 3.4 KB file
 * took a worker to 12 GB with n = 200,000). Malloc'd.
 */
static char *
entity_shared(size_t n, size_t *len)
{
	size_t cap = 65536 + 200 + 3 * n, k = 0;
	char *s = malloc(cap);

	ck_assert_ptr_nonnull(s);
	k += (size_t)snprintf(s + k, cap - k, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<!DOCTYPE sst [<!ENTITY a \"");
	memset(s + k, 'x', 65536);
	k += 65536;
	k += (size_t)snprintf(s + k, cap - k, "\">]><sst xmlns=\"http://schemas.openxmlformats.org/"
	    "spreadsheetml/2006/main\"><si><t>");
	for (size_t i = 0; i < n; i++) {
		memcpy(s + k, "&a;", 3);
		k += 3;
	}
	k += (size_t)snprintf(s + k, cap - k, "</t></si></sst>");
	*len = k;
	return s;
}

static long
max_rss_kb(void)
{
	struct rusage ru;

	ck_assert_int_eq(getrusage(RUSAGE_SELF, &ru), 0);
	return ru.ru_maxrss;
}

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

START_TEST(test_xlsx_entity_expansion_refused)
{
	arena *a = arena_new();
	struct sheet s;
	const char *names[3] = { "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", NULL };
	const char *bodies[3];
	size_t lens[3], len, slen;
	/* 2,000 references: 128 MB expanded, harmless to the machine if the fix is undone */
	char *shared = entity_shared(2000, &slen), *data;
	long rss0;
	double t0;

	bodies[0] = ws_ref0;
	lens[0] = strlen(ws_ref0);
	bodies[1] = shared;
	lens[1] = slen;
	data = make_zip(names, bodies, lens, 2, &len);
	ck_assert_uint_lt(len, 8192);    /* a few KB on the wire */
	rss0 = max_rss_kb();
	t0 = now_s();
	ck_assert_int_eq(sheet_read_mem(a, data, len, "x.xlsx", 10, 10, &s), SHEET_DTD);
	ck_assert_str_eq(sheet_code(SHEET_DTD), "sheet_dtd");
	/* refused before parsing: well under a second even with sanitizers, no memory to speak of */
	ck_assert_msg(now_s() - t0 < 5.0, "took %.1f s", now_s() - t0);
	ck_assert_msg(max_rss_kb() - rss0 < 32 * 1024, "grew %ld KB", max_rss_kb() - rss0);
	free(data);
	/* the same parts handed over directly */
	ck_assert_int_eq(sheet_read_xlsx_parts(a, shared, slen, ws_ref0, strlen(ws_ref0), 10, 10, &s),
	    SHEET_DTD);
	free(shared);

	/* a DTD in the worksheet, in workbook.xml, an external one, in lower case */
	{
		static const char ws_dtd[] = "<!DOCTYPE worksheet [<!ENTITY b \"bb\">]>"
		    "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>&b;</t></is></c></row>"
		    "</sheetData></worksheet>";
		static const char wb_dtd[] = "<!DOCTYPE workbook SYSTEM \"file:///etc/passwd\"><workbook/>";
		static const char ws_ext[] = "<?xml version=\"1.0\"?><!doctype worksheet SYSTEM"
		    " \"http://127.0.0.1:1/x.dtd\"><worksheet><sheetData/></worksheet>";
		bodies[0] = ws_dtd;
		lens[0] = strlen(ws_dtd);
		data = make_zip(names, bodies, lens, 1, &len);
		ck_assert_int_eq(sheet_read_mem(a, data, len, "x.xlsx", 10, 10, &s), SHEET_DTD);
		free(data);
		names[0] = "xl/workbook.xml";
		bodies[0] = wb_dtd;
		lens[0] = strlen(wb_dtd);
		names[1] = "xl/worksheets/sheet1.xml";
		bodies[1] = sheet_inline;
		lens[1] = strlen(sheet_inline);
		data = make_zip(names, bodies, lens, 2, &len);
		ck_assert_int_eq(sheet_read_mem(a, data, len, "x.xlsx", 10, 10, &s), SHEET_DTD);
		free(data);
		ck_assert_int_eq(sheet_read_xlsx_parts(a, NULL, 0, ws_ext, strlen(ws_ext), 10, 10, &s),
		    SHEET_DTD);
	}
	/*
	 * UTF-16: the bytes hold no "<!DOCTYPE" a byte search could see; the
	 * parser's own check refuses it before the subset is read.
	 */
	{
		static const char u8[] = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>"
		    "<!DOCTYPE sst [<!ENTITY a \"zz\">]><sst><si><t>&a;&a;</t></si></sst>";
		char u16[2 * sizeof(u8) + 2];
		size_t n = 0;
		u16[n++] = '\xff';
		u16[n++] = '\xfe';
		for (size_t i = 0; i < sizeof(u8) - 1; i++) {
			u16[n++] = u8[i];
			u16[n++] = '\0';
		}
		ck_assert_ptr_null(memmem(u16, n, "<!DOCTYPE", 9));
		ck_assert_int_eq(sheet_read_xlsx_parts(a, u16, n, ws_ref0, strlen(ws_ref0), 10, 10, &s),
		    SHEET_DTD);
	}
	/* without a DTD: the predefined entities and character references are text, others refused */
	{
		static const char ok[] = "<worksheet><sheetData><row><c t=\"inlineStr\"><is>"
		    "<t>a&lt;b&amp;&#x5F20;<![CDATA[<c>]]></t></is></c></row></sheetData></worksheet>";
		static const char undeclared[] = "<worksheet><sheetData><row><c t=\"inlineStr\"><is>"
		    "<t>&a;</t></is></c></row></sheetData></worksheet>";
		ck_assert_int_eq(sheet_read_xlsx_parts(a, NULL, 0, ok, strlen(ok), 10, 10, &s), SHEET_OK);
		ck_assert_str_eq(sheet_cell(&s.rows[0], 0), "a<b&\xE5\xBC\xA0<c>");
		ck_assert_int_eq(sheet_read_xlsx_parts(a, NULL, 0, undeclared, strlen(undeclared),
		    10, 10, &s), SHEET_BAD_FORMAT);
	}
	arena_free(a);
}
END_TEST

/* A worksheet of nrows rows, each one cell referencing shared string 0. Malloc'd. */
static char *
ws_refs(int nrows, size_t *len)
{
	size_t cap = 200 + 64 * (size_t)nrows, k = 0;
	char *s = malloc(cap);

	ck_assert_ptr_nonnull(s);
	k += (size_t)snprintf(s + k, cap - k, "<worksheet><sheetData>");
	for (int r = 1; r <= nrows; r++)
		k += (size_t)snprintf(s + k, cap - k, "<row r=\"%d\"><c r=\"A%d\" t=\"s\"><v>0</v></c></row>",
		    r, r);
	k += (size_t)snprintf(s + k, cap - k, "</sheetData></worksheet>");
	*len = k;
	return s;
}

/*
 * The text cap: one 4,000-byte shared string in every row. 4,194 rows are
 * 16,776,000 bytes, within 16 MiB (16,777,216); 4,195 rows are 16,780,000,
 * over it. Without the cap every reference is copied again (64 columns of
 * 5,000 rows would be 1.28 GB from a file of a few KB).
 */
START_TEST(test_text_cap)
{
	arena *a;
	struct sheet s;
	char shared[4200], *ws, *data, *csv;
	const char *names[2] = { "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml" };
	const char *bodies[2];
	size_t lens[2], wlen, len, k;
	int n;

	ck_assert_uint_eq(SHEET_MAX_TEXT, 16777216u);
	k = (size_t)snprintf(shared, sizeof(shared), "<sst><si><t>");
	memset(shared + k, 'y', 4000);
	k += 4000;
	k += (size_t)snprintf(shared + k, sizeof(shared) - k, "</t></si></sst>");
	for (n = 4194; n <= 4195; n++) {
		a = arena_new();
		ws = ws_refs(n, &wlen);
		bodies[0] = ws;
		lens[0] = wlen;
		bodies[1] = shared;
		lens[1] = k;
		data = make_zip(names, bodies, lens, 2, &len);
		ck_assert_uint_lt(len, 64 * 1024);
		ck_assert_int_eq(sheet_read_mem(a, data, len, "t.xlsx", 10000, 10, &s),
		    n == 4194 ? SHEET_OK : SHEET_TOO_MUCH_TEXT);
		if (n == 4194) {
			ck_assert_uint_eq(s.nrows, 4194);
			ck_assert_uint_eq(strlen(sheet_cell(&s.rows[4193], 0)), 4000);
		}
		free(data);
		free(ws);
		arena_free(a);
	}
	/* the same cap for CSV: 4,195 lines of 4,000 bytes */
	a = arena_new();
	csv = malloc(4195 * 4001);
	ck_assert_ptr_nonnull(csv);
	for (int r = 0; r < 4195; r++) {
		memset(csv + (size_t)r * 4001, 'z', 4000);
		csv[(size_t)r * 4001 + 4000] = '\n';
	}
	ck_assert_int_eq(sheet_read_mem(a, csv, 4194 * 4001, "t.csv", 10000, 10, &s), SHEET_OK);
	ck_assert_int_eq(sheet_read_mem(a, csv, 4195 * 4001, "t.csv", 10000, 10, &s),
	    SHEET_TOO_MUCH_TEXT);
	free(csv);
	/* a 32 KB cell is over one cell's limit, inline or shared */
	{
		size_t big = 32 * 1024, wk;
		char *w = malloc(big + 200);
		wk = (size_t)snprintf(w, 200, "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>");
		memset(w + wk, 'q', big);
		wk += big;
		wk += (size_t)snprintf(w + wk, 200, "</t></is></c></row></sheetData></worksheet>");
		ck_assert_int_eq(sheet_read_xlsx_parts(a, NULL, 0, w, wk, 10, 10, &s), SHEET_TOO_BIG);
		wk = (size_t)snprintf(w, 200, "<sst><si><t>");
		memset(w + wk, 'q', big);
		wk += big;
		wk += (size_t)snprintf(w + wk, 200, "</t></si></sst>");
		ck_assert_int_eq(sheet_read_xlsx_parts(a, w, wk, ws_ref0, strlen(ws_ref0), 10, 10, &s),
		    SHEET_TOO_BIG);
		free(w);
	}
	arena_free(a);
}
END_TEST

/* ------------------------------------------------- the roster file checks */

#define NROWS 1000
/* 姓名 性别 身份证号 工号 手机号 学科 职称 类别 状态 接收单位, shuffled */
static const char *const hdr[10] = {
	"\xE8\xBA\xAB\xE4\xBB\xBD\xE8\xAF\x81\xE5\x8F\xB7", ZH_NAME,
	"\xE6\x80\xA7\xE5\x88\xAB", "\xE5\xB7\xA5\xE5\x8F\xB7",
	"\xE6\x89\x8B\xE6\x9C\xBA\xE5\x8F\xB7", "\xE5\xAD\xA6\xE7\xA7\x91",
	"\xE8\x81\x8C\xE7\xA7\xB0", "\xE7\xB1\xBB\xE5\x88\xAB",
	"\xE7\x8A\xB6\xE6\x80\x81", "\xE6\x8E\xA5\xE6\x94\xB6\xE5\x8D\x95\xE4\xBD\x8D",
};
#define ZH_MALE "\xE7\x94\xB7"
#define ZH_SUPPORT "\xE5\x8C\xBA\xE5\xA4\x96\xE6\x94\xAF\xE6\x95\x99"   /* 区外支教 */

/* The ten bad rows (data row index) and the code each must get. */
static const struct { int i; const char *code; } bad[10] = {
	{ 5, "import_missing_name" }, { 50, "import_bad_gender" },
	{ 100, "import_bad_id" }, { 150, "import_missing_id" },
	{ 200, "import_duplicate_in_file" }, { 250, "import_bad_category" },
	{ 300, "import_bad_status" }, { 350, "import_missing_unit" },
	{ 400, "import_bad_phone" }, { 450, "import_id_rounded" },
};

static void
gen_id(int i, char out[19])
{
	char tmp[32];

	snprintf(tmp, sizeof(tmp), "11010119850101%03u", (unsigned)i % 1000u);
	memcpy(out, tmp, 17);
	out[17] = idcard_check_char(out);
	out[18] = '\0';
}

/* The cells of data row i (10 columns, in hdr's order); with_bad breaks the ten. */
static void
gen_row(int i, int with_bad, char id[19], char name[32], char phone[16],
    const char *v[10])
{
	gen_id(i, id);
	snprintf(name, 32, ZH_ZS "%d", i);
	snprintf(phone, 16, "138%08d", i);
	v[0] = id; v[1] = name; v[2] = ZH_MALE; v[3] = ""; v[4] = phone;
	v[5] = "math"; v[6] = ""; v[7] = ""; v[8] = ""; v[9] = "";
	if (!with_bad)
		return;
	switch (i) {
	case 5: v[1] = ""; break;
	case 50: v[2] = "X"; break;
	case 100: id[17] = id[17] == '0' ? '1' : '0'; break;
	case 150: v[0] = ""; break;
	case 200: gen_id(10, id); break;
	case 250: v[7] = "boss"; break;
	case 300: v[8] = "away"; break;
	case 350: v[8] = ZH_SUPPORT; break;
	case 400: v[4] = "12345"; break;
	case 450: v[0] = "1.10101198501014E+17"; break;
	}
}

static char *
gen_csv(int with_bad, size_t *len)
{
	size_t cap = 200 * (NROWS + 2), n = 0;
	char *buf = malloc(cap), id[19], name[32], phone[16];
	const char *v[10];

	ck_assert_ptr_nonnull(buf);
	for (int c = 0; c < 10; c++)
		n += (size_t)snprintf(buf + n, cap - n, "%s%s", c ? "," : "", hdr[c]);
	n += (size_t)snprintf(buf + n, cap - n, "\r\n");
	for (int i = 0; i < NROWS; i++) {
		gen_row(i, with_bad, id, name, phone, v);
		for (int c = 0; c < 10; c++)
			n += (size_t)snprintf(buf + n, cap - n, "%s%s", c ? "," : "", v[c]);
		n += (size_t)snprintf(buf + n, cap - n, "\r\n");
	}
	*len = n;
	return buf;
}

static char *
to_gbk(const char *in, size_t n, size_t *len)
{
	size_t cap = n * 2 + 16, il = n, ol = cap;
	char *out = malloc(cap), *ip = (char *)in, *op = out;
	iconv_t cd = iconv_open("GBK", "UTF-8");

	ck_assert(cd != (iconv_t)-1);
	ck_assert_uint_ne(iconv(cd, &ip, &il, &op, &ol), (size_t)-1);
	iconv_close(cd);
	*len = (size_t)(op - out);
	return out;
}

static char *
gen_xlsx(int with_bad, size_t *len)
{
	char path[] = "/tmp/test_sheetx_XXXXXX", id[19], name[32], phone[16], *data;
	int fd = mkstemp(path);
	lxw_workbook *wb;
	lxw_worksheet *ws;
	const char *v[10];

	ck_assert_int_ge(fd, 0);
	close(fd);
	wb = workbook_new(path);
	ws = workbook_add_worksheet(wb, NULL);
	for (int c = 0; c < 10; c++)
		worksheet_write_string(ws, 0, (lxw_col_t)c, hdr[c], NULL);
	for (int i = 0; i < NROWS; i++) {
		gen_row(i, with_bad, id, name, phone, v);
		for (int c = 0; c < 10; c++) {
			if (*v[c] == '\0')
				continue;
			/* phone numbers as numbers, as Excel users type them */
			if (c == 4 || (c == 0 && strchr(v[c], 'E') != NULL))
				worksheet_write_number(ws, (lxw_row_t)(i + 1), (lxw_col_t)c,
				    strtod(v[c], NULL), NULL);
			else
				worksheet_write_string(ws, (lxw_row_t)(i + 1), (lxw_col_t)c, v[c], NULL);
		}
	}
	ck_assert_int_eq(workbook_close(wb), LXW_NO_ERROR);
	data = slurp(path, len);
	unlink(path);
	return data;
}

static void
check_file(const char *data, size_t len, const char *filename, int with_bad)
{
	arena *a = arena_new();
	struct sheet s;
	struct import_check ic;
	size_t k = 0;

	ck_assert_int_eq(sheet_read_mem(a, data, len, filename, 5000, 30, &s), SHEET_OK);
	ck_assert_int_eq(roster_import_check(a, &s, &ic), 0);
	ck_assert_ptr_null(ic.error);
	ck_assert_uint_eq(ic.nrows, NROWS);
	ck_assert_uint_eq(ic.nproblem_rows, with_bad ? 10 : 0);
	for (size_t i = 0; i < ic.nrows; i++) {
		const struct import_row *r = &ic.rows[i];
		ck_assert_int_eq(r->line, (int)i + 2);
		if (r->nproblems == 0) {
			ck_assert_ptr_nonnull(r->id_number);
			ck_assert_str_eq(r->gender, "M");
			ck_assert_uint_eq(strlen(r->phone), 11);
			continue;
		}
		ck_assert(with_bad);
		ck_assert_uint_lt(k, 10);
		ck_assert_int_eq((int)i, bad[k].i);
		ck_assert_uint_eq(r->nproblems, 1);
		ck_assert_str_eq(r->problems[0], bad[k].code);
		if (bad[k].i == 200)
			ck_assert_int_eq(r->dup_of, 12);   /* row 10 is on line 12 */
		k++;
	}
	ck_assert_uint_eq(k, with_bad ? 10 : 0);
	arena_free(a);
}

START_TEST(test_import_check_formats)
{
	for (int with_bad = 1; with_bad >= 0; with_bad--) {
		size_t len, glen;
		char *csv = gen_csv(with_bad, &len), *gbk, *x;

		check_file(csv, len, "r.csv", with_bad);
		gbk = to_gbk(csv, len, &glen);
		check_file(gbk, glen, "r.csv", with_bad);
		x = gen_xlsx(with_bad, &len);
		check_file(x, len, "r.xlsx", with_bad);
		free(csv);
		free(gbk);
		free(x);
	}
}
END_TEST

START_TEST(test_import_headers)
{
	arena *a = arena_new();
	struct sheet s;
	struct import_check ic;
	const char only_name[] = ZH_NAME ",x\n" ZH_ZS ",1\n";

	ck_assert_int_eq(sheet_read_mem(a, only_name, sizeof(only_name) - 1, "a.csv",
	    10, 10, &s), SHEET_OK);
	ck_assert_int_eq(roster_import_check(a, &s, &ic), 0);
	ck_assert_str_eq(ic.error, "import_missing_column");
	ck_assert_str_eq(ic.missing_header, "gender");
	arena_free(a);
}
END_TEST

/*
 * One vocabulary: every word the string table gives a category or a status
 * (category.* and status.* are what the pages, prints and exports show;
 * import.val.* what the template writes) is read back by the import as its
 * code, and so is the code itself. The table is read here, so a label added
 * or changed there is covered without touching this test.
 */
START_TEST(test_import_accepts_every_label)
{
	static const struct { const char *prefix; int col; } sets[] = {
		{ "category.", 3 }, { "import.val.category.", 3 },
		{ "status.", 4 }, { "import.val.status.", 4 },
		{ "gender.", 1 }, { "import.val.gender.", 1 },
	};
	char path[1024], buf[512], id[19];
	const char *src = getenv("XUESHI_SRCDIR");
	xmlDocPtr doc;
	int seen[6] = { 0 }, total = 0;

	snprintf(path, sizeof(path), "%s/xsl/strings.zh-CN.xml", src ? src : ".");
	doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
	ck_assert_ptr_nonnull(doc);
	gen_id(7, id);
	for (xmlNodePtr n = xmlDocGetRootElement(doc)->children; n != NULL; n = n->next) {
		xmlChar *k, *w;
		if (n->type != XML_ELEMENT_NODE || (k = xmlGetProp(n, BAD_CAST "k")) == NULL)
			continue;
		w = xmlNodeGetContent(n);
		for (size_t si = 0; si < sizeof(sets) / sizeof(sets[0]); si++) {
			size_t pl = strlen(sets[si].prefix);
			const char *code = (const char *)k + pl;
			arena *a;
			struct sheet s;
			struct import_check ic;
			const char *cells[6];

			if (strncmp((const char *)k, sets[si].prefix, pl) != 0)
				continue;
			/* the word, then the code itself */
			for (int pass = 0; pass < 2; pass++) {
				const char *v = pass == 0 ? (const char *)w : code;
				a = arena_new();
				cells[0] = ZH_ZS;
				cells[1] = ZH_MALE;
				cells[2] = id;
				cells[3] = "";
				cells[4] = "";
				cells[5] = "\xE5\xB8\x82\xE4\xB8\x80\xE4\xB8\xAD";   /* 市一中 */
				cells[sets[si].col] = v;
				snprintf(buf, sizeof(buf), "%s,%s,%s,%s,%s,%s\n%s,%s,%s,%s,%s,%s\n",
				    ZH_NAME, hdr[2], hdr[0], hdr[7], hdr[8], hdr[9],
				    cells[0], cells[1], cells[2], cells[3], cells[4], cells[5]);
				ck_assert_int_eq(sheet_read_mem(a, buf, strlen(buf), "v.csv", 10, 10, &s),
				    SHEET_OK);
				ck_assert_int_eq(roster_import_check(a, &s, &ic), 0);
				ck_assert_ptr_null(ic.error);
				ck_assert_msg(ic.rows[0].nproblems == 0, "%s = %s: %s", (const char *)k, v,
				    ic.rows[0].nproblems ? ic.rows[0].problems[0] : "");
				ck_assert_str_eq(sets[si].col == 3 ? ic.rows[0].category :
				    sets[si].col == 4 ? ic.rows[0].status : ic.rows[0].gender, code);
				arena_free(a);
			}
			seen[si]++;
			total++;
		}
		xmlFree(w);
		xmlFree(k);
	}
	xmlFreeDoc(doc);
	/* 3 categories, 4 statuses, 2 genders, each shown and in the template */
	ck_assert_int_eq(seen[0], 3);
	ck_assert_int_eq(seen[1], 3);
	ck_assert_int_eq(seen[2], 4);
	ck_assert_int_eq(seen[3], 4);
	ck_assert_int_eq(seen[4], 2);
	ck_assert_int_eq(seen[5], 2);
	ck_assert_int_eq(total, 18);
}
END_TEST

/* 新教师（见习期） as typed with ASCII brackets; near misses stay problems. */
START_TEST(test_import_label_variants)
{
	static const struct { const char *word; const char *code; } cases[] = {
		{ "\xE6\x96\xB0\xE6\x95\x99\xE5\xB8\x88(\xE8\xA7\x81\xE4\xB9\xA0\xE6\x9C\x9F)", "new_teacher" },
		{ "\xE6\x96\xB0\xE6\x95\x99\xE5\xB8\x88\xEF\xBC\x88\xE8\xA7\x81\xE4\xB9\xA0\xE6\x9C\x9F)", "new_teacher" },
		{ "\xE6\x96\xB0\xE6\x95\x99\xE5\xB8\x88", NULL },                   /* 新教师 alone */
		{ "\xE6\x96\xB0\xE6\x95\x99\xE5\xB8\x88(\xE8\xA7\x81\xE4\xB9\xA0", NULL }, /* unclosed */
		{ "regular ", "regular" },                                           /* trimmed */
	};
	char buf[512], id[19];

	gen_id(8, id);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		arena *a = arena_new();
		struct sheet s;
		struct import_check ic;

		snprintf(buf, sizeof(buf), "%s,%s,%s,%s\n%s,%s,%s,%s\n", ZH_NAME, hdr[2], hdr[0], hdr[7],
		    ZH_ZS, ZH_MALE, id, cases[i].word);
		ck_assert_int_eq(sheet_read_mem(a, buf, strlen(buf), "v.csv", 10, 10, &s), SHEET_OK);
		ck_assert_int_eq(roster_import_check(a, &s, &ic), 0);
		if (cases[i].code != NULL) {
			ck_assert_uint_eq(ic.rows[0].nproblems, 0);
			ck_assert_str_eq(ic.rows[0].category, cases[i].code);
		} else {
			ck_assert_uint_eq(ic.rows[0].nproblems, 1);
			ck_assert_str_eq(ic.rows[0].problems[0], "import_bad_category");
		}
		arena_free(a);
	}
}
END_TEST

/* Every prefix and many corrupted copies of a real .xlsx: a code, never a crash. */
/*
 * A compound file (the .xls container) of three 512-byte sectors after the
 * header: the FAT, the directory, one data sector. Each case below breaks
 * one thing fuzz_sheet_xls found libfreexl 1.0.6 trusting.
 */
static void
put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

static void
cfb_make(unsigned char *f, uint16_t name_len, uint32_t root_start, uint32_t root_size)
{
	static const char root[] = "Root Entry";
	unsigned char *fat = f + 512, *dir = f + 1024;

	memset(f, 0, 2048);
	memcpy(f, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8);
	f[0x18] = 0x3E; f[0x1A] = 3; f[0x1C] = 0xFE; f[0x1D] = 0xFF;
	f[0x1E] = 9; f[0x20] = 6;                 /* 512-byte sectors, 64-byte mini sectors */
	put32(f + 0x2C, 1);                        /* one FAT sector ... */
	put32(f + 0x30, 1);                        /* the directory in sector 1 */
	put32(f + 0x38, 4096);
	put32(f + 0x3C, 0xFFFFFFFEu);
	put32(f + 0x44, 0xFFFFFFFEu);
	put32(f + 0x4C, 0);                        /* ... sector 0 */
	for (int i = 1; i < 109; i++)
		put32(f + 0x4C + 4 * i, 0xFFFFFFFFu);
	for (int i = 0; i < 128; i++)
		put32(fat + 4 * i, 0xFFFFFFFFu);
	put32(fat, 0xFFFFFFFDu);                   /* sector 0 is the FAT */
	put32(fat + 4, 0xFFFFFFFEu);               /* the directory ends in sector 1 */
	put32(fat + 8, 0xFFFFFFFEu);               /* the root's stream ends in sector 2 */
	for (int i = 0; root[i]; i++)
		dir[2 * i] = (unsigned char)root[i];
	dir[0x40] = (unsigned char)name_len;
	dir[0x41] = (unsigned char)(name_len >> 8);
	dir[0x42] = 5;                             /* the root */
	put32(dir + 0x44, 0xFFFFFFFFu);
	put32(dir + 0x48, 0xFFFFFFFFu);
	put32(dir + 0x4C, 0xFFFFFFFFu);
	put32(dir + 0x74, root_start);
	put32(dir + 0x78, root_size);
}

/* fuzz_sheet_xls: a directory entry's name length of 4608 made FreeXL read past its stack buffer. */
START_TEST(test_xls_name_length_refused)
{
	static unsigned char f[2048];
	arena *a = arena_new();
	struct sheet s;

	cfb_make(f, 4608, 2, 64);
	ck_assert_int_eq(sheet_read_mem(a, f, sizeof(f), "a.xls", 100, 10, &s), SHEET_BAD_FORMAT);
	cfb_make(f, 65, 2, 64);
	ck_assert_int_eq(sheet_read_mem(a, f, sizeof(f), "a.xls", 100, 10, &s), SHEET_BAD_FORMAT);
	/* the same file with a right length goes on to FreeXL (no workbook in it: not a sheet) */
	cfb_make(f, 22, 2, 64);
	ck_assert_int_ne(sheet_read_mem(a, f, sizeof(f), "a.xls", 100, 10, &s), SHEET_OK);
	{
		/* the file fuzzing found (LibreOffice's with one byte inserted): the
		 * sanitizers variant saw FreeXL's over-read when it reached the library */
		char path[4096];
		const char *src = getenv("XUESHI_SRCDIR");
		size_t len;
		char *data;
		snprintf(path, sizeof(path), "%s/tests/fuzz/freexl-open/"
		    "fuzz_sheet_xls-crash-f2435cefa5d6582cbb43a7d8c62106c76527d461", src ? src : ".");
		data = slurp(path, &len);
		ck_assert_int_eq(sheet_read_mem(a, data, len, "a.xls", 100, 10, &s), SHEET_BAD_FORMAT);
		free(data);
	}
	arena_free(a);
}
END_TEST

/* fuzz_sheet_xls: a stream whose chain leaves the file (FreeXL leaked the buffer of its size). */
START_TEST(test_xls_chain_outside_refused)
{
	static unsigned char f[2048];
	arena *a = arena_new();
	struct sheet s;

	cfb_make(f, 22, 0xFFFFFD03u, 3327);        /* the start sector fuzzing found */
	ck_assert_int_eq(sheet_read_mem(a, f, sizeof(f), "a.xls", 100, 10, &s), SHEET_BAD_FORMAT);
	cfb_make(f, 22, 2, 4096);                  /* one sector holds 512 of its 4096 bytes */
	ck_assert_int_eq(sheet_read_mem(a, f, sizeof(f), "a.xls", 100, 10, &s), SHEET_BAD_FORMAT);
	cfb_make(f, 22, 2, 1u << 30);              /* more than the file */
	ck_assert_int_eq(sheet_read_mem(a, f, sizeof(f), "a.xls", 100, 10, &s), SHEET_BAD_FORMAT);
	arena_free(a);
}
END_TEST

START_TEST(test_xlsx_mangled)
{
	char path[] = "/tmp/test_sheetm_XXXXXX";
	int fd = mkstemp(path);
	lxw_workbook *wb;
	lxw_worksheet *ws;
	char *data, *copy;
	size_t len;
	unsigned seed = 12345;

	ck_assert_int_ge(fd, 0);
	close(fd);
	wb = workbook_new(path);
	ws = workbook_add_worksheet(wb, NULL);
	for (int r = 0; r < 20; r++) {
		worksheet_write_string(ws, (lxw_row_t)r, 0, ZH_ZS, NULL);
		worksheet_write_number(ws, (lxw_row_t)r, 1, r * 1.5, NULL);
	}
	ck_assert_int_eq(workbook_close(wb), LXW_NO_ERROR);
	data = slurp(path, &len);
	unlink(path);
	copy = malloc(len);
	ck_assert_ptr_nonnull(copy);
	for (size_t n = 1; n < len; n += 97) {
		arena *a = arena_new();
		struct sheet s;
		ck_assert_int_ne(sheet_read_mem(a, data, n, "x.xlsx", 100, 10, &s), SHEET_OK);
		arena_free(a);
	}
	for (int round = 0; round < 300; round++) {
		arena *a = arena_new();
		struct sheet s;
		enum sheet_result r;

		memcpy(copy, data, len);
		for (int k = 0; k < 4; k++) {
			seed = seed * 1103515245u + 12345u;
			copy[(seed >> 8) % len] = (char)(seed >> 3);
		}
		r = sheet_read_mem(a, copy, len, "x.xlsx", 100, 10, &s);
		ck_assert_int_lt(r, SHEET_RESULT__MAX);
		if (r == SHEET_OK)
			for (size_t i = 0; i < s.nrows; i++)
				ck_assert_uint_le(s.rows[i].ncells, 10);
		arena_free(a);
	}
	free(copy);
	free(data);
}
END_TEST

/* The template the pages offer reads back as a roster with one good row. */
START_TEST(test_template_reads_back)
{
	for (int xlsx = 0; xlsx <= 1; xlsx++) {
		arena *a = arena_new();
		struct sheet s;
		struct import_check ic;
		char *data;
		size_t len;

		ck_assert_int_eq(roster_template(a, xlsx, &data, &len), SHEET_OK);
		ck_assert_int_eq(sheet_read_mem(a, data, len, xlsx ? "t.xlsx" : "t.csv",
		    5000, 30, &s), SHEET_OK);
		ck_assert_str_eq(s.format, xlsx ? "xlsx" : "csv");
		ck_assert_int_eq(roster_import_check(a, &s, &ic), 0);
		ck_assert_ptr_null(ic.error);
		ck_assert_uint_eq(ic.nrows, 1);
		ck_assert_uint_eq(ic.nproblem_rows, 0);
		ck_assert_str_eq(ic.rows[0].category, "regular");
		ck_assert_str_eq(ic.rows[0].status, "in_post");
		arena_free(a);
	}
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("sheet");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	{
		/* the import's words come from the string table, as in the programs */
		static char xsl[1024];
		const char *src = getenv("XUESHI_SRCDIR");
		snprintf(xsl, sizeof(xsl), "%s/xsl", src ? src : ".");
		roster_import_words(xsl);
	}
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_csv_utf8);
	tcase_add_test(tc, test_csv_gbk);
	tcase_add_test(tc, test_csv_refused);
	tcase_add_test(tc, test_xlsx);
	tcase_add_test(tc, test_zip_malformed);
	tcase_add_test(tc, test_codes);
	tcase_add_test(tc, test_xlsx_entity_expansion_refused);
	tcase_add_test(tc, test_text_cap);
	tcase_add_test(tc, test_template_reads_back);
	tcase_add_test(tc, test_xlsx_mangled);
	tcase_add_test(tc, test_xls_name_length_refused);
	tcase_add_test(tc, test_xls_chain_outside_refused);
	tcase_add_test(tc, test_import_check_formats);
	tcase_add_test(tc, test_import_headers);
	tcase_add_test(tc, test_import_accepts_every_label);
	tcase_add_test(tc, test_import_label_variants);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
