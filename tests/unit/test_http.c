/*
 * test_http.c - core/http: percent-decoding, urlencoded query and body,
 * cookies, multipart/form-data (fields, files, boundaries, truncation,
 * delivery in tiny chunks), every bound of struct http_limits, the request
 * envelope (method, Content-Length, Content-Type), the response side
 * (headers, redirects, output format), and a deterministic mutation fuzz
 * loop. The parser is driven through an in-memory struct http_source.
 *
 * Negative tests are named after the failure they cover. Uploaded files go
 * to a mkdtemp directory that main() removes at the end.
 */
#include "core/http.h"
#include "core/utf8.h"

#include <check.h>
#include <dirent.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char topdir[PATH_MAX - 32]; /* from mkdtemp in main(), removed at the end */
static char tmpdir[PATH_MAX]; /* one per test under topdir: where uploads go */
static arena *A;
static struct http_limits lim;

#define BND "XyZzY-b0undary"
#define MP_CT "multipart/form-data; boundary=" BND
#define FORM_CT "application/x-www-form-urlencoded"

/* ------------------------------------------------------------- the fake */

struct fake {
	const char *env[40]; /* name, value, ..., NULL */
	const char *body;
	size_t blen, off;
	size_t chunk;        /* at most this many bytes per read; 0: no limit */
	int read_error;      /* return -1 once the body is used up */
	size_t reads;
};

static const char *
fake_param(void *ctx, const char *name)
{
	struct fake *f = ctx;

	for (size_t i = 0; f->env[i] != NULL; i += 2)
		if (strcmp(f->env[i], name) == 0)
			return f->env[i + 1];
	return NULL;
}

static long
fake_read(void *ctx, char *buf, size_t len)
{
	struct fake *f = ctx;
	size_t n = f->blen - f->off;

	f->reads++;
	if (n == 0 && f->read_error)
		return -1;
	if (f->chunk && n > f->chunk)
		n = f->chunk;
	if (n > len)
		n = len;
	if (n)
		memcpy(buf, f->body + f->off, n);
	f->off += n;
	return (long)n;
}

/* One request. NULL fields are left out of the environment. */
struct req {
	const char *method;
	const char *uri;
	const char *qs;
	const char *ctype;
	const char *cookie;
	const char *clen;     /* NULL: the body's length when there is a body */
	const char *body;
	size_t blen;          /* 0: strlen(body) */
	size_t chunk;
	int read_error;
	const char *extra[10]; /* name, value, ... */
};

static int
parse_in(struct http_request *r, arena *a, const struct req *q)
{
	struct fake f;
	struct http_source src = { fake_param, fake_read, &f };
	size_t n = 0;

	memset(&f, 0, sizeof(f));
#define ENV(k, v) do { if ((v) != NULL) { f.env[n++] = (k); f.env[n++] = (v); } } while (0)
	ENV("REQUEST_METHOD", q->method);
	ENV("REQUEST_URI", q->uri);
	ENV("QUERY_STRING", q->qs);
	ENV("CONTENT_TYPE", q->ctype);
	ENV("HTTP_COOKIE", q->cookie);
	for (size_t i = 0; i < 10 && q->extra[i] != NULL; i += 2)
		ENV(q->extra[i], q->extra[i + 1]);
	f.body = q->body;
	f.blen = q->body ? (q->blen ? q->blen : strlen(q->body)) : 0;
	f.chunk = q->chunk;
	f.read_error = q->read_error;
	if (q->clen != NULL)
		ENV("CONTENT_LENGTH", q->clen);
	else if (q->body != NULL)
		ENV("CONTENT_LENGTH", arena_printf(a, "%zu", f.blen));
#undef ENV
	f.env[n] = NULL;
	return http_parse(r, a, &src, &lim, tmpdir);
}

static int
parse(struct http_request *r, const struct req *q)
{
	return parse_in(r, A, q);
}

/* Parse a POST with body b (length n) of Content-Type ct, in chunks. */
static int
post(struct http_request *r, const char *ct, const char *b, size_t n,
    size_t chunk)
{
	struct req q = { .method = "POST", .uri = "/up", .ctype = ct,
	    .body = b, .blen = n, .chunk = chunk };
	return parse(r, &q);
}

/* Remove dir and what it holds (two levels deep is all the tests make). */
static void
remove_tree(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[PATH_MAX + 256];

	if (d != NULL) {
		while ((e = readdir(d)) != NULL) {
			struct stat st;
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
			if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
				remove_tree(path);
			else
				unlink(path);
		}
		closedir(d);
	}
	rmdir(dir);
}

static void
setup(void)
{
	snprintf(tmpdir, sizeof(tmpdir), "%s/t-XXXXXX", topdir);
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	A = arena_new();
	ck_assert_ptr_nonnull(A);
	http_limits_default(&lim);
}

static void
teardown(void)
{
	arena_free(A);
	A = NULL;
	remove_tree(tmpdir);
}

/* ------------------------------------------------------ building bodies */

struct sb {
	char *p;
	size_t n, cap;
};

static void
sb_add(struct sb *b, const void *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		size_t ncap = (b->n + n + 1) * 2;
		char *np = arena_alloc(A, ncap);
		ck_assert_ptr_nonnull(np);
		if (b->n)
			memcpy(np, b->p, b->n);
		b->p = np;
		b->cap = ncap;
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

static void
sb_s(struct sb *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

static void
mp_field(struct sb *b, const char *bnd, const char *name, const char *value)
{
	sb_s(b, "--");
	sb_s(b, bnd);
	sb_s(b, "\r\nContent-Disposition: form-data; name=\"");
	sb_s(b, name);
	sb_s(b, "\"\r\n\r\n");
	sb_s(b, value);
	sb_s(b, "\r\n");
}

static void
mp_file(struct sb *b, const char *bnd, const char *name, const char *filename,
    const char *ctype, const void *data, size_t n)
{
	sb_s(b, "--");
	sb_s(b, bnd);
	sb_s(b, "\r\nContent-Disposition: form-data; name=\"");
	sb_s(b, name);
	sb_s(b, "\"; filename=\"");
	sb_s(b, filename);
	sb_s(b, "\"\r\n");
	if (ctype != NULL) {
		sb_s(b, "Content-Type: ");
		sb_s(b, ctype);
		sb_s(b, "\r\n");
	}
	sb_s(b, "\r\n");
	sb_add(b, data, n);
	sb_s(b, "\r\n");
}

static void
mp_end(struct sb *b, const char *bnd)
{
	sb_s(b, "--");
	sb_s(b, bnd);
	sb_s(b, "--\r\n");
}

/* The whole content of a file, in arena memory. */
static char *
slurp(const char *path, size_t *n)
{
	FILE *fp = fopen(path, "rb");
	struct stat st;
	char *p;

	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(fstat(fileno(fp), &st), 0);
	p = arena_alloc(A, (size_t)st.st_size + 1);
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(fread(p, 1, (size_t)st.st_size, fp), (size_t)st.st_size);
	fclose(fp);
	*n = (size_t)st.st_size;
	return p;
}

/* Regular files now in tmpdir. */
static size_t
tmpdir_count(void)
{
	DIR *d = opendir(tmpdir);
	struct dirent *e;
	size_t n = 0;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

/* Open descriptors of this process (Linux), or -1 when unknown. */
static long
open_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	long n = 0;

	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

static void
assert_file(const struct http_file *f, const char *field, const char *filename,
    const void *data, size_t n)
{
	size_t got;
	char *content;

	ck_assert_ptr_nonnull(f);
	ck_assert_str_eq(f->field, field);
	ck_assert_str_eq(f->filename, filename);
	ck_assert_uint_eq(f->size, n);
	ck_assert_ptr_nonnull(f->path);
	ck_assert_int_eq(strncmp(f->path, tmpdir, strlen(tmpdir)), 0);
	content = slurp(f->path, &got);
	ck_assert_uint_eq(got, n);
	if (n)
		ck_assert_mem_eq(content, data, n);
}

/* Two parses of the same request give the same fields and files. */
static void
assert_same(const struct http_request *x, const struct http_request *y)
{
	ck_assert_uint_eq(x->nform, y->nform);
	for (size_t i = 0; i < x->nform; i++) {
		ck_assert_str_eq(x->form[i].name, y->form[i].name);
		ck_assert_uint_eq(x->form[i].len, y->form[i].len);
		ck_assert_mem_eq(x->form[i].value, y->form[i].value, x->form[i].len + 1);
	}
	ck_assert_uint_eq(x->nfiles, y->nfiles);
	for (size_t i = 0; i < x->nfiles; i++) {
		size_t n;
		char *c = slurp(x->files[i].path, &n);
		ck_assert_str_ne(x->files[i].path, y->files[i].path);
		if (x->files[i].content_type == NULL)
			ck_assert_ptr_null(y->files[i].content_type);
		else
			ck_assert_str_eq(x->files[i].content_type, y->files[i].content_type);
		assert_file(&y->files[i], x->files[i].field, x->files[i].filename, c, n);
	}
}

/* ---------------------------------------------------- percent-decoding */

static char *
dec(const char *s, int plus, size_t *n)
{
	return http_percent_decode(A, s, strlen(s), plus, n);
}

START_TEST(test_percent_plus_as_space)
{
	size_t n = 99;
	ck_assert_str_eq(dec("a+b+", 1, &n), "a b ");
	ck_assert_uint_eq(n, 4);
	ck_assert_str_eq(dec("a+b", 0, &n), "a+b");
	ck_assert_str_eq(dec("%2B", 1, &n), "+");
}
END_TEST

START_TEST(test_percent_hex_upper_lower)
{
	size_t n = 0;
	ck_assert_str_eq(dec("%41%6a%4A%3d%3D", 1, &n), "AjJ==");
	ck_assert_uint_eq(n, 5);
	ck_assert_str_eq(dec("", 1, &n), "");
	ck_assert_uint_eq(n, 0);
}
END_TEST

START_TEST(test_percent_chinese)
{
	size_t n = 0;
	const char *s = dec("%E5%AD%A6%E6%97%B6", 1, &n);
	ck_assert_str_eq(s, "学时");
	ck_assert_uint_eq(n, 6);
	/* Raw UTF-8 passes too, and a 4-byte sequence. */
	ck_assert_str_eq(dec("学%F0%9F%98%80", 1, &n), "学\xF0\x9F\x98\x80");
	ck_assert_uint_eq(n, 7);
}
END_TEST

START_TEST(test_percent_bad_hex)
{
	ck_assert_ptr_null(dec("%zz", 1, NULL));
	ck_assert_ptr_null(dec("a%g1", 1, NULL));
	ck_assert_ptr_null(dec("a%1g", 1, NULL));
}
END_TEST

START_TEST(test_percent_short_escape)
{
	ck_assert_ptr_null(dec("%4", 1, NULL));
	ck_assert_ptr_null(dec("ab%4", 1, NULL));
	/* The escape is cut by the length, though hex digits follow in memory. */
	ck_assert_ptr_null(http_percent_decode(A, "ab%41", 4, 1, NULL));
	ck_assert_ptr_null(http_percent_decode(A, "%41", 2, 1, NULL));
}
END_TEST

START_TEST(test_percent_trailing_bare)
{
	ck_assert_ptr_null(dec("abc%", 1, NULL));
	ck_assert_ptr_null(dec("%", 1, NULL));
	/* A length that stops right after '%' even though more bytes follow. */
	ck_assert_ptr_null(http_percent_decode(A, "ab%41", 3, 1, NULL));
}
END_TEST

START_TEST(test_percent_nul_embedded)
{
	ck_assert_ptr_null(dec("a%00b", 1, NULL));
	ck_assert_ptr_null(dec("%00", 1, NULL));
}
END_TEST

START_TEST(test_percent_control_char)
{
	size_t n;
	/* C0 controls other than TAB/LF/CR, and C1 controls, are refused. */
	ck_assert_ptr_null(dec("%01", 1, NULL));
	ck_assert_ptr_null(dec("%7F", 1, NULL));
	ck_assert_ptr_null(dec("%C2%80", 1, NULL));
	/* Text may hold TAB, CR and LF (a textarea). */
	ck_assert_str_eq(dec("a%09b%0D%0A", 1, &n), "a\tb\r\n");
	ck_assert_uint_eq(n, 5);
}
END_TEST

START_TEST(test_percent_utf8_overlong)
{
	ck_assert_ptr_null(dec("%C0%AF", 1, NULL));
	ck_assert_ptr_null(dec("%E0%80%AF", 1, NULL));
	ck_assert_ptr_null(dec("%F0%80%80%AF", 1, NULL));
}
END_TEST

START_TEST(test_percent_utf8_lone_continuation)
{
	ck_assert_ptr_null(dec("%80", 1, NULL));
	ck_assert_ptr_null(dec("a%BFb", 1, NULL));
}
END_TEST

START_TEST(test_percent_utf8_surrogate)
{
	ck_assert_ptr_null(dec("%ED%A0%80", 1, NULL));
	ck_assert_ptr_null(dec("%ED%BF%BF", 1, NULL));
	/* Just below the surrogates is fine. */
	ck_assert_ptr_nonnull(dec("%ED%9F%BF", 1, NULL));
}
END_TEST

START_TEST(test_percent_utf8_above_max)
{
	ck_assert_ptr_null(dec("%F4%90%80%80", 1, NULL));
	ck_assert_ptr_null(dec("%F5%80%80%80", 1, NULL));
	ck_assert_ptr_null(dec("%FF", 1, NULL));
	ck_assert_ptr_nonnull(dec("%F4%8F%BF%BF", 1, NULL));
}
END_TEST

START_TEST(test_percent_utf8_truncated)
{
	ck_assert_ptr_null(dec("%E4%B8", 1, NULL));
	ck_assert_ptr_null(dec("%E4%B8a", 1, NULL));
	ck_assert_ptr_null(dec("%F0%9F%98", 1, NULL));
	ck_assert_ptr_nonnull(dec("%E4%B8%AD", 1, NULL));
}
END_TEST

START_TEST(test_utf8_cut_sequence)
{
	/* The length cuts a sequence though its last bytes follow in memory. */
	ck_assert_int_eq(utf8_valid_text("\xe5\xad\xa6", 3), 1);
	ck_assert_int_eq(utf8_valid_text("\xe5\xad\xa6", 2), 0);
	ck_assert_int_eq(utf8_valid_text("a\xc3\xa9", 2), 0);
	ck_assert_int_eq(utf8_valid_text("\xf0\x9f\x98\x80", 3), 0);
	ck_assert_int_eq(utf8_valid_line("a\tb", 3), 0);
	ck_assert_int_eq(utf8_valid_text("a\tb", 3), 1);
}
END_TEST

/* --------------------------------------------------------- urlencoded */

static int
urlenc(const char *s, struct http_param **p, size_t *n)
{
	size_t total = 0;
	*p = NULL;
	*n = 0;
	return http_parse_urlencoded(A, s, strlen(s), &lim, &total, p, n);
}

START_TEST(test_urlenc_basic)
{
	struct http_param *p;
	size_t n;

	ck_assert_int_eq(urlenc("a=1&b=x+y&c=%41%62&d=%E5%AD%A6%E6%97%B6", &p, &n), 0);
	ck_assert_uint_eq(n, 4);
	ck_assert_str_eq(p[0].name, "a");
	ck_assert_str_eq(p[0].value, "1");
	ck_assert_uint_eq(p[0].len, 1);
	ck_assert_str_eq(p[1].name, "b");
	ck_assert_str_eq(p[1].value, "x y");
	ck_assert_uint_eq(p[1].len, 3);
	ck_assert_str_eq(p[2].value, "Ab");
	ck_assert_str_eq(p[3].name, "d");
	ck_assert_str_eq(p[3].value, "学时");
	ck_assert_uint_eq(p[3].len, 6);
}
END_TEST

START_TEST(test_urlenc_name_decoded)
{
	struct http_param *p;
	size_t n;

	ck_assert_int_eq(urlenc("a+b=1&%E5%AD%A6=2&x%5B%5D=3", &p, &n), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(p[0].name, "a b");
	ck_assert_str_eq(p[1].name, "学");
	ck_assert_str_eq(p[2].name, "x[]");
}
END_TEST

START_TEST(test_urlenc_empty_segments)
{
	struct http_param *p;
	size_t n;

	ck_assert_int_eq(urlenc("&&a=1&&&b=2&", &p, &n), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(p[0].name, "a");
	ck_assert_str_eq(p[1].name, "b");
	ck_assert_str_eq(p[1].value, "2");
	ck_assert_int_eq(urlenc("&&&", &p, &n), 0);
	ck_assert_uint_eq(n, 0);
	ck_assert_int_eq(urlenc("", &p, &n), 0);
	ck_assert_uint_eq(n, 0);
}
END_TEST

START_TEST(test_urlenc_name_without_eq)
{
	struct http_param *p;
	size_t n;

	ck_assert_int_eq(urlenc("flag&x=1&empty=&eq=a=b", &p, &n), 0);
	ck_assert_uint_eq(n, 4);
	ck_assert_str_eq(p[0].name, "flag");
	ck_assert_str_eq(p[0].value, "");
	ck_assert_uint_eq(p[0].len, 0);
	ck_assert_str_eq(p[2].name, "empty");
	ck_assert_str_eq(p[2].value, "");
	ck_assert_str_eq(p[3].name, "eq");
	ck_assert_str_eq(p[3].value, "a=b");
}
END_TEST

START_TEST(test_urlenc_empty_name)
{
	struct http_param *p;
	size_t n;

	ck_assert_int_eq(urlenc("=1", &p, &n), 400);
	ck_assert_int_eq(urlenc("a=1&=2", &p, &n), 400);
}
END_TEST

START_TEST(test_urlenc_bad_escape)
{
	static const char *bad[] = {
		"a=%zz", "%zz=1", "a=%4", "a=%4&b=1", "a=1&b=%", "a%=1", "a=%%41",
	};
	struct http_param *p;
	size_t n;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(urlenc(bad[i], &p, &n) == 400, "%s", bad[i]);
}
END_TEST

START_TEST(test_urlenc_trailing_bare_percent)
{
	struct http_param *p;
	size_t n;

	ck_assert_int_eq(urlenc("a=b%", &p, &n), 400);
	ck_assert_int_eq(urlenc("%", &p, &n), 400);
}
END_TEST

START_TEST(test_urlenc_nul_embedded)
{
	struct http_param *p;
	size_t n;

	ck_assert_int_eq(urlenc("a=x%00y", &p, &n), 400);
	ck_assert_int_eq(urlenc("a%00=1", &p, &n), 400);
}
END_TEST

START_TEST(test_urlenc_invalid_utf8)
{
	static const char *bad[] = {
		"a=%C0%AF", "a=%80", "a=%ED%A0%80", "a=%F4%90%80%80", "a=%E4%B8",
		"%C0%AF=1", "a=\xff", "a=\xe5\xad",
	};
	struct http_param *p;
	size_t n;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(urlenc(bad[i], &p, &n) == 400, "%s", bad[i]);
}
END_TEST

/* nginx and Apache match "//login" as "/login"; routing must agree. */
START_TEST(test_repeated_slashes_are_one)
{
	struct http_request r;
	struct req q = { .method = "GET", .uri = "//login///x//?a=1//", .qs = "a=1//" };
	struct req q2 = { .method = "GET", .uri = "/", .extra = { "PATH_INFO", "//school//review" } };

	ck_assert_int_eq(parse(&r, &q), 0);
	ck_assert_str_eq(r.path, "/login/x/");
	ck_assert_str_eq(http_query(&r, "a"), "1//");
	ck_assert_int_eq(parse(&r, &q2), 0);
	ck_assert_str_eq(r.path, "/school/review");
}
END_TEST

START_TEST(test_query_parsed)
{
	struct http_request r;
	struct req q = { .method = "GET", .uri = "/s?name=%E5%AD%A6%E6%97%B6&x=a+b",
	    .qs = "name=%E5%AD%A6%E6%97%B6&x=a+b&flag" };

	ck_assert_int_eq(parse(&r, &q), 0);
	ck_assert_int_eq(r.method, HTTP_GET);
	ck_assert_str_eq(r.method_name, "GET");
	ck_assert_str_eq(r.path, "/s");
	ck_assert_str_eq(r.query_string, "name=%E5%AD%A6%E6%97%B6&x=a+b&flag");
	ck_assert_uint_eq(r.nquery, 3);
	ck_assert_str_eq(http_query(&r, "name"), "学时");
	ck_assert_str_eq(http_query(&r, "x"), "a b");
	ck_assert_str_eq(http_query(&r, "flag"), "");
	ck_assert_ptr_null(http_query(&r, "nope"));
	ck_assert_uint_eq(r.nform, 0);
	ck_assert_uint_eq(r.nfiles, 0);
}
END_TEST

START_TEST(test_query_first_value_wins)
{
	struct http_request r;
	struct req q = { .method = "GET", .uri = "/", .qs = "a=1&a=2" };

	ck_assert_int_eq(parse(&r, &q), 0);
	ck_assert_uint_eq(r.nquery, 2);
	ck_assert_str_eq(http_query(&r, "a"), "1");
	ck_assert_str_eq(r.query[1].value, "2");
}
END_TEST

START_TEST(test_query_bad_escape)
{
	struct http_request r;
	struct req q = { .method = "GET", .uri = "/", .qs = "a=%zz" };

	ck_assert_int_eq(parse(&r, &q), 400);
	q.qs = "a=%";
	ck_assert_int_eq(parse(&r, &q), 400);
	q.qs = "a=%00";
	ck_assert_int_eq(parse(&r, &q), 400);
	q.qs = "a=%ED%A0%80";
	ck_assert_int_eq(parse(&r, &q), 400);
}
END_TEST

START_TEST(test_form_body)
{
	static const char body[] = "user=%E5%AD%A6%E6%97%B6&note=line1%0D%0Aline2&x=a+b";
	struct http_request r;

	ck_assert_int_eq(post(&r, FORM_CT "; charset=UTF-8", body, 0, 0), 0);
	ck_assert_int_eq(r.method, HTTP_POST);
	ck_assert_uint_eq(r.nform, 3);
	ck_assert_str_eq(http_form(&r, "user"), "学时");
	ck_assert_str_eq(http_form(&r, "note"), "line1\r\nline2");
	ck_assert_uint_eq(r.form[1].len, 12);
	ck_assert_str_eq(http_form(&r, "x"), "a b");
	ck_assert_ptr_null(http_form(&r, "nope"));
}
END_TEST

START_TEST(test_form_body_small_reads)
{
	static const char body[] = "a=1&b=%E5%AD%A6&c=x+y";
	struct http_request r1, r7, r0;

	ck_assert_int_eq(post(&r0, FORM_CT, body, 0, 0), 0);
	ck_assert_int_eq(post(&r1, FORM_CT, body, 0, 1), 0);
	ck_assert_int_eq(post(&r7, FORM_CT, body, 0, 7), 0);
	assert_same(&r0, &r1);
	assert_same(&r0, &r7);
	ck_assert_uint_eq(r1.nform, 3);
	ck_assert_str_eq(http_form(&r1, "b"), "学");
}
END_TEST

START_TEST(test_form_body_truncated)
{
	struct http_request r;
	struct req q = { .method = "POST", .uri = "/", .ctype = FORM_CT,
	    .body = "a=1&b=2", .clen = "20" };

	ck_assert_int_eq(parse(&r, &q), 400);
	q.chunk = 1;
	ck_assert_int_eq(parse(&r, &q), 400);
}
END_TEST

START_TEST(test_form_body_read_error)
{
	struct http_request r;
	struct req q = { .method = "POST", .uri = "/", .ctype = FORM_CT,
	    .body = "a=1", .clen = "10", .read_error = 1 };

	ck_assert_int_eq(parse(&r, &q), 400);
}
END_TEST

START_TEST(test_form_body_invalid_utf8)
{
	struct http_request r;

	ck_assert_int_eq(post(&r, FORM_CT, "a=%C0%AF", 0, 0), 400);
	ck_assert_int_eq(post(&r, FORM_CT, "a=%00", 0, 0), 400);
	ck_assert_int_eq(post(&r, FORM_CT, "a=%", 0, 0), 400);
}
END_TEST

/* ---------------------------------------------------------------- limits */

START_TEST(test_limit_fields_at_limit)
{
	struct http_request r;
	struct req q = { .method = "POST", .uri = "/", .qs = "a=1&b=2",
	    .ctype = FORM_CT, .body = "c=3" };

	lim.max_fields = 3;
	ck_assert_int_eq(parse(&r, &q), 0);
	ck_assert_uint_eq(r.nquery, 2);
	ck_assert_uint_eq(r.nform, 1);
}
END_TEST

START_TEST(test_limit_too_many_fields_query_and_body)
{
	struct http_request r;
	struct req q = { .method = "POST", .uri = "/", .qs = "a=1&b=2",
	    .ctype = FORM_CT, .body = "c=3&d=4" };

	lim.max_fields = 3;
	ck_assert_int_eq(parse(&r, &q), 413);
}
END_TEST

START_TEST(test_limit_too_many_fields_query)
{
	struct http_request r;
	struct req q = { .method = "GET", .uri = "/", .qs = "a&b&c&d" };

	lim.max_fields = 3;
	ck_assert_int_eq(parse(&r, &q), 413);
	q.qs = "a&b&&&c&";
	ck_assert_int_eq(parse(&r, &q), 0);
	ck_assert_uint_eq(r.nquery, 3);
}
END_TEST

START_TEST(test_limit_too_many_fields_query_and_multipart)
{
	struct http_request r;
	struct sb b = { 0 };
	struct req q = { .method = "POST", .uri = "/", .qs = "a=1", .ctype = MP_CT };

	mp_field(&b, BND, "b", "2");
	mp_field(&b, BND, "c", "3");
	mp_end(&b, BND);
	q.body = b.p;
	lim.max_fields = 3;
	ck_assert_int_eq(parse(&r, &q), 0);
	ck_assert_uint_eq(r.nform, 2);
	q.qs = "a=1&z=9";
	ck_assert_int_eq(parse(&r, &q), 413);
}
END_TEST

START_TEST(test_limit_name_too_long)
{
	struct http_param *p;
	size_t n;

	lim.max_name_len = 8;
	ck_assert_int_eq(urlenc("abcdefgh=1", &p, &n), 0);
	ck_assert_int_eq(urlenc("abcdefghi=1", &p, &n), 413);
	/* Decoded length counts: 8 escapes are 8 bytes, 9 are too many. */
	ck_assert_int_eq(urlenc("%41%41%41%41%41%41%41%41=1", &p, &n), 0);
	ck_assert_str_eq(p[0].name, "AAAAAAAA");
	ck_assert_int_eq(urlenc("%41%41%41%41%41%41%41%41%41=1", &p, &n), 413);
	/* A name without '=' is bounded too. */
	ck_assert_int_eq(urlenc("abcdefghi", &p, &n), 413);
}
END_TEST

START_TEST(test_limit_multipart_name_too_long)
{
	struct http_request r;
	struct sb b = { 0 }, c = { 0 };

	lim.max_name_len = 8;
	mp_field(&b, BND, "abcdefgh", "1");
	mp_end(&b, BND);
	ck_assert_int_eq(post(&r, MP_CT, b.p, b.n, 0), 0);
	ck_assert_str_eq(http_form(&r, "abcdefgh"), "1");
	mp_field(&c, BND, "abcdefghi", "1");
	mp_end(&c, BND);
	ck_assert_int_eq(post(&r, MP_CT, c.p, c.n, 0), 413);
}
END_TEST

START_TEST(test_limit_value_too_long)
{
	struct http_param *p;
	size_t n;

	lim.max_field_len = 10;
	ck_assert_int_eq(urlenc("a=0123456789", &p, &n), 0);
	ck_assert_uint_eq(p[0].len, 10);
	ck_assert_int_eq(urlenc("a=0123456789X", &p, &n), 413);
	/* Three 3-byte characters are 9 bytes; four are 12. */
	ck_assert_int_eq(urlenc("a=%E5%AD%A6%E5%AD%A6%E5%AD%A6", &p, &n), 0);
	ck_assert_uint_eq(p[0].len, 9);
	ck_assert_int_eq(urlenc("a=%E5%AD%A6%E5%AD%A6%E5%AD%A6%E5%AD%A6", &p, &n), 413);
}
END_TEST

START_TEST(test_limit_multipart_value_too_long)
{
	struct http_request r;
	struct sb b = { 0 }, c = { 0 };

	lim.max_field_len = 10;
	mp_field(&b, BND, "a", "0123456789");
	mp_end(&b, BND);
	mp_field(&c, BND, "a", "0123456789X");
	mp_end(&c, BND);
	for (size_t chunk = 0; chunk <= 7; chunk += 1) {
		ck_assert_int_eq(post(&r, MP_CT, b.p, b.n, chunk), 0);
		ck_assert_uint_eq(r.form[0].len, 10);
		ck_assert_int_eq(post(&r, MP_CT, c.p, c.n, chunk), 413);
	}
}
END_TEST

START_TEST(test_limit_form_body_too_long)
{
	struct http_request r;

	lim.max_form_body = 20;
	ck_assert_int_eq(post(&r, FORM_CT, "a=123456789012345678", 0, 0), 0); /* 20 */
	ck_assert_str_eq(http_form(&r, "a"), "123456789012345678");
	ck_assert_int_eq(post(&r, FORM_CT, "a=1234567890123456789", 0, 0), 413);
}
END_TEST

START_TEST(test_limit_multipart_body_too_long)
{
	struct http_request r;
	struct sb b = { 0 };

	mp_field(&b, BND, "a", "hello");
	mp_end(&b, BND);
	lim.max_body = b.n;
	ck_assert_int_eq(post(&r, MP_CT, b.p, b.n, 0), 0);
	ck_assert_str_eq(http_form(&r, "a"), "hello");
	lim.max_body = b.n - 1;
	ck_assert_int_eq(post(&r, MP_CT, b.p, b.n, 0), 413);
	/* The multipart bound does not apply to urlencoded bodies, and back. */
	lim.max_body = 4;
	ck_assert_int_eq(post(&r, FORM_CT, "a=123456", 0, 0), 0);
}
END_TEST

START_TEST(test_limit_too_many_files)
{
	struct http_request r;
	struct sb b = { 0 }, c = { 0 };

	lim.max_files = 2;
	mp_file(&b, BND, "f", "1.txt", "text/plain", "one", 3);
	mp_file(&b, BND, "g", "2.txt", "text/plain", "two", 3);
	mp_end(&b, BND);
	ck_assert_int_eq(post(&r, MP_CT, b.p, b.n, 0), 0);
	ck_assert_uint_eq(r.nfiles, 2);
	mp_file(&c, BND, "f", "1.txt", "text/plain", "one", 3);
	mp_file(&c, BND, "g", "2.txt", "text/plain", "two", 3);
	mp_file(&c, BND, "h", "3.txt", "text/plain", "six", 3);
	mp_end(&c, BND);
	ck_assert_int_eq(post(&r, MP_CT, c.p, c.n, 0), 413);
}
END_TEST

START_TEST(test_limit_file_too_big)
{
	struct http_request r;
	struct sb b = { 0 }, c = { 0 };
	char data[101];
	const struct http_file *f;

	memset(data, 'x', sizeof(data));
	lim.max_upload = 100;
	mp_file(&b, BND, "f", "a.bin", NULL, data, 100);
	mp_end(&b, BND);
	mp_file(&c, BND, "f", "a.bin", NULL, data, 101);
	mp_field(&c, BND, "after", "kept");
	mp_end(&c, BND);
	for (size_t chunk = 0; chunk <= 7; chunk += 7) {
		ck_assert_int_eq(post(&r, MP_CT, b.p, b.n, chunk), 0);
		assert_file(http_upload(&r, "f"), "f", "a.bin", data, 100);
		ck_assert_int_eq(http_upload(&r, "f")->over_limit, 0);
		/* One byte over: the file is flagged, the rest of the form still read. */
		ck_assert_int_eq(post(&r, MP_CT, c.p, c.n, chunk), 0);
		f = http_upload(&r, "f");
		ck_assert_ptr_nonnull(f);
		ck_assert_int_eq(f->over_limit, 1);
		ck_assert_uint_le(f->size, 100);
		ck_assert_str_eq(http_form(&r, "after"), "kept");
	}
	ck_assert_int_eq(post(&r, MP_CT, c.p, c.n, 1), 0);
	ck_assert_int_eq(http_upload(&r, "f")->over_limit, 1);
}
END_TEST

static const char part_hdr[] = "Content-Disposition: form-data; name=\"a\"\r\n";

START_TEST(test_limit_part_header_at_limit)
{
	struct http_request r;
	struct sb b = { 0 };

	sb_s(&b, "--" BND "\r\n");
	sb_s(&b, part_hdr);
	sb_s(&b, "\r\nvalue\r\n--" BND "--\r\n");
	lim.max_part_header = strlen(part_hdr);
	for (size_t chunk = 0; chunk <= 7; chunk++) {
		ck_assert_msg(post(&r, MP_CT, b.p, b.n, chunk) == 0, "chunk %zu", chunk);
		ck_assert_str_eq(http_form(&r, "a"), "value");
	}
}
END_TEST

START_TEST(test_limit_part_header_too_big)
{
	struct http_request r;
	struct sb b = { 0 };

	sb_s(&b, "--" BND "\r\n");
	sb_s(&b, part_hdr);
	sb_s(&b, "\r\nvalue\r\n--" BND "--\r\n");
	lim.max_part_header = strlen(part_hdr) - 1;
	for (size_t chunk = 0; chunk <= 7; chunk++)
		ck_assert_msg(post(&r, MP_CT, b.p, b.n, chunk) == 413, "chunk %zu", chunk);
}
END_TEST

START_TEST(test_limit_part_header_unterminated)
{
	struct http_request r;
	struct sb b = { 0 };

	/* A header block that never ends is refused once over the bound, not buffered. */
	sb_s(&b, "--" BND "\r\n");
	sb_s(&b, part_hdr);
	for (int i = 0; i < 2000; i++)
		sb_s(&b, "X-Pad: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n");
	lim.max_part_header = 256;
	ck_assert_int_eq(post(&r, MP_CT, b.p, b.n, 0), 413);
	ck_assert_int_eq(post(&r, MP_CT, b.p, b.n, 100), 413);
}
END_TEST

START_TEST(test_limit_uri_too_long)
{
	struct http_request r;
	struct req q = { .method = "GET", .uri = "/abcdefghijklmno" }; /* 16 */

	lim.max_uri = 16;
	ck_assert_int_eq(parse(&r, &q), 0);
	ck_assert_str_eq(r.path, "/abcdefghijklmno");
	q.uri = "/abcdefghijklmnop";
	ck_assert_int_eq(parse(&r, &q), 413);
	q.uri = "/";
	q.qs = "a=34567890123456";
	ck_assert_int_eq(parse(&r, &q), 0);
	q.qs = "a=345678901234567";
	ck_assert_int_eq(parse(&r, &q), 413);
	q.qs = NULL;
	q.extra[0] = "PATH_INFO";
	q.extra[1] = "/bcdefghijklmnop";
	ck_assert_int_eq(parse(&r, &q), 0);
	ck_assert_str_eq(r.path, "/bcdefghijklmnop");
	q.extra[1] = "/bcdefghijklmnopq";
	ck_assert_int_eq(parse(&r, &q), 413);
}
END_TEST

START_TEST(test_limit_cookie_too_long)
{
	struct http_request r;
	struct req q = { .method = "GET", .uri = "/", .cookie = "a=12345678" }; /* 10 */

	lim.max_cookie = 10;
	ck_assert_int_eq(parse(&r, &q), 0);
	ck_assert_str_eq(http_cookie(&r, "a"), "12345678");
	q.cookie = "a=123456789";
	ck_assert_int_eq(parse(&r, &q), 413);
}
END_TEST

START_TEST(test_limit_header_too_long)
{
	struct http_request r;
	struct req q = { .method = "GET", .uri = "/",
	    .extra = { "HTTP_USER_AGENT", "12345678" } };

	lim.max_header = 8;
	ck_assert_int_eq(parse(&r, &q), 0);
	ck_assert_str_eq(r.user_agent, "12345678");
	q.extra[1] = "123456789";
	ck_assert_int_eq(parse(&r, &q), 413);
}
END_TEST

/* --------------------------------------------------------------- cookies */

START_TEST(test_cookie_several_pairs)
{
	struct http_request r;
	struct req q = { .method = "GET", .uri = "/", .cookie = "a=1; b=two;c=3" };

	ck_assert_int_eq(parse(&r, &q), 0);
	ck_assert_uint_eq(r.ncookies, 3);
	ck_assert_str_eq(r.cookies[0].name, "a");
	ck_assert_str_eq(r.cookies[0].value, "1");
	ck_assert_str_eq(r.cookies[1].name, "b");
	ck_assert_str_eq(r.cookies[1].value, "two");
	ck_assert_uint_eq(r.cookies[1].len, 3);
	ck_assert_str_eq(http_cookie(&r, "c"), "3");
	ck_assert_ptr_null(http_cookie(&r, "d"));
}
END_TEST

START_TEST(test_cookie_spaces)
{
	struct http_request r;
	struct req q = { .method = "GET", .uri = "/",
	    .cookie = "   a=1 ;\tb=2\t;;  ; c=3   " };

	ck_assert_int_eq(parse(&r, &q), 0);
	ck_assert_uint_eq(r.ncookies, 3);
	ck_assert_str_eq(http_cookie(&r, "a"), "1");
	ck_assert_str_eq(http_cookie(&r, "b"), "2");
	ck_assert_str_eq(http_cookie(&r, "c"), "3");
	ck_assert_uint_eq(r.cookies[2].len, 1);
}
END_TEST

START_TEST(test_cookie_quoted_value)
{
	struct http_request r;
	struct req q = { .method = "GET", .uri = "/", .cookie = "sid=\"abc123\"; e=\"\"" };

	ck_assert_int_eq(parse(&r, &q), 0);
	ck_assert_uint_eq(r.ncookies, 2);
	ck_assert_str_eq(http_cookie(&r, "sid"), "abc123");
	ck_assert_uint_eq(r.cookies[0].len, 6);
	ck_assert_str_eq(http_cookie(&r, "e"), "");
	ck_assert_uint_eq(r.cookies[1].len, 0);
}
END_TEST

START_TEST(test_cookie_malformed_skipped)
{
	struct http_request r;
	struct req q = { .method = "GET", .uri = "/",
	    .cookie = "noequals; a=1; =anon; c\x01" "d=2; e=\x02" "x; f=a b; "
	    "g=\"x; h=\xe5\xad\xa6; i=x\"y; j\"=1; k=ok" };

	ck_assert_int_eq(parse(&r, &q), 0);
	ck_assert_uint_eq(r.ncookies, 2);
	ck_assert_str_eq(r.cookies[0].name, "a");
	ck_assert_str_eq(r.cookies[0].value, "1");
	ck_assert_str_eq(r.cookies[1].name, "k");
	ck_assert_str_eq(r.cookies[1].value, "ok");
	ck_assert_ptr_null(http_cookie(&r, "noequals"));
	ck_assert_ptr_null(http_cookie(&r, ""));
}
END_TEST

START_TEST(test_cookie_first_wins)
{
	struct http_request r;
	struct req q = { .method = "GET", .uri = "/", .cookie = "a=1; a=2" };

	ck_assert_int_eq(parse(&r, &q), 0);
	ck_assert_uint_eq(r.ncookies, 2);
	ck_assert_str_eq(http_cookie(&r, "a"), "1");
}
END_TEST

START_TEST(test_cookie_empty_header)
{
	struct http_request r;
	struct req q = { .method = "GET", .uri = "/", .cookie = "" };

	ck_assert_int_eq(parse(&r, &q), 0);
	ck_assert_uint_eq(r.ncookies, 0);
	q.cookie = " ; ;";
	ck_assert_int_eq(parse(&r, &q), 0);
	ck_assert_uint_eq(r.ncookies, 0);
}
END_TEST

/* ------------------------------------------------------------ multipart */

START_TEST(test_multipart_fields_and_files)
{
	static const char pdf[] = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj";
	struct http_request r;
	struct sb b = { 0 };

	mp_field(&b, BND, "title", "学时 report");
	mp_file(&b, BND, "doc", "report.pdf", "application/pdf", pdf, sizeof(pdf) - 1);
	mp_field(&b, BND, "note", "line1\r\nline2");
	mp_end(&b, BND);
	ck_assert_int_eq(post(&r, MP_CT, b.p, b.n, 0), 0);
	ck_assert_uint_eq(r.nform, 2);
	ck_assert_str_eq(r.form[0].name, "title");
	ck_assert_str_eq(r.form[0].value, "学时 report");
	ck_assert_uint_eq(r.form[0].len, strlen("学时 report"));
	ck_assert_str_eq(http_form(&r, "note"), "line1\r\nline2");
	ck_assert_uint_eq(r.form[1].len, 12);
	ck_assert_uint_eq(r.nfiles, 1);
	assert_file(http_upload(&r, "doc"), "doc", "report.pdf", pdf, sizeof(pdf) - 1);
	ck_assert_str_eq(r.files[0].content_type, "application/pdf");
	ck_assert_ptr_null(http_upload(&r, "title"));
	ck_assert_str_eq(r.content_type, MP_CT);
}
END_TEST

START_TEST(test_multipart_filename_windows_path)
{
	struct http_request r;
	struct sb b = { 0 };

	mp_file(&b, BND, "f", "C:\\dir\\a.pdf", "application/pdf", "PDF", 3);
	mp_file(&b, BND, "g", "/home/u/b.txt", NULL, "B", 1);
	mp_file(&b, BND, "h", "..\\..\\c.txt", NULL, "C", 1);
	mp_end(&b, BND);
	ck_assert_int_eq(post(&r, MP_CT, b.p, b.n, 0), 0);
	ck_assert_uint_eq(r.nfiles, 3);
	assert_file(http_upload(&r, "f"), "f", "a.pdf", "PDF", 3);
	assert_file(http_upload(&r, "g"), "g", "b.txt", "B", 1);
	assert_file(http_upload(&r, "h"), "h", "c.txt", "C", 1);
	ck_assert_ptr_null(r.files[1].content_type);
}
END_TEST

START_TEST(test_multipart_empty_file_input)
{
	struct http_request r;
	struct sb b = { 0 };

	mp_field(&b, BND, "a", "1");
	mp_file(&b, BND, "f", "", "application/octet-stream", "", 0);
	mp_field(&b, BND, "b", "2");
	mp_end(&b, BND);
	ck_assert_int_eq(post(&r, MP_CT, b.p, b.n, 0), 0);
	ck_assert_uint_eq(r.nfiles, 0);
	ck_assert_ptr_null(http_upload(&r, "f"));
	ck_assert_uint_eq(r.nform, 2);
	ck_assert_str_eq(http_form(&r, "b"), "2");
}
END_TEST

START_TEST(test_multipart_empty_file_inputs_leave_no_files)
{
	struct http_request r;
	struct sb b = { 0 };

	/* Many empty file inputs must not pile up temporary files. */
	for (int i = 0; i < 50; i++)
		mp_file(&b, BND, "f", "", "application/octet-stream", "", 0);
	mp_end(&b, BND);
	ck_assert_int_eq(post(&r, MP_CT, b.p, b.n, 0), 0);
	ck_assert_uint_eq(r.nfiles, 0);
	ck_assert_uint_eq(tmpdir_count(), 0);
}
END_TEST

START_TEST(test_multipart_upload_keeps_no_descriptors)
{
	struct http_request r;
	struct sb b = { 0 };
	long before, after;

	mp_file(&b, BND, "f", "1", NULL, "one", 3);
	mp_file(&b, BND, "g", "2", NULL, "two", 3);
	mp_file(&b, BND, "h", "", NULL, "", 0);
	mp_end(&b, BND);
	before = open_fds();
	ck_assert_int_eq(post(&r, MP_CT, b.p, b.n, 0), 0);
	after = open_fds();
	ck_assert_uint_eq(r.nfiles, 2);
	if (before >= 0)
		ck_assert_int_eq(after, before);
	ck_assert_uint_eq(tmpdir_count(), 2);
}
END_TEST

START_TEST(test_multipart_empty_file_with_name)
{
	struct http_request r;
	struct sb b = { 0 };

	/* A named but empty file is a file of 0 bytes (the empty part before the boundary). */
	mp_file(&b, BND, "f", "empty.txt", "text/plain", "", 0);
	mp_end(&b, BND);
	ck_assert_int_eq(post(&r, MP_CT, b.p, b.n, 0), 0);
	ck_assert_uint_eq(r.nfiles, 1);
	assert_file(http_upload(&r, "f"), "f", "empty.txt", "", 0);
}
END_TEST

/* Bytes that look like pieces of the delimiter "\r\n--" BND. */
static size_t
tricky_content(char *out)
{
	static const char *pieces[] = {
		"\r\n", "--", "\r\n--", "\r\n-", "\r", "\n", "--" BND,
		"\r\n--XyZzY", "\r\n--" "XyZzY-b0undar", "-" BND "--", "\r\r\n\n--",
	};
	size_t n = 0;

	for (int i = 0; i < 256; i++)
		out[n++] = (char)i;
	for (size_t i = 0; i < sizeof(pieces) / sizeof(pieces[0]); i++) {
		memcpy(out + n, pieces[i], strlen(pieces[i]));
		n += strlen(pieces[i]);
		out[n++] = 'x';
	}
	/* Ends in a partial delimiter right before the real one. */
	memcpy(out + n, "\r\n--XyZ", 8);
	n += 8;
	return n;
}

START_TEST(test_multipart_binary_content)
{
	struct http_request r;
	struct sb b = { 0 };
	char data[1024];
	size_t n = tricky_content(data);

	mp_file(&b, BND, "bin", "data.bin", "application/octet-stream", data, n);
	mp_file(&b, BND, "crlf", "crlf.bin", NULL, "\r\n", 2);
	mp_file(&b, BND, "dash", "dash.bin", NULL, "--", 2);
	mp_end(&b, BND);
	for (size_t chunk = 0; chunk <= 7; chunk++) {
		ck_assert_msg(post(&r, MP_CT, b.p, b.n, chunk) == 0, "chunk %zu", chunk);
		ck_assert_uint_eq(r.nfiles, 3);
		assert_file(http_upload(&r, "bin"), "bin", "data.bin", data, n);
		assert_file(http_upload(&r, "crlf"), "crlf", "crlf.bin", "\r\n", 2);
		assert_file(http_upload(&r, "dash"), "dash", "dash.bin", "--", 2);
	}
}
END_TEST

START_TEST(test_multipart_large_file_crosses_buffer)
{
	struct http_request r;
	struct sb b = { 0 };
	size_t n = 200 * 1024;
	char *data = arena_alloc(A, n);

	/* Bigger than the parser's buffer, with delimiter look-alikes everywhere. */
	for (size_t i = 0; i < n; i++)
		data[i] = "\r\n-XyZ"[(i * 7 + i / 13) % 6];
	mp_field(&b, BND, "a", "1");
	mp_file(&b, BND, "big", "big.bin", NULL, data, n);
	mp_field(&b, BND, "z", "26");
	mp_end(&b, BND);
	ck_assert_int_eq(post(&r, MP_CT, b.p, b.n, 0), 0);
	assert_file(http_upload(&r, "big"), "big", "big.bin", data, n);
	ck_assert_str_eq(http_form(&r, "z"), "26");
	ck_assert_int_eq(post(&r, MP_CT, b.p, b.n, 4093), 0);
	assert_file(http_upload(&r, "big"), "big", "big.bin", data, n);
}
END_TEST

START_TEST(test_multipart_boundary_quoted)
{
	struct http_request r;
	struct sb b = { 0 };

	mp_field(&b, "a b:c=d", "x", "1");
	mp_end(&b, "a b:c=d");
	ck_assert_int_eq(post(&r, "multipart/form-data; boundary=\"a b:c=d\"", b.p, b.n, 0), 0);
	ck_assert_str_eq(http_form(&r, "x"), "1");
	/* Other parameters, any case, before or after. */
	ck_assert_int_eq(post(&r, "Multipart/Form-Data; charset=utf-8;BOUNDARY=\"a b:c=d\"; x=y",
	    b.p, b.n, 0), 0);
	ck_assert_str_eq(http_form(&r, "x"), "1");
}
END_TEST

START_TEST(test_multipart_boundary_70_ok)
{
	struct http_request r;
	struct sb b = { 0 };
	char bnd[71], ct[128];

	memset(bnd, 'b', 70);
	bnd[70] = '\0';
	mp_field(&b, bnd, "x", "seventy");
	mp_end(&b, bnd);
	snprintf(ct, sizeof(ct), "multipart/form-data; boundary=%s", bnd);
	ck_assert_int_eq(post(&r, ct, b.p, b.n, 0), 0);
	ck_assert_str_eq(http_form(&r, "x"), "seventy");
	ck_assert_int_eq(post(&r, ct, b.p, b.n, 1), 0);
	ck_assert_str_eq(http_form(&r, "x"), "seventy");
}
END_TEST

START_TEST(test_multipart_boundary_too_long)
{
	struct http_request r;
	struct sb b = { 0 };
	char bnd[72], ct[128];

	memset(bnd, 'b', 71);
	bnd[71] = '\0';
	mp_field(&b, bnd, "x", "1");
	mp_end(&b, bnd);
	snprintf(ct, sizeof(ct), "multipart/form-data; boundary=%s", bnd);
	ck_assert_int_eq(post(&r, ct, b.p, b.n, 0), 400);
	snprintf(ct, sizeof(ct), "multipart/form-data; boundary=\"%s\"", bnd);
	ck_assert_int_eq(post(&r, ct, b.p, b.n, 0), 400);
}
END_TEST

START_TEST(test_multipart_boundary_missing)
{
	struct http_request r;
	struct sb b = { 0 };

	mp_field(&b, BND, "x", "1");
	mp_end(&b, BND);
	ck_assert_int_eq(post(&r, "multipart/form-data", b.p, b.n, 0), 400);
	ck_assert_int_eq(post(&r, "multipart/form-data; charset=utf-8", b.p, b.n, 0), 400);
	ck_assert_int_eq(post(&r, "multipart/form-data; boundary=", b.p, b.n, 0), 400);
	ck_assert_int_eq(post(&r, "multipart/form-data; boundary=\"\"", b.p, b.n, 0), 400);
	ck_assert_int_eq(post(&r, "multipart/form-data; boundary=\"" BND, b.p, b.n, 0), 400);
	ck_assert_int_eq(post(&r, "multipart/form-data; xboundary=" BND, b.p, b.n, 0), 400);
}
END_TEST

START_TEST(test_multipart_boundary_bad_chars)
{
	struct http_request r;
	struct sb b = { 0 }, c = { 0 };

	mp_field(&b, "a@b", "x", "1");
	mp_end(&b, "a@b");
	ck_assert_int_eq(post(&r, "multipart/form-data; boundary=a@b", b.p, b.n, 0), 400);
	/* A boundary may not end in a space (RFC 2046 bcharsnospace). */
	mp_field(&c, "ab ", "x", "1");
	mp_end(&c, "ab ");
	ck_assert_int_eq(post(&r, "multipart/form-data; boundary=\"ab \"", c.p, c.n, 0), 400);
}
END_TEST

START_TEST(test_multipart_wrong_boundary)
{
	struct http_request r;
	struct sb b = { 0 };

	mp_field(&b, "other", "x", "1");
	mp_end(&b, "other");
	ck_assert_int_eq(post(&r, MP_CT, b.p, b.n, 0), 400);
}
END_TEST

START_TEST(test_multipart_preamble_epilogue)
{
	struct http_request r;
	struct sb b = { 0 };

	sb_s(&b, "This is the preamble.\r\n--XyZzY-b0und is not a delimiter\r\n--\r\n");
	mp_field(&b, BND, "a", "1");
	mp_field(&b, BND, "b", "2");
	sb_s(&b, "--" BND "--\r\nThis is the epilogue.\r\n--" BND "\r\nnot parsed\r\n");
	for (size_t chunk = 0; chunk <= 7; chunk += 1) {
		ck_assert_int_eq(post(&r, MP_CT, b.p, b.n, chunk), 0);
		ck_assert_uint_eq(r.nform, 2);
		ck_assert_str_eq(http_form(&r, "a"), "1");
		ck_assert_str_eq(http_form(&r, "b"), "2");
	}
}
END_TEST

START_TEST(test_multipart_first_delimiter_at_start)
{
	struct http_request r;
	static const char body[] = "--" BND "\r\n"
	    "Content-Disposition: form-data; name=\"a\"\r\n\r\nA\r\n--" BND "--";

	/* No preamble, no CRLF after the close. */
	ck_assert_int_eq(post(&r, MP_CT, body, 0, 0), 0);
	ck_assert_uint_eq(r.nform, 1);
	ck_assert_str_eq(http_form(&r, "a"), "A");
	ck_assert_int_eq(post(&r, MP_CT, body, 0, 1), 0);
	ck_assert_str_eq(http_form(&r, "a"), "A");
}
END_TEST

START_TEST(test_multipart_transport_padding)
{
	struct http_request r;
	static const char body[] = "--" BND " \t \r\n"
	    "content-disposition: form-data; name=a\r\n\r\nA\r\n--" BND "--";

	ck_assert_int_eq(post(&r, MP_CT, body, 0, 0), 0);
	ck_assert_str_eq(http_form(&r, "a"), "A");
}
END_TEST

START_TEST(test_multipart_garbage_after_delimiter)
{
	struct http_request r;
	static const char body[] = "--" BND "X\r\n"
	    "Content-Disposition: form-data; name=\"a\"\r\n\r\nA\r\n--" BND "--";

	static const char two[] = "--" BND "xx"
	    "Content-Disposition: form-data; name=\"a\"\r\n\r\nA\r\n--" BND "--";

	ck_assert_int_eq(post(&r, MP_CT, body, 0, 0), 400);
	ck_assert_int_eq(post(&r, MP_CT, two, 0, 0), 400);
}
END_TEST

START_TEST(test_multipart_bare_lf)
{
	struct http_request r;
	static const char body[] = "--" BND "\n"
	    "Content-Disposition: form-data; name=\"a\"\n\nA\n--" BND "--\n";

	ck_assert_int_eq(post(&r, MP_CT, body, 0, 0), 400);
}
END_TEST

START_TEST(test_multipart_no_content_disposition)
{
	struct http_request r;
	static const char body[] = "--" BND "\r\n"
	    "Content-Type: text/plain\r\n\r\nA\r\n--" BND "--\r\n";

	ck_assert_int_eq(post(&r, MP_CT, body, 0, 0), 400);
}
END_TEST

START_TEST(test_multipart_no_headers)
{
	struct http_request r;
	static const char body[] = "--" BND "\r\n\r\nA\r\n--" BND "--\r\n";

	ck_assert_int_eq(post(&r, MP_CT, body, 0, 0), 400);
	ck_assert_int_eq(post(&r, MP_CT, body, 0, 1), 400);
}
END_TEST

START_TEST(test_multipart_no_name)
{
	struct http_request r;
	static const char nameless[] = "--" BND "\r\n"
	    "Content-Disposition: form-data; filename=\"a.txt\"\r\n\r\nA\r\n--" BND "--\r\n";
	static const char empty[] = "--" BND "\r\n"
	    "Content-Disposition: form-data; name=\"\"\r\n\r\nA\r\n--" BND "--\r\n";
	static const char bare[] = "--" BND "\r\n"
	    "Content-Disposition: form-data\r\n\r\nA\r\n--" BND "--\r\n";

	ck_assert_int_eq(post(&r, MP_CT, nameless, 0, 0), 400);
	ck_assert_int_eq(post(&r, MP_CT, empty, 0, 0), 400);
	ck_assert_int_eq(post(&r, MP_CT, bare, 0, 0), 400);
}
END_TEST

START_TEST(test_multipart_not_form_data)
{
	struct http_request r;
	static const char body[] = "--" BND "\r\n"
	    "Content-Disposition: attachment; name=\"a\"\r\n\r\nA\r\n--" BND "--\r\n";

	ck_assert_int_eq(post(&r, MP_CT, body, 0, 0), 400);
}
END_TEST

START_TEST(test_multipart_duplicate_disposition)
{
	struct http_request r;
	static const char twice[] = "--" BND "\r\n"
	    "Content-Disposition: form-data; name=\"a\"\r\n"
	    "Content-Disposition: form-data; name=\"b\"\r\n\r\nA\r\n--" BND "--\r\n";
	static const char name_twice[] = "--" BND "\r\n"
	    "Content-Disposition: form-data; name=\"a\"; name=\"b\"\r\n\r\nA\r\n--" BND "--\r\n";

	ck_assert_int_eq(post(&r, MP_CT, twice, 0, 0), 400);
	ck_assert_int_eq(post(&r, MP_CT, name_twice, 0, 0), 400);
}
END_TEST

START_TEST(test_multipart_unterminated_quote)
{
	struct http_request r;
	static const char body[] = "--" BND "\r\n"
	    "Content-Disposition: form-data; name=\"a\r\n\r\nA\r\n--" BND "--\r\n";

	ck_assert_int_eq(post(&r, MP_CT, body, 0, 0), 400);
}
END_TEST

START_TEST(test_multipart_header_folding)
{
	struct http_request r;
	static const char body[] = "--" BND "\r\n"
	    "Content-Disposition: form-data; name=\"a\"\r\n"
	    " X-Folded: continued\r\n\r\nA\r\n--" BND "--\r\n";

	ck_assert_int_eq(post(&r, MP_CT, body, 0, 0), 400);
}
END_TEST

START_TEST(test_multipart_escaped_quote_in_name)
{
	struct http_request r;
	static const char body[] = "--" BND "\r\n"
	    "Content-Disposition: form-data; name=\"a\\\"b\"; filename=\"x\\\\y.txt\"\r\n"
	    "\r\nA\r\n--" BND "--\r\n";

	ck_assert_int_eq(post(&r, MP_CT, body, 0, 0), 0);
	/* x\y.txt: the backslash is a path separator, so the base name is y.txt. */
	assert_file(http_upload(&r, "a\"b"), "a\"b", "y.txt", "A", 1);
}
END_TEST

START_TEST(test_multipart_nested)
{
	struct http_request r;
	static const char body[] = "--" BND "\r\n"
	    "Content-Disposition: form-data; name=\"files\"\r\n"
	    "Content-Type: multipart/mixed; boundary=inner\r\n\r\n"
	    "--inner\r\nContent-Disposition: file; filename=\"a.txt\"\r\n\r\nA\r\n"
	    "--inner--\r\n--" BND "--\r\n";

	ck_assert_int_eq(post(&r, MP_CT, body, 0, 0), 400);
}
END_TEST

START_TEST(test_multipart_field_invalid_utf8)
{
	struct http_request r;
	struct sb b = { 0 }, c = { 0 }, d = { 0 };

	mp_field(&b, BND, "a", "\xc0\xaf");
	mp_end(&b, BND);
	ck_assert_int_eq(post(&r, MP_CT, b.p, b.n, 0), 400);
	sb_s(&c, "--" BND "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx");
	sb_add(&c, "\0", 1);
	sb_s(&c, "y\r\n--" BND "--\r\n");
	ck_assert_int_eq(post(&r, MP_CT, c.p, c.n, 0), 400);
	/* A file name must be valid UTF-8 too. */
	mp_file(&d, BND, "f", "\xed\xa0\x80.txt", NULL, "A", 1);
	mp_end(&d, BND);
	ck_assert_int_eq(post(&r, MP_CT, d.p, d.n, 0), 400);
}
END_TEST

START_TEST(test_multipart_truncated_no_close)
{
	struct http_request r;
	struct sb b = { 0 }, c = { 0 };

	/* Content-Length matches the data, but the closing delimiter is missing. */
	mp_field(&b, BND, "a", "1");
	mp_field(&b, BND, "b", "2");
	ck_assert_int_eq(post(&r, MP_CT, b.p, b.n, 0), 400);
	ck_assert_int_eq(post(&r, MP_CT, b.p, b.n, 1), 400);
	/* Cut in the middle of a value, of the headers, of the final delimiter. */
	mp_field(&c, BND, "a", "1");
	mp_end(&c, BND);
	for (size_t cut = 1; cut < c.n - 4; cut++)
		ck_assert_msg(post(&r, MP_CT, c.p, cut, 0) == 400, "cut %zu", cut);
}
END_TEST

START_TEST(test_multipart_content_length_longer)
{
	struct http_request r;
	struct sb b = { 0 };
	struct req q = { .method = "POST", .uri = "/", .ctype = MP_CT };
	char cl[32];

	mp_field(&b, BND, "a", "1");
	mp_file(&b, BND, "f", "f.txt", NULL, "data", 4);
	mp_end(&b, BND);
	q.body = b.p;
	q.blen = b.n;
	q.clen = cl;
	/* Data stops inside a part. */
	q.blen = b.n / 2;
	snprintf(cl, sizeof(cl), "%zu", b.n);
	ck_assert_int_eq(parse(&r, &q), 400);
	q.chunk = 1;
	ck_assert_int_eq(parse(&r, &q), 400);
	/* All parts arrived, but the client promised more than it sent. */
	q.blen = b.n;
	q.chunk = 0;
	snprintf(cl, sizeof(cl), "%zu", b.n + 10);
	ck_assert_int_eq(parse(&r, &q), 400);
	q.chunk = 7;
	ck_assert_int_eq(parse(&r, &q), 400);
	/* As promised: fine. */
	snprintf(cl, sizeof(cl), "%zu", b.n);
	ck_assert_int_eq(parse(&r, &q), 0);
}
END_TEST

START_TEST(test_multipart_content_length_shorter)
{
	struct http_request r;
	struct sb b = { 0 };
	struct req q = { .method = "POST", .uri = "/", .ctype = MP_CT };
	char cl[32];

	/* Only Content-Length bytes are read: the closing delimiter lies beyond. */
	mp_field(&b, BND, "a", "1");
	mp_end(&b, BND);
	q.body = b.p;
	q.blen = b.n;
	q.clen = cl;
	snprintf(cl, sizeof(cl), "%zu", b.n - 9);
	ck_assert_int_eq(parse(&r, &q), 400);
}
END_TEST

START_TEST(test_multipart_read_error)
{
	struct http_request r;
	struct sb b = { 0 };
	struct req q = { .method = "POST", .uri = "/", .ctype = MP_CT,
	    .read_error = 1 };
	char cl[32];

	mp_field(&b, BND, "a", "1");
	mp_end(&b, BND);
	q.body = b.p;
	q.blen = b.n - 6;
	snprintf(cl, sizeof(cl), "%zu", b.n);
	q.clen = cl;
	ck_assert_int_eq(parse(&r, &q), 400);
}
END_TEST

START_TEST(test_multipart_empty_part_before_boundary)
{
	struct http_request r;
	static const char body[] = "--" BND "\r\n"
	    "Content-Disposition: form-data; name=\"a\"\r\n\r\n"
	    "\r\n--" BND "\r\n"
	    "Content-Disposition: form-data; name=\"b\"\r\n\r\n"
	    "\r\n--" BND "--";

	for (size_t chunk = 0; chunk <= 7; chunk++) {
		ck_assert_int_eq(post(&r, MP_CT, body, 0, chunk), 0);
		ck_assert_uint_eq(r.nform, 2);
		ck_assert_str_eq(r.form[0].name, "a");
		ck_assert_str_eq(r.form[0].value, "");
		ck_assert_uint_eq(r.form[0].len, 0);
		ck_assert_str_eq(r.form[1].value, "");
	}
}
END_TEST

START_TEST(test_multipart_empty_body)
{
	struct http_request r;
	static const char only_close[] = "--" BND "--\r\n";

	/* A form with no fields at all. */
	ck_assert_int_eq(post(&r, MP_CT, only_close, 0, 0), 0);
	ck_assert_uint_eq(r.nform, 0);
	ck_assert_uint_eq(r.nfiles, 0);
	/* Content-Length 0: there is no body to parse. */
	ck_assert_int_eq(post(&r, MP_CT, "", 0, 0), 0);
	ck_assert_uint_eq(r.nform, 0);
}
END_TEST

START_TEST(test_multipart_boundary_never_appears)
{
	struct http_request r;
	size_t n = 512 * 1024;
	char *body = arena_alloc(A, n);
	size_t before;

	memset(body, 'a', n);
	for (size_t i = 0; i + 4 < n; i += 1000)
		memcpy(body + i, "\r\n--", 4);
	before = arena_used(A);
	ck_assert_int_eq(post(&r, MP_CT, body, n, 0), 400);
	/* Streamed, not buffered whole. */
	ck_assert_uint_lt(arena_used(A) - before, 128 * 1024);
}
END_TEST

START_TEST(test_multipart_field_small_reads_memory)
{
	struct http_request r;
	struct sb b = { 0 };
	size_t n = 8000, before;
	char *v = arena_alloc(A, n + 1);

	memset(v, 'v', n);
	mp_field(&b, BND, "a", v);
	mp_end(&b, BND);
	before = arena_used(A);
	ck_assert_int_eq(post(&r, MP_CT, b.p, b.n, 1), 0);
	ck_assert_uint_eq(r.form[0].len, n);
	ck_assert_str_eq(r.form[0].value, v);
	/* Memory grows with the value, not with the number of reads. */
	ck_assert_uint_lt(arena_used(A) - before, 64 * 1024 + 8 * n);
}
END_TEST

START_TEST(test_multipart_chunked_identical)
{
	struct http_request r0, r1, r7, r13;
	struct sb b = { 0 };
	char data[1024];
	size_t n = tricky_content(data);

	sb_s(&b, "preamble\r\n");
	mp_field(&b, BND, "title", "学时");
	mp_field(&b, BND, "empty", "");
	mp_file(&b, BND, "f1", "C:\\x\\one.bin", "application/octet-stream", data, n);
	mp_file(&b, BND, "f0", "", NULL, "", 0);
	mp_file(&b, BND, "f2", "two.txt", "text/plain", "2\r\n", 3);
	mp_field(&b, BND, "crlf", "\r\n\r\n");
	mp_end(&b, BND);
	sb_s(&b, "epilogue");
	ck_assert_int_eq(post(&r0, MP_CT, b.p, b.n, 0), 0);
	ck_assert_int_eq(post(&r1, MP_CT, b.p, b.n, 1), 0);
	ck_assert_int_eq(post(&r7, MP_CT, b.p, b.n, 7), 0);
	ck_assert_int_eq(post(&r13, MP_CT, b.p, b.n, 13), 0);
	ck_assert_uint_eq(r0.nform, 3);
	ck_assert_str_eq(http_form(&r0, "crlf"), "\r\n\r\n");
	ck_assert_uint_eq(r0.nfiles, 2);
	assert_file(&r0.files[0], "f1", "one.bin", data, n);
	assert_file(&r0.files[1], "f2", "two.txt", "2\r\n", 3);
	assert_same(&r0, &r1);
	assert_same(&r0, &r7);
	assert_same(&r0, &r13);
}
END_TEST

START_TEST(test_upload_tmpfiles_removed_on_free)
{
	struct http_request r;
	arena *a = arena_new();
	struct sb b = { 0 };
	struct req q = { .method = "POST", .uri = "/", .ctype = MP_CT };
	char path[PATH_MAX];

	mp_file(&b, BND, "f", "a.txt", NULL, "hello", 5);
	mp_end(&b, BND);
	q.body = b.p;
	q.blen = b.n;
	ck_assert_ptr_nonnull(a);
	ck_assert_int_eq(parse_in(&r, a, &q), 0);
	ck_assert_uint_eq(r.nfiles, 1);
	snprintf(path, sizeof(path), "%s", r.files[0].path);
	ck_assert_int_eq(access(path, R_OK), 0);
	ck_assert_uint_eq(tmpdir_count(), 1);
	arena_free(a);
	ck_assert_int_ne(access(path, F_OK), 0);
	ck_assert_uint_eq(tmpdir_count(), 0);
}
END_TEST

START_TEST(test_upload_tmpfiles_removed_after_error)
{
	struct http_request r;
	arena *a = arena_new();
	struct sb b = { 0 };
	struct req q = { .method = "POST", .uri = "/", .ctype = MP_CT };

	/* The second file is one too many: the first one must go too. */
	lim.max_files = 1;
	mp_file(&b, BND, "f", "a.txt", NULL, "abc", 3);
	mp_file(&b, BND, "g", "b.txt", NULL, "hello", 5);
	mp_end(&b, BND);
	q.body = b.p;
	q.blen = b.n;
	ck_assert_ptr_nonnull(a);
	ck_assert_int_eq(parse_in(&r, a, &q), 413);
	arena_free(a);
	ck_assert_uint_eq(tmpdir_count(), 0);
}
END_TEST

/* -------------------------------------------------------- the envelope */

START_TEST(test_request_missing_method)
{
	struct http_request r;
	struct req q = { .uri = "/" };

	ck_assert_int_eq(parse(&r, &q), 400);
	ck_assert_str_eq(r.path, "/");
	q.method = "";
	ck_assert_int_eq(parse(&r, &q), 400);
	q.method = "GET\r\nX";
	ck_assert_int_eq(parse(&r, &q), 400);
	q.method = "AVERYLONGMETHODNAME";
	ck_assert_int_eq(parse(&r, &q), 400);
}
END_TEST

START_TEST(test_request_methods)
{
	struct http_request r;
	struct req q = { .method = "HEAD", .uri = "/" };

	ck_assert_int_eq(parse(&r, &q), 0);
	ck_assert_int_eq(r.method, HTTP_HEAD);
	q.method = "POST";
	ck_assert_int_eq(parse(&r, &q), 0);
	ck_assert_int_eq(r.method, HTTP_POST);
	q.method = "DELETE";
	ck_assert_int_eq(parse(&r, &q), 0);
	ck_assert_int_eq(r.method, HTTP_OTHER);
	ck_assert_str_eq(r.method_name, "DELETE");
	q.method = "get";
	ck_assert_int_eq(parse(&r, &q), 0);
	ck_assert_int_eq(r.method, HTTP_OTHER);
}
END_TEST

START_TEST(test_request_headers_copied)
{
	struct http_request r;
	struct req q = { .method = "GET", .uri = "/",
	    .extra = { "HTTP_HOST", "xs.example", "HTTPS", "on",
	    "REMOTE_ADDR", "192.0.2.1", "HTTP_ORIGIN", "https://xs.example",
	    "HTTP_ACCEPT", "text/html" } };

	ck_assert_int_eq(parse(&r, &q), 0);
	ck_assert_str_eq(r.host, "xs.example");
	ck_assert_int_eq(r.https, 1);
	ck_assert_str_eq(r.remote_addr, "192.0.2.1");
	ck_assert_str_eq(r.origin, "https://xs.example");
	ck_assert_str_eq(r.accept, "text/html");
	ck_assert_ptr_null(r.referer);
	ck_assert_ptr_null(r.content_type);
	q.extra[3] = "off";
	ck_assert_int_eq(parse(&r, &q), 0);
	ck_assert_int_eq(r.https, 0);
}
END_TEST

START_TEST(test_request_header_control_char)
{
	struct http_request r;
	struct req q = { .method = "GET", .uri = "/",
	    .extra = { "HTTP_REFERER", "http://a/\r\nX: y" } };

	ck_assert_int_eq(parse(&r, &q), 400);
}
END_TEST

START_TEST(test_request_path_decoded)
{
	struct http_request r;
	struct req q = { .method = "GET", .uri = "/a%20b/%E5%AD%A6+c?x=1#frag" };

	ck_assert_int_eq(parse(&r, &q), 0);
	ck_assert_str_eq(r.path, "/a b/学+c");
	/* PATH_INFO wins when present. */
	q.extra[0] = "PATH_INFO";
	q.extra[1] = "/from/path_info";
	ck_assert_int_eq(parse(&r, &q), 0);
	ck_assert_str_eq(r.path, "/from/path_info");
	/* Neither: "/". */
	q.uri = NULL;
	q.extra[0] = NULL;
	ck_assert_int_eq(parse(&r, &q), 0);
	ck_assert_str_eq(r.path, "/");
}
END_TEST

START_TEST(test_request_path_bad)
{
	static const char *bad[] = {
		"/a%zz", "/a%", "/a%0Ab", "/a%00", "/%C0%AF", "relative",
	};
	struct http_request r;
	struct req q = { .method = "GET" };

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		q.uri = bad[i];
		ck_assert_msg(parse(&r, &q) == 400, "%s", bad[i]);
		ck_assert_str_eq(r.path, "/");
	}
	q.uri = "/";
	q.extra[0] = "PATH_INFO";
	q.extra[1] = "no-slash";
	ck_assert_int_eq(parse(&r, &q), 400);
}
END_TEST

START_TEST(test_content_length_non_numeric)
{
	static const char *bad[] = { "abc", "12a", " 5", "5 ", "+5", "0x10", "1.5" };
	struct http_request r;
	struct req q = { .method = "POST", .uri = "/", .ctype = FORM_CT, .body = "a=1" };

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		q.clen = bad[i];
		ck_assert_msg(parse(&r, &q) == 400, "%s", bad[i]);
	}
	q.clen = "3";
	ck_assert_int_eq(parse(&r, &q), 0);
}
END_TEST

START_TEST(test_content_length_negative)
{
	struct http_request r;
	struct req q = { .method = "POST", .uri = "/", .ctype = FORM_CT,
	    .body = "a=1", .clen = "-1" };

	ck_assert_int_eq(parse(&r, &q), 400);
	q.clen = "-3";
	ck_assert_int_eq(parse(&r, &q), 400);
}
END_TEST

START_TEST(test_content_length_huge)
{
	struct http_request r;
	struct req q = { .method = "POST", .uri = "/", .ctype = FORM_CT,
	    .body = "a=1", .clen = "99999999999999999999999999999" };

	ck_assert_int_eq(parse(&r, &q), 413);
	q.clen = "18446744073709551616"; /* 2^64 */
	ck_assert_int_eq(parse(&r, &q), 413);
	q.clen = "1000000000000";
	ck_assert_int_eq(parse(&r, &q), 413);
	q.ctype = MP_CT;
	ck_assert_int_eq(parse(&r, &q), 413);
}
END_TEST

START_TEST(test_content_length_zero)
{
	struct http_request r;
	struct req q = { .method = "GET", .uri = "/", .clen = "0" };

	ck_assert_int_eq(parse(&r, &q), 0);
	q.clen = "";
	ck_assert_int_eq(parse(&r, &q), 0);
	q.clen = "000";
	ck_assert_int_eq(parse(&r, &q), 0);
}
END_TEST

START_TEST(test_body_on_get)
{
	struct http_request r;
	struct req q = { .method = "GET", .uri = "/", .ctype = FORM_CT, .body = "a=1" };

	ck_assert_int_eq(parse(&r, &q), 400);
	q.method = "HEAD";
	ck_assert_int_eq(parse(&r, &q), 400);
	q.method = "POST";
	ck_assert_int_eq(parse(&r, &q), 0);
}
END_TEST

START_TEST(test_unknown_content_type)
{
	static const char *ct[] = {
		"text/plain", "application/json", "application/x-www-form-urlencodedX",
		"multipart/mixed; boundary=" BND, "multipart/form-dataX; boundary=" BND,
	};
	struct http_request r;
	struct req q = { .method = "POST", .uri = "/", .body = "a=1" };

	for (size_t i = 0; i < sizeof(ct) / sizeof(ct[0]); i++) {
		q.ctype = ct[i];
		ck_assert_msg(parse(&r, &q) == 415, "%s", ct[i]);
	}
	q.ctype = NULL;
	ck_assert_int_eq(parse(&r, &q), 415);
	q.ctype = "APPLICATION/X-WWW-FORM-URLENCODED ; charset=utf-8";
	ck_assert_int_eq(parse(&r, &q), 0);
	ck_assert_str_eq(http_form(&r, "a"), "1");
}
END_TEST

/* ------------------------------------------------------------ response */

START_TEST(test_header_add_ok)
{
	struct http_response resp;

	http_response_init(&resp, A);
	ck_assert_int_eq(resp.status, 200);
	ck_assert_int_eq(http_header_add(&resp, "X-Frame-Options", "DENY"), 0);
	ck_assert_int_eq(http_header_add(&resp, "Cache-Control", "no-store,\tprivate"), 0);
	ck_assert_int_eq(http_header_add(&resp, "X-Empty", ""), 0);
	ck_assert_uint_eq(resp.nheaders, 3);
	ck_assert_str_eq(resp.headers[0].name, "X-Frame-Options");
	ck_assert_str_eq(resp.headers[1].value, "no-store,\tprivate");
	/* Many headers: the array grows. */
	for (int i = 0; i < 40; i++)
		ck_assert_int_eq(http_header_add(&resp, "X-N", "v"), 0);
	ck_assert_uint_eq(resp.nheaders, 43);
	ck_assert_str_eq(resp.headers[0].value, "DENY");
}
END_TEST

START_TEST(test_header_add_crlf)
{
	struct http_response resp;

	http_response_init(&resp, A);
	ck_assert_int_eq(http_header_add(&resp, "X-A", "a\r\nSet-Cookie: x=1"), -1);
	ck_assert_int_eq(http_header_add(&resp, "X-A", "a\nb"), -1);
	ck_assert_int_eq(http_header_add(&resp, "X-A", "a\rb"), -1);
	ck_assert_int_eq(http_header_add(&resp, "X-A", "a\x01" "b"), -1);
	ck_assert_int_eq(http_header_add(&resp, "X-A", "a\x7f"), -1);
	ck_assert_int_eq(http_header_add(&resp, "X-A", NULL), -1);
	ck_assert_uint_eq(resp.nheaders, 0);
}
END_TEST

START_TEST(test_header_add_crlf_after_decode)
{
	struct http_response resp;
	size_t n;
	/* A user value checked before decoding would look harmless. */
	const char *v = http_percent_decode(A, "x%0D%0ASet-Cookie:%20sid=evil",
	    strlen("x%0D%0ASet-Cookie:%20sid=evil"), 1, &n);

	ck_assert_ptr_nonnull(v);
	ck_assert_str_eq(v, "x\r\nSet-Cookie: sid=evil");
	http_response_init(&resp, A);
	ck_assert_int_eq(http_header_add(&resp, "X-Name", v), -1);
	ck_assert_int_eq(http_redirect(&resp, arena_printf(A, "/p?%s", v)), -1);
	ck_assert_uint_eq(resp.nheaders, 0);
	ck_assert_int_eq(resp.status, 200);
}
END_TEST

START_TEST(test_header_add_bad_name)
{
	static const char *bad[] = {
		"", "Bad Name", "X:Y", "X-A\r\n", "X\tA", "(x)", "a/b", "\xe5\xad\xa6",
		"X\x7f",
	};
	struct http_response resp;

	http_response_init(&resp, A);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(http_header_add(&resp, bad[i], "v") == -1, "%s", bad[i]);
	ck_assert_int_eq(http_header_add(&resp, NULL, "v"), -1);
	ck_assert_uint_eq(resp.nheaders, 0);
	ck_assert_int_eq(http_header_add(&resp, "X-Ok_1.2~!#$%&'*+^`|", "v"), 0);
}
END_TEST

START_TEST(test_redirect_protocol_relative)
{
	static const char *bad[] = {
		"//evil.example", "//evil.example/x", "/\\evil.example", "", "evil.example",
		"javascript:alert(1)", "ftp://x", "\\\\evil", "http:evil.example",
	};
	struct http_response resp;

	http_response_init(&resp, A);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(http_redirect(&resp, bad[i]) == -1, "%s", bad[i]);
	ck_assert_int_eq(http_redirect(&resp, NULL), -1);
	ck_assert_int_eq(resp.status, 200);
	ck_assert_uint_eq(resp.nheaders, 0);
}
END_TEST

START_TEST(test_redirect_ok)
{
	struct http_response resp;

	http_response_init(&resp, A);
	ck_assert_int_eq(http_redirect(&resp, "/x"), 0);
	ck_assert_int_eq(resp.status, 303);
	ck_assert_uint_eq(resp.nheaders, 1);
	ck_assert_str_eq(resp.headers[0].name, "Location");
	ck_assert_str_eq(resp.headers[0].value, "/x");
	http_response_init(&resp, A);
	ck_assert_int_eq(http_redirect(&resp, "/"), 0);
	ck_assert_int_eq(http_redirect(&resp, "https://xs.example/a?b=c"), 0);
	ck_assert_int_eq(http_redirect(&resp, "http://xs.example/"), 0);
	ck_assert_uint_eq(resp.nheaders, 3);
}
END_TEST

struct out {
	char buf[4096];
	size_t n;
	int fail_after; /* fail the call number fail_after (1-based), 0: never */
	int calls;
};

static int
out_write(void *ctx, const char *buf, size_t len)
{
	struct out *o = ctx;

	o->calls++;
	if (o->fail_after && o->calls >= o->fail_after)
		return -1;
	ck_assert_uint_le(o->n + len, sizeof(o->buf) - 1);
	memcpy(o->buf + o->n, buf, len);
	o->n += len;
	o->buf[o->n] = '\0';
	return 0;
}

START_TEST(test_write_format)
{
	static const char body[] = "<p>学时</p>";
	struct http_response resp;
	struct out o = { .n = 0 };

	http_response_init(&resp, A);
	resp.status = 404;
	ck_assert_int_eq(http_header_add(&resp, "X-A", "1"), 0);
	ck_assert_int_eq(http_header_add(&resp, "Set-Cookie", "s=2; HttpOnly"), 0);
	http_body(&resp, "text/html; charset=utf-8", body, strlen(body));
	ck_assert_int_eq(http_write(&resp, 0, out_write, &o), 0);
	ck_assert_str_eq(o.buf,
	    "Status: 404 Not Found\r\n"
	    "Content-Type: text/html; charset=utf-8\r\n"
	    "Content-Length: 13\r\n"
	    "X-A: 1\r\n"
	    "Set-Cookie: s=2; HttpOnly\r\n"
	    "\r\n"
	    "<p>学时</p>");
	ck_assert_uint_eq(o.n, strlen(o.buf));
}
END_TEST

START_TEST(test_write_head_omits_body)
{
	struct http_response resp;
	struct out o = { .n = 0 };

	http_response_init(&resp, A);
	http_body(&resp, "text/plain", "hello", 5);
	ck_assert_int_eq(http_write(&resp, 1, out_write, &o), 0);
	ck_assert_str_eq(o.buf,
	    "Status: 200 OK\r\n"
	    "Content-Type: text/plain\r\n"
	    "Content-Length: 5\r\n"
	    "\r\n");
}
END_TEST

START_TEST(test_write_redirect_no_body)
{
	struct http_response resp;
	struct out o = { .n = 0 };

	http_response_init(&resp, A);
	ck_assert_int_eq(http_redirect(&resp, "/done"), 0);
	ck_assert_int_eq(http_write(&resp, 0, out_write, &o), 0);
	ck_assert_str_eq(o.buf,
	    "Status: 303 See Other\r\n"
	    "Content-Length: 0\r\n"
	    "Location: /done\r\n"
	    "\r\n");
}
END_TEST

START_TEST(test_write_error)
{
	struct http_response resp;

	http_response_init(&resp, A);
	ck_assert_int_eq(http_header_add(&resp, "X-A", "1"), 0);
	http_body(&resp, "text/plain", "hello", 5);
	for (int k = 1; k <= 11; k++) {
		struct out o = { .fail_after = k };
		ck_assert_msg(http_write(&resp, 0, out_write, &o) == -1, "call %d", k);
		ck_assert_int_eq(o.calls, k);
	}
}
END_TEST

START_TEST(test_reason)
{
	ck_assert_str_eq(http_reason(200), "OK");
	ck_assert_str_eq(http_reason(303), "See Other");
	ck_assert_str_eq(http_reason(400), "Bad Request");
	ck_assert_str_eq(http_reason(413), "Payload Too Large");
	ck_assert_str_eq(http_reason(415), "Unsupported Media Type");
	ck_assert_str_eq(http_reason(599), "Unknown");
}
END_TEST

/* ---------------------------------------------------------------- fuzz */

static uint32_t rng_state;

static uint32_t
rng(void)
{
	uint32_t x = rng_state;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return rng_state = x;
}

static int
status_ok(int rc)
{
	return rc == 0 || rc == 400 || rc == 413 || rc == 415;
}

/* What a successful parse promises about its results. */
static void
check_result(const struct http_request *r)
{
	for (size_t i = 0; i < r->nquery; i++) {
		ck_assert_uint_eq(strlen(r->query[i].value), r->query[i].len);
		ck_assert(utf8_valid_text(r->query[i].value, r->query[i].len));
		ck_assert_uint_le(strlen(r->query[i].name), lim.max_name_len);
		ck_assert_uint_le(r->query[i].len, lim.max_field_len);
	}
	for (size_t i = 0; i < r->nform; i++) {
		ck_assert_uint_eq(strlen(r->form[i].value), r->form[i].len);
		ck_assert(utf8_valid_text(r->form[i].value, r->form[i].len));
		ck_assert_uint_gt(strlen(r->form[i].name), 0);
		ck_assert_uint_le(strlen(r->form[i].name), lim.max_name_len);
		ck_assert_uint_le(r->form[i].len, lim.max_field_len);
	}
	ck_assert_uint_le(r->nquery + r->nform, lim.max_fields);
	ck_assert_uint_le(r->nfiles, lim.max_files);
	for (size_t i = 0; i < r->nfiles; i++) {
		struct stat st;
		ck_assert_int_eq(stat(r->files[i].path, &st), 0);
		ck_assert_uint_eq((size_t)st.st_size, r->files[i].size);
		ck_assert_uint_le(r->files[i].size, lim.max_upload);
		ck_assert(utf8_valid_line(r->files[i].filename, strlen(r->files[i].filename)));
		ck_assert_ptr_null(strchr(r->files[i].filename, '/'));
		ck_assert_ptr_null(strchr(r->files[i].filename, '\\'));
	}
}

static void
fuzz_limits(void)
{
	http_limits_default(&lim);
	lim.max_body = 4096;
	lim.max_form_body = 512;
	lim.max_fields = 6;
	lim.max_name_len = 16;
	lim.max_field_len = 64;
	lim.max_files = 2;
	lim.max_upload = 300;
	lim.max_part_header = 160;
	lim.max_uri = 256;
}

START_TEST(test_fuzz_multipart_mutations)
{
	static const char *tokens[] = {
		"\r\n", "\r", "\n", "--", "--" BND, "\r\n--" BND, "\r\n--" BND "--",
		"\r\n\r\n", "\"", ";", "=", "\\", " ", "name=\"q\"", "filename=\"\"",
		"filename=\"C:\\x\\y\"", "Content-Type: multipart/mixed\r\n",
		"Content-Disposition: form-data; name=\"z\"\r\n", "\xff", "\xe5\xad",
		"%00", "\x00",
	};
	static const char *ctypes[] = {
		MP_CT, MP_CT, MP_CT, MP_CT, "multipart/form-data; boundary=\"" BND "\"",
		"multipart/form-data; boundary=" BND "x", "multipart/form-data",
		FORM_CT, "text/plain",
	};
	struct sb base = { 0 };
	char bin[300];
	size_t cap;
	char *buf;

	fuzz_limits();
	for (size_t i = 0; i < sizeof(bin); i++)
		bin[i] = (char)(i * 37 + 11);
	sb_s(&base, "pre\r\n");
	mp_field(&base, BND, "a", "value one");
	mp_field(&base, BND, "学", "学时");
	mp_file(&base, BND, "f", "C:\\d\\x.bin", "application/octet-stream", bin, 120);
	mp_file(&base, BND, "e", "", NULL, "", 0);
	mp_file(&base, BND, "g", "g.txt", "text/plain", "\r\n--" "XyZ", 8);
	mp_field(&base, BND, "b", "");
	mp_end(&base, BND);
	sb_s(&base, "epi");
	cap = base.n + 2048;
	buf = malloc(cap);
	ck_assert_ptr_nonnull(buf);
	rng_state = 0x2545F491u;
	for (int it = 0; it < 20000; it++) {
		struct http_request r;
		struct req q = { .method = "POST", .uri = "/up" };
		size_t n = base.n, nmut = 1 + rng() % 4;
		char cl[32];
		arena *a;
		int rc;

		memcpy(buf, base.p, n);
		for (size_t k = 0; k < nmut; k++) {
			size_t at = n ? rng() % n : 0, len;
			const char *t;
			switch (rng() % 7) {
			case 0: /* flip a bit */
				if (n)
					buf[at] ^= (char)(1u << (rng() % 8));
				break;
			case 1: /* a random byte */
				if (n)
					buf[at] = (char)rng();
				break;
			case 2: /* insert a token */
				t = tokens[rng() % (sizeof(tokens) / sizeof(tokens[0]))];
				len = *t ? strlen(t) : 1;
				if (n + len <= cap) {
					memmove(buf + at + len, buf + at, n - at);
					memcpy(buf + at, t, len);
					n += len;
				}
				break;
			case 3: /* delete a range */
				len = 1 + rng() % 16;
				if (at + len > n)
					len = n - at;
				memmove(buf + at, buf + at + len, n - at - len);
				n -= len;
				break;
			case 4: /* truncate */
				n = at;
				break;
			case 5: /* duplicate a range */
				len = 1 + rng() % 64;
				if (at + len > n)
					len = n - at;
				if (n + len <= cap) {
					memmove(buf + at + len, buf + at, n - at);
					n += len;
				}
				break;
			default: /* grow a file past its bound */
				len = 1 + rng() % 400;
				if (n + len <= cap) {
					memmove(buf + at + len, buf + at, n - at);
					memset(buf + at, 'A' + (int)(rng() % 26), len);
					n += len;
				}
				break;
			}
		}
		switch (rng() % 8) {
		case 0:
			snprintf(cl, sizeof(cl), "%zu", n + 1 + rng() % 8);
			break;
		case 1:
			snprintf(cl, sizeof(cl), "%zu", n > 8 ? n - 1 - rng() % 8 : 0);
			break;
		case 2:
			snprintf(cl, sizeof(cl), "%s", (rng() & 1) ? "-1" : "12x");
			break;
		default:
			snprintf(cl, sizeof(cl), "%zu", n);
		}
		q.ctype = ctypes[rng() % (sizeof(ctypes) / sizeof(ctypes[0]))];
		q.body = buf;
		q.blen = n ? n : 1; /* blen 0 means strlen */
		if (n == 0)
			buf[0] = '\0';
		q.clen = cl;
		q.chunk = (rng() % 3 == 0) ? 1 + rng() % 9 : 0;
		q.qs = (rng() % 4 == 0) ? "q=1&r=%E5%AD%A6" : NULL;
		a = arena_new();
		ck_assert_ptr_nonnull(a);
		rc = parse_in(&r, a, &q);
		ck_assert_msg(status_ok(rc), "iteration %d: %d", it, rc);
		if (rc == 0)
			check_result(&r);
		arena_free(a);
	}
	free(buf);
	ck_assert_uint_eq(tmpdir_count(), 0);
}
END_TEST

START_TEST(test_fuzz_urlencoded_random)
{
	static const char *tokens[] = {
		"a", "b", "Z", "=", "=", "&", "&", "+", "%", "0", "4", "F", "f", "z",
		"%41", "%E5", "%AD", "%A6", "%00", "%C0", "%80", "%ED", "%A0", "%F4",
		"%90", "%0D%0A", "\xe5\xad\xa6", "\xff", "\r", " ", "%2", "%%",
	};
	const size_t ntok = sizeof(tokens) / sizeof(tokens[0]);
	char s[512];

	fuzz_limits();
	rng_state = 0x9E3779B9u;
	for (int it = 0; it < 20000; it++) {
		struct http_param *p = NULL;
		size_t np = 0, total = 0, n = 0, count = rng() % 48;
		struct http_request r;
		struct req q = { .method = "POST", .uri = "/", .ctype = FORM_CT };
		char qs[128];
		arena *a = arena_new();
		int rc;

		ck_assert_ptr_nonnull(a);
		for (size_t k = 0; k < count; k++) {
			const char *t = tokens[rng() % ntok];
			memcpy(s + n, t, strlen(t));
			n += strlen(t);
		}
		s[n] = '\0';
		rc = http_parse_urlencoded(a, s, n, &lim, &total, &p, &np);
		ck_assert_msg(rc == 0 || rc == 400 || rc == 413, "iteration %d: %d", it, rc);
		if (rc == 0) {
			ck_assert_uint_le(np, lim.max_fields);
			for (size_t i = 0; i < np; i++) {
				ck_assert_uint_eq(strlen(p[i].value), p[i].len);
				ck_assert(utf8_valid_text(p[i].value, p[i].len));
				ck_assert(utf8_valid_text(p[i].name, strlen(p[i].name)));
				ck_assert_uint_gt(strlen(p[i].name), 0);
			}
		}
		/* The same string as the query, with another as the body. */
		snprintf(qs, sizeof(qs), "%.*s", (int)(n < 100 ? n : 100), s);
		q.qs = qs;
		q.body = s;
		q.blen = n ? n : 1;
		q.chunk = rng() % 4;
		rc = parse_in(&r, a, &q);
		ck_assert_msg(status_ok(rc), "iteration %d: %d", it, rc);
		if (rc == 0)
			check_result(&r);
		arena_free(a);
	}
}
END_TEST

/* ---------------------------------------------------------------- main */

static void
add(Suite *s, const char *name, const TTest **tests, size_t n, int timeout)
{
	TCase *tc = tcase_create(name);

	tcase_add_checked_fixture(tc, setup, teardown);
	if (timeout)
		tcase_set_timeout(tc, timeout);
	for (size_t i = 0; i < n; i++)
		tcase_add_test(tc, tests[i]);
	suite_add_tcase(s, tc);
}

#define ADD(s, name, timeout, ...) do { \
	const TTest *t_[] = { __VA_ARGS__ }; \
	add(s, name, t_, sizeof(t_) / sizeof(t_[0]), timeout); \
} while (0)

int
main(void)
{
	const char *tmp = getenv("TMPDIR");
	Suite *s;
	SRunner *sr;
	int failed;

	snprintf(topdir, sizeof(topdir), "%s/xs-http-XXXXXX",
	    tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	if (mkdtemp(topdir) == NULL) {
		perror("mkdtemp");
		return EXIT_FAILURE;
	}
	s = suite_create("http");

	ADD(s, "percent", 0,
	    test_percent_plus_as_space, test_percent_hex_upper_lower,
	    test_percent_chinese, test_repeated_slashes_are_one, test_percent_bad_hex, test_percent_short_escape,
	    test_percent_trailing_bare, test_percent_nul_embedded,
	    test_percent_control_char, test_percent_utf8_overlong,
	    test_percent_utf8_lone_continuation, test_percent_utf8_surrogate,
	    test_percent_utf8_above_max, test_percent_utf8_truncated,
	    test_utf8_cut_sequence);
	ADD(s, "urlencoded", 0,
	    test_urlenc_basic, test_urlenc_name_decoded, test_urlenc_empty_segments,
	    test_urlenc_name_without_eq, test_urlenc_empty_name,
	    test_urlenc_bad_escape, test_urlenc_trailing_bare_percent,
	    test_urlenc_nul_embedded, test_urlenc_invalid_utf8, test_query_parsed,
	    test_query_first_value_wins, test_query_bad_escape, test_form_body,
	    test_form_body_small_reads, test_form_body_truncated,
	    test_form_body_read_error, test_form_body_invalid_utf8);
	ADD(s, "limits", 0,
	    test_limit_fields_at_limit, test_limit_too_many_fields_query_and_body,
	    test_limit_too_many_fields_query,
	    test_limit_too_many_fields_query_and_multipart,
	    test_limit_name_too_long, test_limit_multipart_name_too_long,
	    test_limit_value_too_long, test_limit_multipart_value_too_long,
	    test_limit_form_body_too_long, test_limit_multipart_body_too_long,
	    test_limit_too_many_files, test_limit_file_too_big,
	    test_limit_part_header_at_limit, test_limit_part_header_too_big,
	    test_limit_part_header_unterminated, test_limit_uri_too_long,
	    test_limit_cookie_too_long, test_limit_header_too_long);
	ADD(s, "cookies", 0,
	    test_cookie_several_pairs, test_cookie_spaces, test_cookie_quoted_value,
	    test_cookie_malformed_skipped, test_cookie_first_wins,
	    test_cookie_empty_header);
	ADD(s, "multipart", 30,
	    test_multipart_fields_and_files, test_multipart_filename_windows_path,
	    test_multipart_empty_file_input,
	    test_multipart_empty_file_inputs_leave_no_files,
	    test_multipart_upload_keeps_no_descriptors,
	    test_multipart_empty_file_with_name, test_multipart_binary_content,
	    test_multipart_large_file_crosses_buffer, test_multipart_boundary_quoted,
	    test_multipart_boundary_70_ok, test_multipart_boundary_too_long,
	    test_multipart_boundary_missing, test_multipart_boundary_bad_chars,
	    test_multipart_wrong_boundary, test_multipart_preamble_epilogue,
	    test_multipart_first_delimiter_at_start,
	    test_multipart_transport_padding, test_multipart_garbage_after_delimiter,
	    test_multipart_bare_lf, test_multipart_no_content_disposition,
	    test_multipart_no_headers, test_multipart_no_name,
	    test_multipart_not_form_data, test_multipart_duplicate_disposition,
	    test_multipart_unterminated_quote, test_multipart_header_folding,
	    test_multipart_escaped_quote_in_name, test_multipart_nested,
	    test_multipart_field_invalid_utf8, test_multipart_truncated_no_close,
	    test_multipart_content_length_longer,
	    test_multipart_content_length_shorter, test_multipart_read_error,
	    test_multipart_empty_part_before_boundary, test_multipart_empty_body,
	    test_multipart_boundary_never_appears,
	    test_multipart_field_small_reads_memory,
	    test_multipart_chunked_identical, test_upload_tmpfiles_removed_on_free,
	    test_upload_tmpfiles_removed_after_error);
	ADD(s, "request", 0,
	    test_request_missing_method, test_request_methods,
	    test_request_headers_copied, test_request_header_control_char,
	    test_request_path_decoded, test_request_path_bad,
	    test_content_length_non_numeric, test_content_length_negative,
	    test_content_length_huge, test_content_length_zero, test_body_on_get,
	    test_unknown_content_type);
	ADD(s, "response", 0,
	    test_header_add_ok, test_header_add_crlf,
	    test_header_add_crlf_after_decode, test_header_add_bad_name,
	    test_redirect_protocol_relative, test_redirect_ok, test_write_format,
	    test_write_head_omits_body, test_write_redirect_no_body,
	    test_write_error, test_reason);
	ADD(s, "fuzz", 600,
	    test_fuzz_multipart_mutations, test_fuzz_urlencoded_random);

	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	remove_tree(topdir);
	return failed > 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
