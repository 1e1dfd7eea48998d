/* render.c - see render.h */
#include "render.h"
#include "html_out.h"

#include <libxml/parser.h>
#include <libxml/xmlsave.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/transform.h>
#include <libxslt/xsltutils.h>
#include <libxslt/imports.h>
#include <libxslt/security.h>
#include <libxslt/documents.h>
#include <libxslt/variables.h>
#include <libxslt/extensions.h>
#include <libxml/hash.h>
#include <libxml/xpathInternals.h>
#include <libexslt/exslt.h>

#include <stdio.h>
#include <stdlib.h>
#include <limits.h>
#include <string.h>

#define RENDER_MAX_SHEETS 128

struct sheet {
	char *name;
	xsltStylesheetPtr style;
};

static struct {
	char xsl_dir[4096];
	size_t xsl_dir_len;
	xsltSecurityPrefsPtr prefs;
	struct sheet sheets[RENDER_MAX_SHEETS];
	int nsheets;
	int compiled;
	/* Documents the stylesheets read with document() (the string table),
	 * parsed once per process and lent to every transformation. */
	struct { char *uri; xmlDocPtr doc; } docs[8];
	int ndocs;
	/* The string table as a hash of key -> text, for xueshi:string(). */
	xmlHashTablePtr strings;
	int strings_tried;
	/* XUESHI_RENDER_CHECK=1: every HTML page also through libxml2's serializer, compared. */
	int check;
} R;

/* The namespace of our extension functions (declared in xsl/layout.xsl). */
#define RENDER_EXT_NS "urn:xueshi:xslt"

static void
string_free(void *payload, const xmlChar *name)
{
	(void)name;
	xmlFree(payload);
}

/*
 * The string table, read once per process into a hash: the first <s> of
 * each key wins, as key('string', $k) gives the first in document order.
 */
static void
strings_load(void)
{
	char path[4200];
	xmlDocPtr doc;

	R.strings_tried = 1;
	snprintf(path, sizeof(path), "%s/strings.zh-CN.xml", R.xsl_dir);
	doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOCDATA);
	if (doc == NULL || xmlDocGetRootElement(doc) == NULL) {
		xmlFreeDoc(doc);
		return;
	}
	R.strings = xmlHashCreate(4096);
	for (xmlNodePtr n = xmlDocGetRootElement(doc)->children; R.strings != NULL && n != NULL; n = n->next) {
		xmlChar *k, *text;
		if (n->type != XML_ELEMENT_NODE || !xmlStrEqual(n->name, BAD_CAST "s"))
			continue;
		if ((k = xmlGetProp(n, BAD_CAST "k")) == NULL)
			continue;
		text = xmlNodeGetContent(n);
		if (text == NULL || xmlHashAddEntry(R.strings, k, text) != 0)
			xmlFree(text); /* a later duplicate of the key: the first stays */
		xmlFree(k);
	}
	xmlFreeDoc(doc);
}

/*
 * xueshi:string($k): the string table's text for key $k ("" when there is
 * none): what key('string', $k) over the table gives, without building the
 * key's index in every transformation. layout.xsl's "str" template uses it
 * when function-available() says it is here (xsltproc falls back to the key).
 */
static void
ext_string(xmlXPathParserContextPtr ctxt, int nargs)
{
	xmlChar *k;
	const xmlChar *text = NULL;

	if (nargs != 1) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	k = xmlXPathPopString(ctxt);
	if (!R.strings_tried)
		strings_load();
	if (R.strings != NULL && k != NULL)
		text = xmlHashLookup(R.strings, k);
	xmlFree(k);
	valuePush(ctxt, xmlXPathNewString(text ? text : BAD_CAST ""));
}

/*
 * The document loader: a file read by document() below xsl/ is parsed once
 * and kept (the security preferences have already allowed the read when
 * the loader runs). lend_docs() marks the kept ones in a transformation's
 * list so that freeing the context leaves them alone.
 */
static xsltDocLoaderFunc base_loader; /* libxslt's own, saved before ours is set */

static void strings_load(void);

static int
is_xsl(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    xmlStrEqual(n->ns->href, XSLT_NAMESPACE) && xmlStrEqual(n->name, BAD_CAST name);
}

/*
 * A call of the "str" template,
 *   <xsl:call-template name="str"><xsl:with-param name="k" select="EXPR"/></xsl:call-template>:
 * the select expression (to free), or NULL when n is no such call.
 */
static xmlChar *
str_call_key(xmlNodePtr n)
{
	xmlNodePtr param = NULL;
	xmlChar *name, *sel;

	if (!is_xsl(n, "call-template"))
		return NULL;
	name = xmlGetNoNsProp(n, BAD_CAST "name");
	if (name == NULL || !xmlStrEqual(name, BAD_CAST "str")) {
		xmlFree(name);
		return NULL;
	}
	xmlFree(name);
	for (xmlNodePtr c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_COMMENT_NODE || (c->type == XML_TEXT_NODE && xmlIsBlankNode(c)))
			continue;
		if (param != NULL || !is_xsl(c, "with-param") || c->children != NULL)
			return NULL;
		param = c;
	}
	if (param == NULL)
		return NULL;
	name = xmlGetNoNsProp(param, BAD_CAST "name");
	sel = xmlGetNoNsProp(param, BAD_CAST "select");
	if (name == NULL || !xmlStrEqual(name, BAD_CAST "k")) {
		xmlFree(sel);
		sel = NULL;
	}
	xmlFree(name);
	return sel;
}

/*
 * Resolve the string table when a stylesheet is compiled. A call of "str"
 * with a literal key ('KEY') becomes <xsl:text> holding the string, the
 * output it gave; one with a computed key becomes
 * <xsl:value-of select="xueshi:string(EXPR)"/>, evaluated where the call
 * was (the same context and variables), without the template call. A
 * literal key that is not in the table keeps its call (it gives "").
 */
static void
resolve_strings(xmlNodePtr n)
{
	while (n != NULL) {
		xmlNodePtr next = n->next, t = NULL;
		xmlChar *sel = str_call_key(n);
		size_t len = sel ? (size_t)xmlStrlen(sel) : 0;

		if (sel != NULL && len >= 2 && sel[0] == '\'' && sel[len - 1] == '\'' &&
		    xmlStrchr(sel + 1, '\'') == sel + len - 1) {
			const xmlChar *text;
			sel[len - 1] = '\0';
			text = R.strings ? xmlHashLookup(R.strings, sel + 1) : NULL;
			if (text != NULL && (t = xmlNewDocNode(n->doc, n->ns, BAD_CAST "text", NULL)) != NULL)
				xmlNodeAddContent(t, text);
		} else if (sel != NULL) {
			xmlChar *expr = xmlStrdup(BAD_CAST "xueshi-render:string(");
			expr = xmlStrcat(expr, sel);
			expr = xmlStrcat(expr, BAD_CAST ")");
			if (expr != NULL && (t = xmlNewDocNode(n->doc, n->ns, BAD_CAST "value-of", NULL)) != NULL) {
				xmlNewNs(t, BAD_CAST RENDER_EXT_NS, BAD_CAST "xueshi-render");
				xmlNewProp(t, BAD_CAST "select", expr);
			}
			xmlFree(expr);
		}
		xmlFree(sel);
		if (t != NULL) {
			xmlReplaceNode(n, t);
			xmlFreeNode(n);
		} else if (n->type == XML_ELEMENT_NODE)
			resolve_strings(n->children);
		n = next;
	}
}

/*
 * A stylesheet's document before it is compiled: its string calls resolved
 * (XUESHI_XSLT_STRINGS_AT_RUNTIME=1 leaves them to run, for comparing).
 */
static void
sheet_strings(xmlDocPtr doc)
{
	if (doc == NULL || getenv("XUESHI_XSLT_STRINGS_AT_RUNTIME") != NULL)
		return;
	if (!R.strings_tried)
		strings_load();
	resolve_strings(xmlDocGetRootElement(doc));
}

static xmlDocPtr
cached_loader(const xmlChar *uri, xmlDictPtr dict, int options, void *ctxt,
    xsltLoadType type)
{
	const char *u = (const char *)uri;
	xmlDocPtr doc;

	if (type == XSLT_LOAD_START || type == XSLT_LOAD_STYLESHEET) {
		/* A stylesheet (or one it imports), before libxslt compiles it. */
		doc = base_loader(uri, dict, options, ctxt, type);
		sheet_strings(doc);
		return doc;
	}
	if (type != XSLT_LOAD_DOCUMENT || u == NULL)
		return base_loader(uri, dict, options, ctxt, type);
	for (int i = 0; i < R.ndocs; i++)
		if (strcmp(R.docs[i].uri, u) == 0)
			return R.docs[i].doc;
	if (R.ndocs == (int)(sizeof(R.docs) / sizeof(R.docs[0])))
		return base_loader(uri, dict, options, ctxt, type);
	/* No dictionary: the document outlives the transformation's. */
	doc = xmlReadFile(u, NULL, XML_PARSE_NONET | XML_PARSE_NOCDATA);
	if (doc == NULL)
		return NULL;
	R.docs[R.ndocs].uri = strdup(u);
	if (R.docs[R.ndocs].uri == NULL) {
		xmlFreeDoc(doc);
		return NULL;
	}
	R.docs[R.ndocs++].doc = doc;
	return doc;
}

static void
lend_docs(xsltTransformContextPtr tctx)
{
	for (xsltDocumentPtr d = tctx->docList; d != NULL; d = d->next)
		for (int i = 0; i < R.ndocs; i++)
			if (d->doc == R.docs[i].doc)
				d->main = 1; /* not the context's to free */
}

/* READ_FILE: only files below the stylesheet directory, no "..". */
static int
read_file_check(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt,
    const char *value)
{
	(void)sec;
	(void)ctxt;
	if (value == NULL)
		return 0;
	if (strncmp(value, "file://", 7) == 0)
		value += 7;
	if (strstr(value, "..") != NULL)
		return 0;
	if (strncmp(value, R.xsl_dir, R.xsl_dir_len) != 0 ||
	    value[R.xsl_dir_len] != '/')
		return 0;
	return 1;
}

static void
quiet_error(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

int
render_init(const char *xsl_dir)
{
	char *real;

	memset(&R, 0, sizeof(R));
	real = realpath(xsl_dir, NULL);
	snprintf(R.xsl_dir, sizeof(R.xsl_dir), "%s", real ? real : xsl_dir);
	free(real);
	R.xsl_dir_len = strlen(R.xsl_dir);
	R.check = getenv("XUESHI_RENDER_CHECK") != NULL && strcmp(getenv("XUESHI_RENDER_CHECK"), "1") == 0;

	xmlInitParser();
	/* No entity substitution and no network for anything we parse. */
	xmlSubstituteEntitiesDefault(0);
	xmlLoadExtDtdDefaultValue = 0;
	exsltRegisterAll();

	R.prefs = xsltNewSecurityPrefs();
	if (R.prefs == NULL ||
	    xsltSetSecurityPrefs(R.prefs, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid) ||
	    xsltSetSecurityPrefs(R.prefs, XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid) ||
	    xsltSetSecurityPrefs(R.prefs, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid) ||
	    xsltSetSecurityPrefs(R.prefs, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid) ||
	    xsltSetSecurityPrefs(R.prefs, XSLT_SECPREF_READ_FILE, read_file_check))
		return -1;
	/* Imports and includes are checked against the defaults at compile time. */
	xsltSetDefaultSecurityPrefs(R.prefs);
	xsltSetLoaderFunc(NULL); /* libxslt's default, which ours falls back to */
	base_loader = xsltDocDefaultLoader;
	xsltSetLoaderFunc(cached_loader);
	if (xsltRegisterExtModuleFunction(BAD_CAST "string", BAD_CAST RENDER_EXT_NS, ext_string) != 0)
		return -1;
	(void)quiet_error;
	return 0;
}

void
render_cleanup(void)
{
	for (int i = 0; i < R.nsheets; i++) {
		xsltFreeStylesheet(R.sheets[i].style);
		free(R.sheets[i].name);
	}
	R.nsheets = 0;
	for (int i = 0; i < R.ndocs; i++) {
		xmlFreeDoc(R.docs[i].doc);
		free(R.docs[i].uri);
	}
	R.ndocs = 0;
	xmlHashFree(R.strings, string_free);
	R.strings = NULL;
	R.strings_tried = 0;
	xsltUnregisterExtModuleFunction(BAD_CAST "string", BAD_CAST RENDER_EXT_NS);
	xsltSetLoaderFunc(NULL);
	if (R.prefs != NULL) {
		xsltSetDefaultSecurityPrefs(NULL);
		xsltFreeSecurityPrefs(R.prefs);
		R.prefs = NULL;
	}
	xsltCleanupGlobals();
	xmlCleanupParser();
}

int
render_compiled_count(void)
{
	return R.compiled;
}

static void
doc_free(void *arg)
{
	xmlFreeDoc(arg);
}

xmlNodePtr
render_page(arena *a, const char *name)
{
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root;

	if (doc == NULL)
		return NULL;
	if (arena_defer(a, doc_free, doc) < 0)
		return NULL;
	root = xmlNewDocNode(doc, NULL, BAD_CAST "page", NULL);
	if (root == NULL)
		return NULL;
	xmlDocSetRootElement(doc, root);
	xml_attr(root, "name", name);
	xml_attr(root, "lang", "zh-CN");
	return root;
}

xmlNodePtr
xml_text(xmlNodePtr parent, const char *name, const char *text)
{
	if (text == NULL)
		return NULL;
	/* xmlNewTextChild escapes; xmlNewChild would interpret entities. */
	return xmlNewTextChild(parent, NULL, BAD_CAST name, BAD_CAST text);
}

void
xml_attr(xmlNodePtr node, const char *name, const char *value)
{
	if (value != NULL)
		xmlSetProp(node, BAD_CAST name, BAD_CAST value);
}

void
xml_attr_int(xmlNodePtr node, const char *name, long long value)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%lld", value);
	xmlSetProp(node, BAD_CAST name, BAD_CAST buf);
}

xmlNodePtr
xml_node(xmlNodePtr parent, const char *name)
{
	return xmlNewChild(parent, NULL, BAD_CAST name, NULL);
}

int
render_wants_xml(const struct http_request *req)
{
	const char *f = http_query(req, "format");

	if (f != NULL)
		return strcmp(f, "xml") == 0;
	if (req->accept != NULL &&
	    (strncmp(req->accept, "application/xml", 15) == 0 ||
	    strncmp(req->accept, "text/xml", 8) == 0))
		return 1;
	return 0;
}

/* A valid stylesheet name: [a-z0-9_-/] only, no "..": it becomes a path. */
static int
sheet_name_ok(const char *name)
{
	if (*name == '\0' || *name == '/' || strstr(name, "..") != NULL)
		return 0;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '_' || *p == '-' || *p == '/'))
			return 0;
	return 1;
}

static xsltStylesheetPtr
sheet_get(const char *name)
{
	char path[4200];
	xsltStylesheetPtr style;
	xmlDocPtr sdoc;

	for (int i = 0; i < R.nsheets; i++)
		if (strcmp(R.sheets[i].name, name) == 0)
			return R.sheets[i].style;
	if (!sheet_name_ok(name) || R.nsheets >= RENDER_MAX_SHEETS)
		return NULL;
	if ((size_t)snprintf(path, sizeof(path), "%s/%s.xsl", R.xsl_dir, name) >= sizeof(path))
		return NULL;
	sdoc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOCDATA);
	if (sdoc == NULL) {
		fprintf(stderr, "xueshi: cannot read stylesheet %s\n", path);
		return NULL;
	}
	/* Its string calls resolved as the loader does for the ones it imports. */
	sheet_strings(sdoc);
	style = xsltParseStylesheetDoc(sdoc);
	if (style == NULL) {
		fprintf(stderr, "xueshi: cannot compile stylesheet %s\n", path);
		xmlFreeDoc(sdoc);
		return NULL;
	}
	R.sheets[R.nsheets].name = strdup(name);
	if (R.sheets[R.nsheets].name == NULL) {
		xsltFreeStylesheet(style);
		return NULL;
	}
	R.sheets[R.nsheets].style = style;
	R.nsheets++;
	R.compiled++;
	return style;
}

static void
add_security_headers(struct http_response *resp)
{
	http_header_add(resp, "X-Content-Type-Options", "nosniff");
	http_header_add(resp, "Content-Security-Policy",
	    "default-src 'self'; img-src 'self' data:; style-src 'self'; "
	    "script-src 'self'; object-src 'none'; base-uri 'none'; "
	    "form-action 'self'; frame-ancestors 'none'");
	http_header_add(resp, "Referrer-Policy", "same-origin");
	http_header_add(resp, "X-Frame-Options", "DENY");
	http_header_add(resp, "Cache-Control", "no-store");
}

static void
xml_free_buf(void *p)
{
	xmlFree(p);
}

/*
 * The result written by html_out when the stylesheet asks for what it writes
 * (method html, UTF-8, no indenting), else HTML_OUT_OTHER: libxslt's own.
 * Under XUESHI_RENDER_CHECK=1 both, compared: a difference is logged with
 * where it starts and the page fails (HTML_OUT_NOMEM: a 500).
 */
static enum html_out_result
write_html(xmlDocPtr res, xsltStylesheetPtr style, xmlChar **out, int *len)
{
	const xmlChar *method, *encoding;
	int indent;
	char *buf;
	size_t n;
	enum html_out_result r;

	XSLT_GET_IMPORT_PTR(method, style, method);
	XSLT_GET_IMPORT_PTR(encoding, style, encoding);
	XSLT_GET_IMPORT_INT(indent, style, indent);
	if (method == NULL || !xmlStrEqual(method, BAD_CAST "html") || indent != 0 ||
	    (encoding != NULL && xmlStrcasecmp(encoding, BAD_CAST "UTF-8") != 0))
		return HTML_OUT_OTHER;
	r = html_out(res, &buf, &n);
	if (r != HTML_OUT_OK)
		return r;
	if (n > INT_MAX) {
		free(buf);
		return HTML_OUT_NOMEM;
	}
	if (R.check) {
		xmlChar *ref = NULL;
		int rlen = 0;
		size_t at = 0;
		if (xsltSaveResultToString(&ref, &rlen, res, style) < 0 || ref == NULL) {
			free(buf);
			return HTML_OUT_NOMEM;
		}
		while (at < n && at < (size_t)rlen && buf[at] == (char)ref[at])
			at++;
		if (at != n || (size_t)rlen != n) {
			size_t from = at > 40 ? at - 40 : 0;
			fprintf(stderr, "xueshi: render check: html_out differs from libxml2 at byte %zu of %zu/%d:\n"
			    "  ours:    %.120s\n  libxml2: %.120s\n", at, n, rlen, buf + from, (const char *)ref + from);
			xmlFree(ref);
			free(buf);
			return HTML_OUT_NOMEM;
		}
		xmlFree(ref);
	}
	*out = (xmlChar *)buf;
	*len = (int)n;
	return HTML_OUT_OK;
}

int
render_respond(struct http_response *resp, xmlNodePtr root,
    const char *stylesheet, int as_xml)
{
	return render_respond_with(resp, root, stylesheet, as_xml, NULL);
}

int
render_respond_with(struct http_response *resp, xmlNodePtr root,
    const char *stylesheet, int as_xml, const char **params)
{
	xmlDocPtr doc = root->doc;
	xmlChar *out = NULL;
	int len = 0;

	add_security_headers(resp);
	if (as_xml) {
		xmlDocDumpFormatMemoryEnc(doc, &out, &len, "UTF-8", 1);
		if (out == NULL)
			return -1;
		if (arena_defer(resp->a, xml_free_buf, out) < 0)
			return -1;
		http_body(resp, "application/xml; charset=utf-8", (const char *)out,
		    (size_t)len);
		return 0;
	} else {
		xsltStylesheetPtr style = sheet_get(stylesheet);
		xsltTransformContextPtr tctx;
		xmlDocPtr res;

		if (style == NULL)
			return -1;
		tctx = xsltNewTransformContext(style, doc);
		if (tctx == NULL)
			return -1;
		xsltSetCtxtSecurityPrefs(R.prefs, tctx);
		/*
		 * The kept documents go into the context's list before the
		 * transformation: document() finds them there by URL, where
		 * loading one anew would number its every node again
		 * (xmlXPathOrderDocElems over the whole string table, per page).
		 */
		for (int i = 0; i < R.ndocs; i++) {
			xsltDocumentPtr d = xsltNewDocument(tctx, R.docs[i].doc);
			if (d != NULL)
				d->main = 1; /* not the context's to free */
		}
		/* Quoted: a parameter is a string, never an XPath expression. */
		if (params != NULL && xsltQuoteUserParams(tctx, params) != 0) {
			xsltFreeTransformContext(tctx);
			return -1;
		}
		res = xsltApplyStylesheetUser(style, doc, NULL, NULL, NULL, tctx);
		lend_docs(tctx);
		if (res == NULL || tctx->state != XSLT_STATE_OK) {
			xsltFreeTransformContext(tctx);
			xmlFreeDoc(res);
			return -1;
		}
		xsltFreeTransformContext(tctx);
		switch (write_html(res, style, &out, &len)) {
		case HTML_OUT_OK:
			xmlFreeDoc(res);
			if (arena_defer(resp->a, free, out) < 0)
				return -1;
			http_body(resp, "text/html; charset=utf-8", (const char *)out, (size_t)len);
			return 0;
		case HTML_OUT_NOMEM:
			xmlFreeDoc(res);
			return -1;
		case HTML_OUT_OTHER:
			break;
		}
		if (xsltSaveResultToString(&out, &len, res, style) < 0 || out == NULL) {
			xmlFreeDoc(res);
			return -1;
		}
		xmlFreeDoc(res);
		if (arena_defer(resp->a, xml_free_buf, out) < 0)
			return -1;
		http_body(resp, "text/html; charset=utf-8", (const char *)out,
		    (size_t)len);
		return 0;
	}
}
