/*
 * test_html_out.c - the pages' HTML writer (core/html_out.c) gives what a
 * browser needs, byte for byte what libxml2's HTML serializer gives (which
 * the PHP peer and every earlier release used): empty elements without end
 * tags, boolean attributes by name alone, URIs escaped, quotes chosen as
 * libxml2 chooses them, script text as it is, the document type and the
 * charset meta. Each case is transformed once and written both ways; the
 * expected bytes are worked out from the HTML rules by hand.
 */
#include "core/html_out.h"

#include <check.h>
#include <libxml/parser.h>
#include <libxslt/transform.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>
#include <stdlib.h>
#include <string.h>

#define HEAD "<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'>" \
	"<xsl:output method='html' encoding='UTF-8' indent='no' doctype-system='about:legacy-compat'/>" \
	"<xsl:template match='/'>"
#define TAIL "</xsl:template></xsl:stylesheet>"

/*
 * The stylesheet body transformed over a one-element input; html_out's
 * bytes returned (malloc'd), after checking they equal libxml2's.
 */
static char *
both(const char *body)
{
	char sheet[8192];
	xmlDocPtr sdoc, in, res;
	xsltStylesheetPtr style;
	xmlChar *ref = NULL;
	int rlen = 0;
	char *ours = NULL;
	size_t n = 0;

	snprintf(sheet, sizeof(sheet), "%s%s%s", HEAD, body, TAIL);
	sdoc = xmlReadMemory(sheet, (int)strlen(sheet), "t.xsl", NULL, 0);
	ck_assert_ptr_nonnull(sdoc);
	style = xsltParseStylesheetDoc(sdoc);
	ck_assert_ptr_nonnull(style);
	in = xmlReadMemory("<in/>", 5, "in.xml", NULL, 0);
	res = xsltApplyStylesheet(style, in, NULL);
	ck_assert_ptr_nonnull(res);
	ck_assert_int_eq(html_out(res, &ours, &n), HTML_OUT_OK);
	ck_assert_int_eq(xsltSaveResultToString(&ref, &rlen, res, style), 0);
	ck_assert_msg(n == (size_t)rlen && memcmp(ours, ref, n) == 0,
	    "html_out and libxml2 differ:\n ours:    %s\n libxml2: %s", ours, (const char *)ref);
	ck_assert_uint_eq(strlen(ours), n);
	xmlFree(ref);
	xmlFreeDoc(res);
	xmlFreeDoc(in);
	xsltFreeStylesheet(style);
	return ours;
}

/* The bytes after the document type line and before the final newline. */
static void
expect(const char *body, const char *want)
{
	char *got = both(body);
	const char *doctype = "<!DOCTYPE html>\n";
	size_t glen = strlen(got);

	ck_assert_msg(strncmp(got, doctype, strlen(doctype)) == 0, "no document type: %s", got);
	ck_assert_msg(glen > strlen(doctype) && got[glen - 1] == '\n', "no final newline: %s", got);
	got[glen - 1] = '\0';
	ck_assert_str_eq(got + strlen(doctype), want);
	free(got);
}

START_TEST(test_document_type_and_charset)
{
	expect("<html lang='zh-CN'><head><title>学时</title></head><body/></html>",
	    "<html lang=\"zh-CN\"><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-8\">"
	    "<title>学时</title></head><body></body></html>");
}
END_TEST

START_TEST(test_empty_elements_and_boolean_attributes)
{
	expect("<p><br/><input type='checkbox' name='a' checked='checked'/><img src='/q.png' alt=''/>"
	    "<select><option value='1' selected='selected'>一</option></select>"
	    "<script src='/p.js' defer='defer'></script><BR/></p>",
	    "<p><br><input type=\"checkbox\" name=\"a\" checked><img src=\"/q.png\" alt=\"\">"
	    "<select><option value=\"1\" selected>一</option></select>"
	    "<script src=\"/p.js\" defer></script><BR></p>");
}
END_TEST

START_TEST(test_uris_escaped)
{
	/* Leading blanks dropped; & as an entity; UTF-8 and spaces as %XX; name on <a> too. */
	expect("<a href=' /teacher/records?q=学 时&amp;page=2#top' name='x y'>go</a>"
	    "<form action='/logout?to=a b' method='post'><input name='x y'/></form>",
	    "<a href=\"/teacher/records?q=%E5%AD%A6%20%E6%97%B6&amp;page=2#top\" name=\"x%20y\">go</a>"
	    "<form action=\"/logout?to=a%20b\" method=\"post\"><input name=\"x y\"></form>");
}
END_TEST

START_TEST(test_text_and_quotes)
{
	expect("<p title='say \"hi\"' class=\"it's\" data-x='both &apos; and \"'>a &lt; b &amp; c &gt; d \"q\" '</p>",
	    "<p title='say \"hi\"' class=\"it's\" data-x=\"both ' and &quot;\">a &lt; b &amp; c &gt; d \"q\" '</p>");
}
END_TEST

START_TEST(test_raw_text_comments_and_unescaped)
{
	expect("<div><script>if (a &lt; b &amp;&amp; c) go();</script><style>p &gt; a { }</style>"
	    "<xsl:comment> 注 </xsl:comment>"
	    "<xsl:text disable-output-escaping='yes'>&lt;b&gt;</xsl:text></div>",
	    "<div><script>if (a < b && c) go();</script><style>p > a { }</style>"
	    "<!-- 注 --><b></div>");
}
END_TEST

START_TEST(test_foreign_elements)
{
	/* An SVG chart: its namespace declared, its href not a page's URI, its empty elements closed. */
	expect("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 10 10'>"
	    "<a href='x y'><rect width='1' height='2'/></a><text x='1'>五</text></svg>",
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\">"
	    "<a href=\"x y\"><rect width=\"1\" height=\"2\"></rect></a><text x=\"1\">五</text></svg>");
}
END_TEST

START_TEST(test_same_as_libxml2)
{
	/* Elements whose emptiness HTML 4 rules differently, written as libxml2 writes them. */
	free(both("<div><p/><td/><li/><textarea name='t'></textarea><option/><p>x</p><dd/><tr/><th/>"
	    "<section/><progress max='9' value='1'/><label/><area/><col/><hr/><link rel='x'/><meta name='m'/>"
	    "<param name='p'/><base href='/'/><embed src='x'/><iframe src='x'/></div>"));
	/* Attributes with odd values. */
	free(both("<a href='' title=''>1</a><a href='   '>2</a><a href='?a=&lt;b&gt;'>3</a>"
	    "<img src='data:image/png;base64,iVBORw0+/='/><a href='mailto:x@y.cn'>4</a>"));
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("html_out");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_document_type_and_charset);
	tcase_add_test(tc, test_empty_elements_and_boolean_attributes);
	tcase_add_test(tc, test_uris_escaped);
	tcase_add_test(tc, test_text_and_quotes);
	tcase_add_test(tc, test_raw_text_comments_and_unescaped);
	tcase_add_test(tc, test_foreign_elements);
	tcase_add_test(tc, test_same_as_libxml2);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	xsltCleanupGlobals();
	xmlCleanupParser();
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
