/*
 * test_charts.c - the charts of /district/stats (issue 15), from the demo
 * with the presets' own years (wutongqiao 2021-2022, wuhua 2025-2026, 30
 * teachers a school; store/demo.c):
 *   - pass rate per school: the confirmed schools' teachers all have every
 *     record district_approved, and one teacher each is written to fail
 *     (wtq-sx's third, 45 h of 90; wh-hy's sixth, 48 h of 72): 29 of 30 pass;
 *   - hours against the threshold: worked out by hand for the written
 *     teachers (wtq-sx: 125 of 120 and 90 of 90 in 100-125%, 45 of 90 -
 *     exactly half - in 50-75%, 97 of 90 in 100-125%; wuhua's two new
 *     teachers 120 and 150 of 120: 100-125% and, exactly 125%, >=125%; its
 *     new principal 300 of 300: 100-125%), the rest from each school's own
 *     page, bucket by bucket;
 *   - records waiting per school and stage: a confirmed school has none, a
 *     submitted one none at 初核 (its records are all past it); the open
 *     ones as the database counts them; approving one record moves one
 *     from 初核 to 复核;
 *   - records per week: week 1 of 2021-2022 holds every wutongqiao
 *     teacher's 学习强国 record (dated 07-01) but wtq-sx's first and fourth
 *     teachers', who have none: 88; week 2 every teacher's 党建 record
 *     (07-10): 90; week 6 the new teacher's training of 08-05: 1. In wuhua
 *     week 1 holds every teacher's 校本培训 (07-01) but wh-hy's first three
 *     (new teachers and the new principal): 87.
 * The HTML carries the numbers in the SVG (<title> and data-value), and the
 * page prints (Chromium to PDF, pdftotext finds the charts' captions).
 */
#include "common.h"

#include <check.h>
#include <libxml/parser.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct server srv;
static int log_reports;

/* Records of school code's current year in state. */
static long long
records_in_state(const char *school, const char *state)
{
	char sql[700];

	snprintf(sql, sizeof(sql), "SELECT count(*) FROM record r JOIN teacher_year ty ON ty.id = r.teacher_year_id"
	    " JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1"
	    " JOIN school s ON s.id = ty.school_id WHERE s.code = '%s' AND r.state = '%s'", school, state);
	return srv_int(&srv, sql);
}

static long
at(xmlDocPtr d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static long
at(xmlDocPtr d, const char *fmt, ...)
{
	char expr[300];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(expr, sizeof(expr), fmt, ap);
	va_end(ap);
	return xpath_long(d, expr);
}

static xmlDocPtr
district_xml(const char *login)
{
	struct client *cl = client_new();
	xmlDocPtr d;
	long status;

	ck_assert_int_eq(login_as(cl, &srv, login, DEMO_PW), 303);
	d = get_xml(cl, &srv, "/district/stats", &status);
	ck_assert_int_eq(status, 200);
	ck_assert_ptr_nonnull(d);
	client_free(cl);
	return d;
}

/* The bucket (index into keys) of confirmed against threshold, as docs/operations.md defines it. */
static const char *const keys[] = { "lt50", "50-75", "75-100", "100-125", "ge125" };
static int
bucket_of(long confirmed, long threshold)
{
	static const int upper[] = { 50, 75, 100, 125 };
	for (int b = 0; b < 4; b++)
		if (confirmed * 100 < threshold * upper[b])
			return b;
	return 4;
}

/* Add each teacher of school's own page (login, its admin) to per[bucket]. */
static void
buckets_from_school_page(const char *admin, long per[5], long *teachers)
{
	struct client *cl = client_new();
	xmlDocPtr d;
	long status, n;

	ck_assert_int_eq(login_as(cl, &srv, admin, DEMO_PW), 303);
	d = get_xml(cl, &srv, "/school", &status);
	ck_assert_int_eq(status, 200);
	n = xpath_long(d, "count(/page/school/teachers/teacher/result)");
	ck_assert_int_gt(n, 0);
	for (long i = 1; i <= n; i++) {
		char expr[200];
		long c, t;
		snprintf(expr, sizeof(expr), "(/page/school/teachers/teacher/result)[%ld]/@confirmed-tenths", i);
		c = xpath_long(d, expr);
		snprintf(expr, sizeof(expr), "(/page/school/teachers/teacher/result)[%ld]/@threshold-tenths", i);
		t = xpath_long(d, expr);
		ck_assert_int_gt(t, 0);
		per[bucket_of(c, t)]++;
	}
	*teachers += n;
	xmlFreeDoc(d);
	client_free(cl);
}

START_TEST(test_pass_rate_per_school_by_hand)
{
	xmlDocPtr d = district_xml("wutongqiao-admin"), w = district_xml("wuhua-admin");

	ck_assert_int_eq(at(d, "/page/school[@code='%s']/@teachers", "wtq-sx"), 30);
	ck_assert_int_eq(at(d, "/page/school[@code='%s']/@passing", "wtq-sx"), 29);
	ck_assert_int_eq(at(d, "/page/school[@code='%s']/@failing", "wtq-sx"), 1);
	ck_assert_int_eq(at(w, "/page/school[@code='%s']/@passing", "wh-hy"), 29);
	ck_assert_int_eq(at(w, "/page/school[@code='%s']/@failing", "wh-hy"), 1);
	/* every school: passing + failing = teachers, and the total adds up */
	ck_assert_int_eq(xpath_long(d, "count(/page/school[@passing + @failing != @teachers])"), 0);
	ck_assert_int_eq(xpath_long(d, "/page/total/@passing"), xpath_long(d, "sum(/page/school/@passing)"));
	ck_assert_int_eq(xpath_long(w, "/page/total/@passing"), xpath_long(w, "sum(/page/school/@passing)"));
	xmlFreeDoc(d);
	xmlFreeDoc(w);
}
END_TEST

START_TEST(test_hours_against_threshold)
{
	struct client *cl = client_new();
	xmlDocPtr d = district_xml("wutongqiao-admin"), w = district_xml("wuhua-admin"), sx;
	long per[5] = { 0 }, teachers = 0, status;

	/* wtq-sx's written teachers, as their school's page shows them (worked out in the header) */
	ck_assert_int_eq(login_as(cl, &srv, "wtq-sx-admin", DEMO_PW), 303);
	sx = get_xml(cl, &srv, "/school", &status);
	ck_assert_int_eq(xpath_long(sx, "/page/school/teachers/teacher[@staff-no='WTQ00001']/result/@confirmed-tenths"), 1250);
	ck_assert_int_eq(xpath_long(sx, "/page/school/teachers/teacher[@staff-no='WTQ00001']/result/@threshold-tenths"), 1200);
	ck_assert_int_eq(xpath_long(sx, "/page/school/teachers/teacher[@staff-no='WTQ00002']/result/@confirmed-tenths"), 900);
	ck_assert_int_eq(xpath_long(sx, "/page/school/teachers/teacher[@staff-no='WTQ00003']/result/@confirmed-tenths"), 450);
	ck_assert_int_eq(xpath_long(sx, "/page/school/teachers/teacher[@staff-no='WTQ00004']/result/@confirmed-tenths"), 970);
	ck_assert_int_eq(bucket_of(1250, 1200), 3);
	ck_assert_int_eq(bucket_of(900, 900), 3);   /* exactly at the threshold: met */
	ck_assert_int_eq(bucket_of(450, 900), 1);   /* exactly half: 50-75 */
	xmlFreeDoc(sx);
	client_free(cl);

	/* the district's buckets are its teachers', school by school */
	buckets_from_school_page("wtq-sx-admin", per, &teachers);
	buckets_from_school_page("wtq-nh-admin", per, &teachers);
	buckets_from_school_page("wtq-zg-admin", per, &teachers);
	ck_assert_int_eq(teachers, 90);
	ck_assert_int_eq(xpath_long(d, "/page/distribution/@teachers"), 90);
	ck_assert_int_eq(xpath_long(d, "/page/distribution/@without-threshold"), 0);
	ck_assert_int_eq(xpath_long(d, "count(/page/distribution/bucket)"), 5);
	for (int b = 0; b < 5; b++) {
		ck_assert_int_eq(at(d, "/page/distribution/bucket[@key='%s']/@teachers", keys[b]), per[b]);
		ck_assert_int_eq(at(d, "sum(/page/distribution/bucket[@key='%s']/category/@teachers)", keys[b]), per[b]);
	}
	ck_assert_int_eq(at(d, "/page/distribution/bucket[@key='%s']/@to-percent", "100-125"), 125);
	ck_assert_int_eq(xpath_long(d, "sum(/page/distribution/bucket/@teachers)"), 90);
	/* wutongqiao has no new principals: no such column */
	ck_assert_int_eq(xpath_long(d, "count(//category[@name='new_principal'])"), 0);

	/* wuhua by category, by hand: new teachers 120 and 150 of 120, the new principal 300 of 300 */
	ck_assert_int_eq(at(w, "/page/distribution/bucket[@key='%s']/category[@name='new_teacher']/@teachers", "100-125"), 1);
	ck_assert_int_eq(at(w, "/page/distribution/bucket[@key='%s']/category[@name='new_teacher']/@teachers", "ge125"), 1);
	ck_assert_int_eq(at(w, "sum(/page/distribution/bucket/category[@name='%s']/@teachers)", "new_teacher"), 2);
	ck_assert_int_eq(at(w, "/page/distribution/bucket[@key='%s']/category[@name='new_principal']/@teachers", "100-125"), 1);
	ck_assert_int_eq(at(w, "sum(/page/distribution/bucket/category[@name='%s']/@teachers)", "new_principal"), 1);
	ck_assert_int_eq(xpath_long(w, "sum(/page/distribution/bucket/@teachers)"), 90);
	xmlFreeDoc(d);
	xmlFreeDoc(w);
}
END_TEST

START_TEST(test_waiting_per_school_and_stage)
{
	xmlDocPtr d = district_xml("wutongqiao-admin"), w = district_xml("wuhua-admin");

	/* by hand: confirmed schools wait for nothing; a submitted school for nothing at 初核 */
	ck_assert_int_eq(at(d, "/page/school[@code='%s']/@unreviewed", "wtq-sx"), 0);
	ck_assert_int_eq(at(d, "/page/school[@code='%s']/@awaiting-district", "wtq-sx"), 0);
	ck_assert_int_eq(at(d, "/page/school[@code='%s']/@unreviewed", "wtq-nh"), 0);
	ck_assert_int_eq(at(w, "/page/school[@code='%s']/@unreviewed", "wh-hy"), 0);
	ck_assert_int_eq(at(w, "/page/school[@code='%s']/@awaiting-district", "wh-hy"), 0);
	ck_assert_int_eq(at(w, "/page/school[@code='%s']/@unreviewed", "wh-ez"), 0);
	/* the rest as the database holds them, and there are some */
	ck_assert_int_eq(at(d, "/page/school[@code='%s']/@awaiting-district", "wtq-nh"), records_in_state("wtq-nh", "school_approved"));
	ck_assert_int_gt(records_in_state("wtq-nh", "school_approved"), 0);
	ck_assert_int_eq(at(d, "/page/school[@code='%s']/@unreviewed", "wtq-zg"), records_in_state("wtq-zg", "submitted"));
	ck_assert_int_gt(records_in_state("wtq-zg", "submitted"), 0);
	ck_assert_int_eq(at(d, "/page/school[@code='%s']/@awaiting-district", "wtq-zg"), records_in_state("wtq-zg", "school_approved"));
	ck_assert_int_eq(at(w, "/page/school[@code='%s']/@unreviewed", "wh-tj"), records_in_state("wh-tj", "submitted"));
	ck_assert_int_eq(at(w, "/page/school[@code='%s']/@awaiting-district", "wh-tj"), records_in_state("wh-tj", "school_approved"));
	ck_assert_int_eq(xpath_long(d, "/page/total/@awaiting-district"), xpath_long(d, "sum(/page/school/@awaiting-district)"));
	xmlFreeDoc(d);
	xmlFreeDoc(w);
}
END_TEST

START_TEST(test_approval_moves_one_record_to_the_district)
{
	struct client *adm = client_new();
	xmlDocPtr before = district_xml("wutongqiao-admin"), after;
	long long id = srv_intf(&srv, "SELECT min(r.id) FROM record r JOIN teacher_year ty ON ty.id = r.teacher_year_id"
	    " JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1"
	    " JOIN school s ON s.id = ty.school_id WHERE s.code = '%s' AND r.state = 'submitted'", "wtq-zg");
	char path[120];
	struct reply r;

	ck_assert_int_gt(id, 0);
	ck_assert_int_eq(login_as(adm, &srv, "wtq-zg-admin", DEMO_PW), 303);
	snprintf(path, sizeof(path), "/school/records/%lld/review", id);
	ck_assert_int_eq(post_form(adm, &srv, path, "decision=approve", &r), 303);
	reply_free(&r);
	after = district_xml("wutongqiao-admin");
	ck_assert_int_eq(at(after, "/page/school[@code='%s']/@unreviewed", "wtq-zg"),
	    at(before, "/page/school[@code='%s']/@unreviewed", "wtq-zg") - 1);
	ck_assert_int_eq(at(after, "/page/school[@code='%s']/@awaiting-district", "wtq-zg"),
	    at(before, "/page/school[@code='%s']/@awaiting-district", "wtq-zg") + 1);
	ck_assert_int_eq(xpath_long(after, "/page/total/@awaiting-district"), xpath_long(before, "/page/total/@awaiting-district") + 1);
	/* the other schools do not move; the registered records per week do not either */
	ck_assert_int_eq(at(after, "/page/school[@code='%s']/@awaiting-district", "wtq-nh"),
	    at(before, "/page/school[@code='%s']/@awaiting-district", "wtq-nh"));
	ck_assert_int_eq(xpath_long(after, "/page/weeks/@records"), xpath_long(before, "/page/weeks/@records"));
	xmlFreeDoc(before);
	xmlFreeDoc(after);
	client_free(adm);
}
END_TEST

START_TEST(test_records_per_week)
{
	xmlDocPtr d = district_xml("wutongqiao-admin"), w = district_xml("wuhua-admin");
	long long all = srv_intf(&srv, "SELECT count(*) FROM record r JOIN teacher_year ty ON ty.id = r.teacher_year_id"
	    " JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1"
	    " JOIN district d ON d.id = y.district_id WHERE d.code = '%s'", "wutongqiao");
	long long conf1 = srv_intf(&srv, "SELECT count(*) FROM record r JOIN teacher_year ty ON ty.id = r.teacher_year_id"
	    " JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1"
	    " JOIN district d ON d.id = y.district_id WHERE d.code = '%s' AND r.state = 'district_approved'"
	    " AND r.started_on BETWEEN '2021-07-01' AND '2021-07-07'", "wutongqiao");

	/* the year is over: all of its 53 weeks (52 of 7 days and 2022-06-30) */
	ck_assert_int_eq(xpath_long(d, "/page/weeks/@year-weeks"), 53);
	ck_assert_int_eq(xpath_long(d, "/page/weeks/@weeks"), 53);
	ck_assert_int_eq(xpath_long(d, "count(/page/weeks/week)"), 53);
	ck_assert_int_eq(at(d, "count(/page/weeks/week[1][@from='%s' and @to='2021-07-07'])", "2021-07-01"), 1);
	ck_assert_int_eq(at(d, "count(/page/weeks/week[53][@from='%s' and @to='2022-06-30'])", "2022-06-30"), 1);
	/* by hand (see the header) */
	ck_assert_int_eq(xpath_long(d, "/page/weeks/week[@n=1]/@records"), 88);
	ck_assert_int_eq(xpath_long(d, "/page/weeks/week[@n=2]/@records"), 90);
	ck_assert_int_eq(xpath_long(d, "/page/weeks/week[@n=2]/@cumulative"), 178);
	ck_assert_int_eq(xpath_long(d, "/page/weeks/week[@n=3]/@records"), 0);
	ck_assert_int_eq(xpath_long(d, "/page/weeks/week[@n=6]/@records"), 1);
	ck_assert_int_eq(xpath_long(d, "/page/weeks/week[@n=1]/@confirmed"), conf1);
	ck_assert_int_ge(conf1, 28);   /* wtq-sx's 28 at least: its year is confirmed */
	/* the running totals end at every record of the year */
	ck_assert_int_eq(xpath_long(d, "/page/weeks/@records"), all);
	ck_assert_int_eq(xpath_long(d, "/page/weeks/week[@n=53]/@cumulative"), all);
	ck_assert_int_eq(xpath_long(d, "sum(/page/weeks/week/@records)"), all);
	ck_assert_int_eq(xpath_long(d, "/page/weeks/week[@n=53]/@confirmed-cumulative"), xpath_long(d, "/page/weeks/@confirmed"));
	ck_assert_int_eq(xpath_long(d, "count(/page/weeks/week[@n > 1][@cumulative != preceding-sibling::week[1]/@cumulative + @records])"), 0);
	/* wuhua's 2025-2026 */
	ck_assert_int_eq(at(w, "count(/page/weeks[@starts-on='%s'])", "2025-07-01"), 1);
	ck_assert_int_eq(xpath_long(w, "/page/weeks/week[@n=1]/@records"), 87);
	xmlFreeDoc(d);
	xmlFreeDoc(w);
}
END_TEST

/* The HTML's SVG carries the XML's numbers: titles with the exact values, data-value on the bars. */
START_TEST(test_html_svg_carries_the_numbers)
{
	struct client *cl = client_new();
	xmlDocPtr d = district_xml("wutongqiao-admin");
	struct reply r;
	char needle[300];

	ck_assert_int_eq(login_as(cl, &srv, "wutongqiao-admin", DEMO_PW), 303);
	ck_assert_int_eq(client_do(cl, &srv, "GET", "/district/stats", NULL, NULL, 0, NULL, &r), 0);
	ck_assert_int_eq(r.status, 200);
	ck_assert(reply_contains(&r, "<svg"));
	ck_assert(reply_contains(&r, "viewBox=\"0 0 400 "));
	ck_assert(reply_contains(&r, "id=\"chart-pass\""));
	ck_assert(reply_contains(&r, "id=\"chart-dist\""));
	ck_assert(reply_contains(&r, "id=\"chart-wait\""));
	ck_assert(reply_contains(&r, "id=\"chart-weeks\""));
	/* pass rate: wtq-sx's bar */
	ck_assert(reply_contains(&r, "<title>五通桥区实验小学：30 人中合格 29 人（96.7%）</title>"));
	ck_assert(reply_contains(&r, "data-value=\"29\""));
	/* the distribution's bars */
	snprintf(needle, sizeof(needle), "data-value=\"%ld\"><title>100%%–125%%：%ld人</title>",
	    xpath_long(d, "/page/distribution/bucket[@key='100-125']/@teachers"),
	    xpath_long(d, "/page/distribution/bucket[@key='100-125']/@teachers"));
	ck_assert_msg(reply_contains(&r, needle), "no %s", needle);
	snprintf(needle, sizeof(needle), "<title>不足50%%：%ld人</title>",
	    xpath_long(d, "/page/distribution/bucket[@key='lt50']/@teachers"));
	ck_assert_msg(reply_contains(&r, needle), "no %s", needle);
	/* waiting: wtq-zg at both stages */
	snprintf(needle, sizeof(needle), "<title>五通桥区竹根幼儿园：待学校初核 %ld 条</title>",
	    xpath_long(d, "/page/school[@code='wtq-zg']/@unreviewed"));
	ck_assert_msg(reply_contains(&r, needle), "no %s", needle);
	snprintf(needle, sizeof(needle), "<title>五通桥区竹根幼儿园：待区级复核 %ld 条</title>",
	    xpath_long(d, "/page/school[@code='wtq-zg']/@awaiting-district"));
	ck_assert_msg(reply_contains(&r, needle), "no %s", needle);
	/* the weeks: week 2's running total, by hand */
	ck_assert(reply_contains(&r, "第2周（2021-07-08–2021-07-14）累计登记 178"));
	/* a table beside each chart with the same numbers; no script in the charts */
	ck_assert(reply_contains(&r, "<th>待区级复核</th>"));
	ck_assert(!reply_contains(&r, "onclick"));
	ck_assert(!reply_contains(&r, "<script>"));
	reply_free(&r);
	xmlFreeDoc(d);
	client_free(cl);
}
END_TEST

/* Body as HTML whose /static/ links point at the source tree (Chromium reads it from disk). */
static void
save_html(const struct reply *r, const char *path)
{
	FILE *f = fopen(path, "w");
	const char *p = r->body, *hit;

	ck_assert_ptr_nonnull(f);
	while ((hit = strstr(p, "\"/static/")) != NULL) {
		fwrite(p, 1, (size_t)(hit - p) + 1, f);
		fprintf(f, "file://%s/htdocs/", env_srcdir());
		p = hit + strlen("\"/static/");
	}
	fputs(p, f);
	fclose(f);
}

/* pdftotext may spread CJK over spaces: compare without whitespace. */
static int
pdf_contains(const char *text, const char *needle)
{
	char *a = malloc(strlen(text) + 1), *o = a;
	int found;

	ck_assert_ptr_nonnull(a);
	for (const char *p = text; *p; p++)
		if (*p != ' ' && *p != '\n' && *p != '\t' && *p != '\f')
			*o++ = *p;
	*o = '\0';
	found = strstr(a, needle) != NULL;
	free(a);
	return found;
}

START_TEST(test_charts_print_to_pdf)
{
	struct client *cl = client_new();
	struct reply r;
	char html[700], pdf[700], cmd[3000], buf[4096];
	char *text = NULL;
	size_t n = 0, k;
	FILE *p;

	ck_assert_int_eq(login_as(cl, &srv, "wutongqiao-admin", DEMO_PW), 303);
	ck_assert_int_eq(client_do(cl, &srv, "GET", "/district/stats", NULL, NULL, 0, NULL, &r), 0);
	ck_assert_int_eq(r.status, 200);
	snprintf(html, sizeof(html), "%s/charts.html", srv.dir);
	snprintf(pdf, sizeof(pdf), "%s/charts.pdf", srv.dir);
	save_html(&r, html);
	reply_free(&r);
	snprintf(cmd, sizeof(cmd),
	    "chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
	    " --disable-background-networking --disable-component-update --disable-sync"
	    " --user-data-dir=%s/chromium --allow-file-access-from-files --no-pdf-header-footer"
	    " --print-to-pdf=%s file://%s >/dev/null 2>&1", srv.dir, pdf, html);
	ck_assert_int_eq(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "pdftotext -enc UTF-8 %s -", pdf);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	while ((k = fread(buf, 1, sizeof(buf), p)) > 0) {
		char *more = realloc(text, n + k + 1);
		ck_assert_ptr_nonnull(more);
		text = more;
		memcpy(text + n, buf, k);
		n += k;
	}
	pclose(p);
	ck_assert_ptr_nonnull(text);
	text[n] = '\0';
	/* the captions, the SVG's own labels (text in the chart) and the tables' numbers */
	ck_assert_msg(pdf_contains(text, "各校合格率"), "no pass-rate caption in the PDF");
	ck_assert(pdf_contains(text, "教师已确认学时占本人考核要求的比例"));
	ck_assert(pdf_contains(text, "各校待审核记录"));
	ck_assert(pdf_contains(text, "本学年登记进度"));
	ck_assert(pdf_contains(text, "96.7%（29/30）"));   /* the bar's text inside the SVG */
	ck_assert(pdf_contains(text, "125%及以上"));
	ck_assert(pdf_contains(text, "待区级复核"));
	ck_assert(pdf_contains(text, "2021-07-08–07-14"));   /* the weeks' table */
	free(text);
	client_free(cl);
}
END_TEST

static void
setup(void)
{
	demo_setup(&srv);
}

static void
teardown(void)
{
	demo_teardown(&srv, &log_reports);
}

int
main(void)
{
	Suite *s = suite_create("charts");
	TCase *tc = tcase_create("district statistics charts");

	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_pass_rate_per_school_by_hand);
	tcase_add_test(tc, test_hours_against_threshold);
	tcase_add_test(tc, test_waiting_per_school_and_stage);
	tcase_add_test(tc, test_records_per_week);
	tcase_add_test(tc, test_html_svg_carries_the_numbers);
	tcase_add_test(tc, test_charts_print_to_pdf);
	tcase_add_test(tc, test_approval_moves_one_record_to_the_district);
	suite_add_tcase(s, tc);
	return suite_main(s, "test_charts", &log_reports);
}
