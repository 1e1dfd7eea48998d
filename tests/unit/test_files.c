/*
 * test_files.c - the evidence store: type from content and extension,
 * truncated and oversized files, storing once by SHA-256.
 */
#include "core/files.h"

#include <check.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[256];

/* A real 1x1 PNG. */
static const unsigned char png[] = {
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d,
	0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
	0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00,
	0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0,
	0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00,
	0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82
};
static const char pdf[] = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
static const unsigned char jpeg[] = {
	0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0x00, 0x01, 0x01,
	0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xdb, 0x00, 0x03, 0x00,
	0xff, 0xd9
};

static char *
write_tmp(const char *name, const void *data, size_t n)
{
	static char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	if (n)
		ck_assert_uint_eq(fwrite(data, 1, n, f), n);
	fclose(f);
	return path;
}

static void
setup(void)
{
	const char *tmp = getenv("TMPDIR");

	ck_assert_int_ge(sodium_init(), 0);
	snprintf(dir, sizeof(dir), "%s/xs-files-XXXXXX", tmp ? tmp : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void
teardown(void)
{
	char cmd[600];

	files_cleanup();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", dir);
}

START_TEST(test_allowed_types_by_content_and_extension)
{
	struct evidence_info info;

	ck_assert_int_eq(files_check(write_tmp("a", png, sizeof(png)), "证书.PNG", 1 << 20, &info), FILES_OK);
	ck_assert_str_eq(info.content_type, "image/png");
	ck_assert_uint_eq(info.size, sizeof(png));
	ck_assert_uint_eq(strlen(info.sha256), 64);
	ck_assert_int_eq(files_check(write_tmp("b", pdf, strlen(pdf)), "scan.pdf", 1 << 20, &info), FILES_OK);
	ck_assert_str_eq(info.content_type, "application/pdf");
	ck_assert_int_eq(files_check(write_tmp("c", jpeg, sizeof(jpeg)), "photo.jpg", 1 << 20, &info), FILES_OK);
	ck_assert_str_eq(info.content_type, "image/jpeg");
}
END_TEST

START_TEST(test_extension_must_agree_with_content)
{
	struct evidence_info info;

	ck_assert_int_eq(files_check(write_tmp("a", png, sizeof(png)), "doc.pdf", 1 << 20, &info), FILES_MISMATCH);
	ck_assert_int_eq(files_check(write_tmp("a", png, sizeof(png)), "noext", 1 << 20, &info), FILES_MISMATCH);
}
END_TEST

START_TEST(test_other_types_refused)
{
	struct evidence_info info;
	static const char html[] = "<html><script>alert(1)</script></html>\n";
	static const char exe[] = "\x7f" "ELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00";

	ck_assert_int_eq(files_check(write_tmp("h", html, strlen(html)), "x.pdf", 1 << 20, &info), FILES_BAD_TYPE);
	ck_assert_int_eq(files_check(write_tmp("e", exe, sizeof(exe)), "x.png", 1 << 20, &info), FILES_BAD_TYPE);
	ck_assert_str_eq(files_code(FILES_BAD_TYPE), "evidence_bad_type");
}
END_TEST

START_TEST(test_truncated_empty_and_too_big)
{
	struct evidence_info info;

	ck_assert_int_eq(files_check(write_tmp("t", pdf, strlen(pdf) - 7), "x.pdf", 1 << 20, &info), FILES_TRUNCATED);
	ck_assert_int_eq(files_check(write_tmp("t", png, sizeof(png) - 4), "x.png", 1 << 20, &info), FILES_TRUNCATED);
	ck_assert_int_eq(files_check(write_tmp("t", jpeg, sizeof(jpeg) - 2), "x.jpg", 1 << 20, &info), FILES_TRUNCATED);
	ck_assert_int_eq(files_check(write_tmp("z", "", 0), "x.png", 1 << 20, &info), FILES_EMPTY);
	ck_assert_int_eq(files_check(write_tmp("a", png, sizeof(png)), "x.png", sizeof(png) - 1, &info), FILES_TOO_BIG);
	ck_assert_int_eq(files_check(write_tmp("a", png, sizeof(png)), "x.png", sizeof(png), &info), FILES_OK);
}
END_TEST

START_TEST(test_stored_once_by_hash)
{
	struct evidence_info info;
	char store[400], path[600];
	struct stat sb;

	snprintf(store, sizeof(store), "%s/evidence", dir);
	ck_assert_int_eq(files_check(write_tmp("a", png, sizeof(png)), "a.png", 1 << 20, &info), FILES_OK);
	ck_assert_int_eq(files_store(store, write_tmp("a", png, sizeof(png)), &info), FILES_OK);
	ck_assert_int_eq(files_path(store, info.sha256, path, sizeof(path)), 0);
	ck_assert_int_eq(stat(path, &sb), 0);
	ck_assert_int_eq((int)sb.st_size, (int)sizeof(png));
	/* Again: nothing new, no error. */
	ck_assert_int_eq(files_store(store, write_tmp("a", png, sizeof(png)), &info), FILES_OK);
	ck_assert_int_eq(files_path(store, "../../etc/passwd", path, sizeof(path)), -1);
	ck_assert_int_eq(files_path(store, "ABCDEF", path, sizeof(path)), -1);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("files");
	TCase *tc = tcase_create("evidence");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_allowed_types_by_content_and_extension);
	tcase_add_test(tc, test_extension_must_agree_with_content);
	tcase_add_test(tc, test_other_types_refused);
	tcase_add_test(tc, test_truncated_empty_and_too_big);
	tcase_add_test(tc, test_stored_once_by_hash);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
