/*
 * test_render.c - core/render and the router: the same document as XML
 * and as HTML, the stylesheet cache, error pages, route matching, 404/405,
 * and the libxslt security preferences (no file writes, no reads outside
 * the stylesheet directory).
 */
#include "core/app.h"
#include "core/render.h"

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern const struct program program_auth;

static char dir[256], dbpath[300];
static struct config cfg;

struct fake {
	const char *const *env; /* name, value, ..., NULL */
	const char *body;
	size_t off;
};

static const char *
fake_param(void *ctx, const char *name)
{
	struct fake *f = ctx;
	for (const char *const *e = f->env; *e; e += 2)
		if (strcmp(e[0], name) == 0)
			return e[1];
	return NULL;
}

static long
fake_read(void *ctx, char *buf, size_t len)
{
	struct fake *f = ctx;
	size_t n = f->body ? strlen(f->body) - f->off : 0;
	if (n > len)
		n = len;
	if (n)
		memcpy(buf, f->body + f->off, n);
	f->off += n;
	return (long)n;
}

static void
setup(void)
{
	const char *src = getenv("XUESHI_SRCDIR");
	const char *tmp = getenv("TMPDIR");
	char path[1024];
	struct db *db;

	ck_assert_ptr_nonnull(src);
	snprintf(dir, sizeof(dir), "%s/xs-render-XXXXXX", tmp ? tmp : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(dbpath, sizeof(dbpath), "%s/t.db", dir);
	setenv("XUESHI_DATADIR", src, 1);
	setenv("XUESHI_DB", dbpath, 1);
	setenv("XUESHI_TMPDIR", dir, 1);
	ck_assert_int_eq(config_load(&cfg), 0);
	db = db_open(dbpath, 1);
	ck_assert_ptr_nonnull(db);
	ck_assert_int_eq(db_migrate(db, cfg.migrations_dir, NULL), DB_OK);
	snprintf(path, sizeof(path), "%s/db/presets/wutongqiao.sql", src);
	ck_assert_int_eq(db_exec_file(db, path), DB_OK);
	db_close(db);
	ck_assert_int_eq(render_init(cfg.xsl_dir), 0);
}

static void
teardown(void)
{
	char cmd[600];

	render_cleanup();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
}

struct result {
	int status;
	char *ctype;
	char *body;
};

/* One request through the router and renderer, as a worker would. */
static struct result
run(const char *const *env, const char *body)
{
	struct fake f = { env, body, 0 };
	struct http_source src = { fake_param, fake_read, &f };
	struct http_request req;
	struct http_response resp;
	struct ctx c;
	struct result r;
	arena *a = arena_new();
	int rc;

	memset(&c, 0, sizeof(c));
	rc = http_parse(&req, a, &src, &cfg.limits, dir);
	c.a = a;
	c.cfg = &cfg;
	c.db = db_open(dbpath, 0);
	c.req = &req;
	c.resp = &resp;
	app_handle(&program_auth, &c, rc);
	r.status = resp.status;
	r.ctype = strdup(resp.content_type ? resp.content_type : "");
	r.body = strndup(resp.body ? resp.body : "", resp.body_len);
	db_close(c.db);
	arena_free(a);
	return r;
}

static void
result_free(struct result *r)
{
	free(r->ctype);
	free(r->body);
}

START_TEST(test_home_as_xml_and_as_html)
{
	const char *xml_env[] = { "REQUEST_METHOD", "GET", "REQUEST_URI", "/?format=xml",
	    "QUERY_STRING", "format=xml", NULL };
	const char *html_env[] = { "REQUEST_METHOD", "GET", "REQUEST_URI", "/", NULL };
	struct result r = run(xml_env, NULL);

	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(r.ctype, "application/xml; charset=utf-8");
	ck_assert(strstr(r.body, "<page name=\"home\" lang=\"zh-CN\">") != NULL);
	ck_assert(strstr(r.body, "<current-year id=\"1\" label=\"2021-2022\"") != NULL);
	ck_assert(strstr(r.body, "<html") == NULL);
	result_free(&r);

	r = run(html_env, NULL);
	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(r.ctype, "text/html; charset=utf-8");
	ck_assert(strncmp(r.body, "<!DOCTYPE html>", 15) == 0);
	ck_assert(strstr(r.body, "五通桥区") != NULL);
	ck_assert(strstr(r.body, "教师本人登记") != NULL);
	result_free(&r);
}
END_TEST

START_TEST(test_stylesheet_compiled_once_per_process)
{
	const char *env[] = { "REQUEST_METHOD", "GET", "REQUEST_URI", "/", NULL };
	const char *miss[] = { "REQUEST_METHOD", "GET", "REQUEST_URI", "/nowhere", NULL };
	struct result r;

	ck_assert_int_eq(render_compiled_count(), 0);
	for (int i = 0; i < 5; i++) {
		r = run(env, NULL);
		ck_assert_int_eq(r.status, 200);
		result_free(&r);
	}
	ck_assert_int_eq(render_compiled_count(), 1);
	r = run(miss, NULL);
	ck_assert_int_eq(r.status, 404);
	result_free(&r);
	r = run(miss, NULL);
	result_free(&r);
	/* home + error, each once. */
	ck_assert_int_eq(render_compiled_count(), 2);
}
END_TEST

/*
 * The string table resolved when a stylesheet is compiled (literal keys to
 * text, computed keys to a lookup) gives the same page, byte for byte, as
 * looking every string up while transforming (XUESHI_XSLT_STRINGS_AT_RUNTIME).
 * The home page has literal keys, the 404 page a key computed from its code.
 */
START_TEST(test_strings_resolved_at_compile_time_change_nothing)
{
	const char *home[] = { "REQUEST_METHOD", "GET", "REQUEST_URI", "/", NULL };
	const char *miss[] = { "REQUEST_METHOD", "GET", "REQUEST_URI", "/nowhere", NULL };
	struct result compiled[2], runtime[2];

	compiled[0] = run(home, NULL);
	compiled[1] = run(miss, NULL);
	render_cleanup();
	setenv("XUESHI_XSLT_STRINGS_AT_RUNTIME", "1", 1);
	ck_assert_int_eq(render_init(cfg.xsl_dir), 0);
	runtime[0] = run(home, NULL);
	runtime[1] = run(miss, NULL);
	unsetenv("XUESHI_XSLT_STRINGS_AT_RUNTIME");
	ck_assert_int_eq(compiled[0].status, 200);
	ck_assert_int_eq(compiled[1].status, 404);
	ck_assert(strstr(compiled[0].body, "教师本人登记") != NULL);
	/* strings.zh-CN.xml, error.not_found: the computed key resolved. */
	ck_assert(strstr(compiled[1].body, "您访问的页面不存在，或您无权查看。") != NULL);
	for (int i = 0; i < 2; i++) {
		ck_assert_int_eq(compiled[i].status, runtime[i].status);
		ck_assert_str_eq(compiled[i].body, runtime[i].body);
		result_free(&compiled[i]);
		result_free(&runtime[i]);
	}
}
END_TEST

START_TEST(test_errors_render_with_codes)
{
	const char *notfound[] = { "REQUEST_METHOD", "GET", "REQUEST_URI", "/x?format=xml",
	    "QUERY_STRING", "format=xml", NULL };
	const char *post[] = { "REQUEST_METHOD", "POST", "REQUEST_URI", "/",
	    "CONTENT_TYPE", "application/x-www-form-urlencoded", "CONTENT_LENGTH", "3", NULL };
	const char *bad[] = { "REQUEST_METHOD", "GET", "REQUEST_URI", "/", "QUERY_STRING", "a=%ff", NULL };
	struct result r = run(notfound, NULL);

	ck_assert_int_eq(r.status, 404);
	ck_assert(strstr(r.body, "<error status=\"404\" code=\"not_found\"/>") != NULL);
	result_free(&r);
	r = run(post, "a=1");
	ck_assert_int_eq(r.status, 405);
	ck_assert(strstr(r.body, "此页面不支持该操作方式") != NULL);
	result_free(&r);
	r = run(bad, NULL);
	ck_assert_int_eq(r.status, 400);
	ck_assert(strstr(r.body, "请求格式不正确") != NULL);
	result_free(&r);
}
END_TEST

START_TEST(test_route_patterns)
{
	struct ctx c;
	arena *a = arena_new();

	memset(&c, 0, sizeof(c));
	c.a = a;
	ck_assert(app_match("/", "/", &c));
	ck_assert(!app_match("/", "/x", &c));
	ck_assert(app_match("/records/{id}", "/records/42", &c));
	ck_assert_int_eq(c.nid, 1);
	ck_assert_int_eq(c.id[0], 42);
	ck_assert(!app_match("/records/{id}", "/records/", &c));
	ck_assert(!app_match("/records/{id}", "/records/042", &c));
	ck_assert(!app_match("/records/{id}", "/records/-1", &c));
	ck_assert(!app_match("/records/{id}", "/records/1x", &c));
	ck_assert(!app_match("/records/{id}", "/records/9999999999999999", &c));
	ck_assert(!app_match("/records/{id}", "/records/1/edit", &c));
	ck_assert(app_match("/d/{code}/y/{id}", "/d/wuhua/y/7", &c));
	ck_assert_str_eq(c.code[0], "wuhua");
	ck_assert_int_eq(c.id[0], 7);
	ck_assert(!app_match("/d/{code}", "/d/Wu%20hua", &c));
	ck_assert(!app_match("/d/{code}", "/d/../x", &c));
	arena_free(a);
}
END_TEST

static void
write_sheet(const char *name, const char *text)
{
	char path[600];
	FILE *f;

	snprintf(path, sizeof(path), "%s/xsl/pages/%s.xsl", dir, name);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

/* Stylesheets that try what the security preferences forbid. */
START_TEST(test_xslt_cannot_write_or_read_outside)
{
	char path[600], victim[600];
	arena *a = arena_new();
	struct http_response resp;
	xmlNodePtr root;

	render_cleanup();
	snprintf(path, sizeof(path), "mkdir -p '%s/xsl/pages'", dir);
	ck_assert_int_eq(system(path), 0);
	snprintf(victim, sizeof(victim), "%s/written.txt", dir);
	{
		char sheet[2048];
		snprintf(sheet, sizeof(sheet),
		    "<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'"
		    " xmlns:exsl='http://exslt.org/common' extension-element-prefixes='exsl'>"
		    "<xsl:template match='/'><exsl:document href='%s' method='text'>pwned</exsl:document>"
		    "<out/></xsl:template></xsl:stylesheet>", victim);
		write_sheet("write", sheet);
	}
	write_sheet("read",
	    "<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'>"
	    "<xsl:output method='text'/>"
	    "<xsl:template match='/'>[<xsl:value-of select=\"document('/etc/passwd')\"/>]"
	    "[<xsl:value-of select=\"document('http://127.0.0.1:9/x.xml')\"/>]</xsl:template>"
	    "</xsl:stylesheet>");
	snprintf(path, sizeof(path), "%s/xsl", dir);
	ck_assert_int_eq(render_init(path), 0);

	root = render_page(a, "t");
	ck_assert_ptr_nonnull(root);
	http_response_init(&resp, a);
	ck_assert_int_eq(render_respond(&resp, root, "pages/write", 0), -1);
	ck_assert_int_ne(access(victim, F_OK), 0);

	http_response_init(&resp, a);
	if (render_respond(&resp, root, "pages/read", 0) == 0)
		ck_assert(memmem(resp.body, resp.body_len, "root:", 5) == NULL);
	/* And names that would escape the directory are refused outright. */
	http_response_init(&resp, a);
	ck_assert_int_eq(render_respond(&resp, root, "../../etc/x", 0), -1);
	arena_free(a);
}
END_TEST

START_TEST(test_text_is_escaped_in_documents)
{
	arena *a = arena_new();
	struct http_response resp;
	xmlNodePtr root = render_page(a, "t");
	char *body;

	xml_text(root, "name", "<script>&amp;\"'");
	xml_attr(root, "x", "\"><b>");
	http_response_init(&resp, a);
	ck_assert_int_eq(render_respond(&resp, root, "pages/home", 1), 0);
	body = strndup(resp.body, resp.body_len);
	ck_assert(strstr(body, "<script>") == NULL);
	ck_assert(strstr(body, "&lt;script&gt;&amp;amp;") != NULL);
	ck_assert(strstr(body, "x=\"&quot;&gt;&lt;b&gt;\"") != NULL);
	free(body);
	arena_free(a);
}
END_TEST

/* Grep every stylesheet for what must never be there. */
static int
scan_xsl(const char *path, const char *needle, char *found, size_t n)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int hits = 0;

	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		char sub[1024], *text;
		FILE *f;
		long len;

		if (e->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
		if (e->d_type == DT_DIR) {
			hits += scan_xsl(sub, needle, found, n);
			continue;
		}
		if ((f = fopen(sub, "rb")) == NULL)
			continue;
		fseek(f, 0, SEEK_END);
		len = ftell(f);
		fseek(f, 0, SEEK_SET);
		text = calloc(1, (size_t)len + 1);
		if (text != NULL && fread(text, 1, (size_t)len, f) == (size_t)len &&
		    strstr(text, needle) != NULL) {
			hits++;
			snprintf(found, n, "%s", sub);
		}
		free(text);
		fclose(f);
	}
	closedir(d);
	return hits;
}

START_TEST(test_no_disable_output_escaping_in_xsl)
{
	char found[1024] = "";
	int sheets;

	ck_assert_int_eq(scan_xsl(cfg.xsl_dir, "disable-output-escaping", found, sizeof(found)), 0);
	/* The scan itself works: it finds what every stylesheet has. */
	sheets = scan_xsl(cfg.xsl_dir, "xsl:stylesheet", found, sizeof(found));
	ck_assert_int_ge(sheets, 3);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("render");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_home_as_xml_and_as_html);
	tcase_add_test(tc, test_stylesheet_compiled_once_per_process);
	tcase_add_test(tc, test_strings_resolved_at_compile_time_change_nothing);
	tcase_add_test(tc, test_errors_render_with_codes);
	tcase_add_test(tc, test_route_patterns);
	tcase_add_test(tc, test_xslt_cannot_write_or_read_outside);
	tcase_add_test(tc, test_text_is_escaped_in_documents);
	tcase_add_test(tc, test_no_disable_output_escaping_in_xsl);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
